import { AGE_BAND_IDS, formatBytes, type LifecycleReportView } from '@cadastro/contracts';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormAlert } from '../../components/FormAlert.tsx';
import { PageHeading } from '../../components/PageHeading.tsx';
import { TextField } from '../../components/TextField.tsx';
import { useErrorText } from '../../i18n/error-text.ts';
import { reasonOf, useTRPC } from '../../trpc.ts';

const OTHER_PREFIX = '(other)';

/** Numbers, sizes, dollars and months in the reader's language. */
function useFormats() {
  const { i18n } = useTranslation();
  const language = i18n.language;
  const count = new Intl.NumberFormat(language);
  const usd = new Intl.NumberFormat(language, {
    style: 'currency',
    currency: 'USD',
    minimumFractionDigits: 2,
    maximumFractionDigits: 6,
  });
  const month = new Intl.DateTimeFormat(language, { month: 'long', year: 'numeric', timeZone: 'UTC' });
  const day = new Intl.DateTimeFormat(language, { dateStyle: 'long', timeZone: 'UTC' });
  return {
    count: (n: number) => count.format(n),
    bytes: (n: number) => formatBytes(n, language),
    usd: (n: number) => usd.format(n),
    month: (yyyyMm: string) => month.format(new Date(`${yyyyMm}-01T00:00:00Z`)),
    day: (iso: string) => day.format(new Date(iso)),
  };
}

/** The bucket's storage for operators: objects by prefix × class × age, scheduled moves, monthly cost. */
export function StoragePage() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const trpc = useTRPC();
  /** The day the projection is for (`YYYY-MM-DD`); today when empty. */
  const [asOf, setAsOf] = useState('');
  const report = useQuery({
    ...trpc.ops.lifecycleReport.queryOptions(/^\d{4}-\d{2}-\d{2}$/.test(asOf) ? { asOf } : undefined),
    placeholderData: keepPreviousData,
  });

  return (
    <section className="card">
      <PageHeading lead={t('admin.storage.intro')}>{t('admin.storage.title')}</PageHeading>
      <div className="form__grid">
        <TextField
          id="storage-as-of"
          type="date"
          label={t('admin.storage.asOfField')}
          hint={t('admin.storage.asOfHint')}
          className="span-3"
          value={asOf}
          onChange={(e) => setAsOf(e.target.value)}
        />
      </div>
      <FormAlert message={report.isError ? errorText(reasonOf(report.error)) : null} />
      {report.isPending && <p>{t('common.loading')}</p>}
      {report.data && <StorageReport report={report.data} />}
    </section>
  );
}

