import './i18n.ts';
import { type AccessRecordView, protocolOf } from '@cadastro/contracts';
import { useTranslation } from 'react-i18next';
import { useLocalDateTime } from './dates.ts';
import type { HistoryTranslation } from './i18n.ts';

type Texts = HistoryTranslation['access'];

/**
 * Reads of a customer's data by staff or services (LGPD Art. 37) in words: when, who, what they did and how
 * (an operator's session or a service's API key). Auditors also see which customer, by protocol number.
 */
export function AccessTable({
  items,
  showCustomer = false,
}: {
  items: readonly AccessRecordView[];
  showCustomer?: boolean;
}) {
  const { t } = useTranslation();
  const when = useLocalDateTime();
  const texts = t('access', { returnObjects: true }) as Texts;
  const what = (procedure: string) =>
    procedure in texts.procedures
      ? texts.procedures[procedure as keyof Texts['procedures']]
      : texts.procedures.other;

  return (
    <table className="table" data-testid="access-record">
      <thead>
        <tr>
          <th scope="col">{texts.when}</th>
          {showCustomer && <th scope="col">{texts.customer}</th>}
          <th scope="col">{texts.who}</th>
          <th scope="col">{texts.what}</th>
          <th scope="col">{texts.how}</th>
        </tr>
      </thead>
      <tbody>
        {items.map((a) => (
          <tr key={a.id}>
            <td data-label={texts.when}>{when(a.at)}</td>
            {showCustomer && <td data-label={texts.customer}>{protocolOf(a.customerId)}</td>}
            <td data-label={texts.who}>
              {a.actor.kind === 'operator'
                ? t('access.byOperator', { name: a.actor.name })
                : t('access.byService', { name: a.actor.name })}
            </td>
            <td data-label={texts.what}>{what(a.procedure)}</td>
            <td data-label={texts.how}>{a.actor.kind === 'operator' ? texts.viaSession : texts.viaKey}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
