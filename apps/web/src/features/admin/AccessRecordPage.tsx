import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormAlert } from '../../components/FormAlert.tsx';
import { PageHeading } from '../../components/PageHeading.tsx';
import { TextField } from '../../components/TextField.tsx';
import { useErrorText } from '../../i18n/error-text.ts';
import { reasonOf, useTRPC } from '../../trpc.ts';
import { AccessTable } from '../history/AccessTable.tsx';
import { Pager } from '../history/Pager.tsx';
import { useCursorPages } from '../history/paging.ts';

const PAGE_SIZE = 50;
/** This month in the viewer's time zone, as `<input type="month">` writes it (`2026-11`). */
const thisMonth = () => {
  const now = new Date();
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}`;
};

/** /admin/acessos (auditors and admins): every read of customers' data by staff or services, month by month. */
export function AccessRecordPage() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const trpc = useTRPC();
  const [month, setMonth] = useState(thisMonth);
  const pages = useCursorPages();
  const valid = /^\d{4}-(0[1-9]|1[0-2])$/.test(month);
  const record = useQuery({
    ...trpc.ops.accessRecord.queryOptions({ month, limit: PAGE_SIZE, cursor: pages.cursor }),
    enabled: valid,
  });

  return (
    <section className="card">
      <PageHeading lead={t('admin.accessRecord.intro')}>{t('admin.accessRecord.title')}</PageHeading>
      <div className="form__grid">
        <TextField
          id="access-month"
          label={t('admin.accessRecord.month')}
          className="span-2"
          type="month"
          value={month}
          onChange={(e) => {
            pages.reset();
            setMonth(e.target.value);
          }}
        />
      </div>
      <FormAlert message={record.isError ? errorText(reasonOf(record.error)) : null} />
      {record.isPending && valid && <p>{t('common.loading')}</p>}
      {record.data && record.data.items.length === 0 && <p>{t('admin.accessRecord.empty')}</p>}
      {record.data && record.data.items.length > 0 && <AccessTable items={record.data.items} showCustomer />}
      <Pager
        pages={pages}
        nextCursor={record.data?.nextCursor}
        labels={{ previous: t('access.previous'), next: t('access.next') }}
      />
    </section>
  );
}