function StorageReport({ report }: { report: LifecycleReportView }) {
  const { t, i18n } = useTranslation();
  const list = new Intl.ListFormat(i18n.language, { type: 'conjunction' });
  const f = useFormats();
  const groups = [...report.groups].sort(
    (a, b) =>
      Number(a.prefix === OTHER_PREFIX) - Number(b.prefix === OTHER_PREFIX) ||
      a.prefix.localeCompare(b.prefix) ||
      a.storageClass.localeCompare(b.storageClass) ||
      AGE_BAND_IDS.indexOf(a.ageBand) - AGE_BAND_IDS.indexOf(b.ageBand),
  );
  const estimated = report.prices.some((p) => p.estimate);
  const notes = report.notes.flatMap((note) => {
    const text = noteText(note);
    return text ? [text] : [];
  });

  /** A note in the page's language; notes the page already states (rules' source, cap, storage only) are left out. */
  function noteText({ code, values: v }: LifecycleReportView['notes'][number]): string | null {
    switch (code) {
      case 'current_versions_only':
      case 'tag_rules_not_evaluated':
        return t(`admin.storage.noteTexts.${code}`);
      case 'archive_overhead':
        return t('admin.storage.noteTexts.archive_overhead', {
          overhead: f.bytes(40 * 1024),
          archived: f.bytes(32 * 1024),
          standard: f.bytes(8 * 1024),
          small: f.bytes(128 * 1024),
        });
      case 'minimum_storage_days': {
        const minimums = Object.entries(v).map(([storageClass, days]) =>
          t('admin.storage.noteTexts.minimum', { storageClass, days }),
        );
        return t('admin.storage.noteTexts.minimum_storage_days', { minimums: list.format(minimums) });
      }
      case 'price_estimate':
        return t('admin.storage.noteTexts.price_estimate', v);
      case 'small_objects_stay':
        return t('admin.storage.noteTexts.small_objects_stay', { limit: f.bytes(Number(v.limitBytes)) });
      default:
        return null;
    }
  }

  return (
    <>
      <p>
        {t('admin.storage.bucket')}: <code>{report.bucket}</code> · {t('admin.storage.asOf')}{' '}
        {f.day(report.asOf)}
      </p>
      {report.rulesSource === 'desired' && (
        <p className="form-alert" role="note">
          {t('admin.storage.rulesFromInfra')}
        </p>
      )}
      {report.truncated && (
        <p className="form-alert" role="note">
          {t('admin.storage.truncated', { max: f.count(report.maxObjects) })}
        </p>
      )}

      {report.totals.objects === 0 ? (
        <p>{t('admin.storage.empty')}</p>
      ) : (
        <>
          <table className="table" data-testid="storage-groups">
            <caption>{t('admin.storage.groups.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('admin.storage.groups.prefix')}</th>
                <th scope="col">{t('admin.storage.groups.storageClass')}</th>
                <th scope="col">{t('admin.storage.groups.ageBand')}</th>
                <th scope="col" className="numeric">
                  {t('admin.storage.objects')}
                </th>
                <th scope="col" className="numeric">
                  {t('admin.storage.size')}
                </th>
              </tr>
            </thead>
            <tbody>
              {groups.map((g) => (
                <tr key={`${g.prefix} ${g.storageClass} ${g.ageBand}`}>
                  <th scope="row" data-label={t('admin.storage.groups.prefix')}>
                    {g.prefix === OTHER_PREFIX ? t('admin.storage.groups.other') : <code>{g.prefix}</code>}
                  </th>
                  <td data-label={t('admin.storage.groups.storageClass')}>{g.storageClass}</td>
                  <td data-label={t('admin.storage.groups.ageBand')}>
                    {t(`admin.storage.ageBands.${g.ageBand}`)}
                  </td>
                  <td className="numeric" data-label={t('admin.storage.objects')}>
                    {f.count(g.objects)}
                  </td>
                  <td className="numeric" data-label={t('admin.storage.size')}>
                    {f.bytes(g.bytes)}
                  </td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr data-testid="storage-totals">
                <th scope="row" colSpan={3}>
                  {t('admin.storage.total')}
                </th>
                <td className="numeric" data-label={t('admin.storage.objects')}>
                  {f.count(report.totals.objects)}
                </td>
                <td className="numeric" data-label={t('admin.storage.size')}>
                  {f.bytes(report.totals.bytes)}
                </td>
              </tr>
            </tfoot>
          </table>

          <table className="table">
            <caption>{t('admin.storage.schedule.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('admin.storage.schedule.when')}</th>
                <th scope="col">{t('admin.storage.schedule.action')}</th>
                <th scope="col" className="numeric">
                  {t('admin.storage.objects')}
                </th>
                <th scope="col" className="numeric">
                  {t('admin.storage.size')}
                </th>
              </tr>
            </thead>
            <tbody>
              {report.schedule.length === 0 && (
                <tr>
                  <td colSpan={4}>{t('admin.storage.schedule.none')}</td>
                </tr>
              )}
              {report.schedule.map((s) => (
                <tr key={`${s.when} ${s.action} ${s.storageClass ?? ''}`}>
                  <th scope="row" data-label={t('admin.storage.schedule.when')}>
                    {s.when === 'due' ? t('admin.storage.schedule.due') : f.month(s.when)}
                  </th>
                  <td data-label={t('admin.storage.schedule.action')}>
                    {s.action === 'transition'
                      ? t('admin.storage.schedule.transition', { storageClass: s.storageClass ?? '' })
                      : t('admin.storage.schedule.expire')}
                  </td>
                  <td className="numeric" data-label={t('admin.storage.objects')}>
                    {f.count(s.objects)}
                  </td>
                  <td className="numeric" data-label={t('admin.storage.size')}>
                    {f.bytes(s.bytes)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {report.smallObjectsKept.objects > 0 && (
            <p>
              {t('admin.storage.schedule.smallKept', {
                objects: f.count(report.smallObjectsKept.objects),
                size: f.bytes(report.smallObjectsKept.bytes),
                limit: f.bytes(128 * 1024), // S3's threshold (SMALL_OBJECT_BYTES in @cadastro/infra)
              })}
            </p>
          )}
        </>
      )}

      <table className="table" data-testid="storage-cost">
        <caption>{t('admin.storage.cost.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('admin.storage.cost.scenario')}</th>
            <th scope="col" className="numeric">
              {t('admin.storage.cost.usdPerMonth')}
            </th>
          </tr>
        </thead>
        <tbody>
          {(['asStored', 'withoutRules', 'withRules'] as const).map((scenario) => (
            <tr key={scenario}>
              <th scope="row">{t(`admin.storage.cost.${scenario}`)}</th>
              <td className="numeric" data-label={t('admin.storage.cost.usdPerMonth')}>
                {f.usd(report.monthlyCostUsd[scenario])}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p>
        {t('admin.storage.cost.prices', { region: report.priceRegion, source: report.priceSource })}{' '}
        {estimated && t('admin.storage.cost.estimates')} {t('admin.storage.cost.storageOnly')}
      </p>

      {notes.length > 0 && (
        <details>
          <summary>{t('admin.storage.notes')}</summary>
          <ul data-testid="storage-notes">
            {notes.map((note) => (
              <li key={note}>{note}</li>
            ))}
          </ul>
        </details>
      )}
    </>
  );
}
