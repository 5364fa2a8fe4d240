import './i18n.ts';
import type { CustomerEventView } from '@cadastro/contracts';
import { useTranslation } from 'react-i18next';
import { useLocalDateTime } from './dates.ts';
import type { HistoryTranslation } from './i18n.ts';

type Texts = HistoryTranslation['history'];
const known = <T extends object>(texts: T, key: string): key is Extract<keyof T, string> => key in texts;

/**
 * A customer's history in words and local dates: what happened, which data it touched and who did it.
 * `reader`: the customer sees "Você" and "Equipe da empresa"; operators see the operator's name.
 */
export function HistoryTable({
  events,
  reader,
  testId,
}: {
  events: readonly CustomerEventView[];
  reader: 'customer' | 'staff';
  testId?: string;
}) {
  const { t } = useTranslation();
  const when = useLocalDateTime();
  const texts = t('history', { returnObjects: true }) as Texts;
  if (events.length === 0) return <p>{texts.empty}</p>;

  const what = (e: CustomerEventView) => {
    const name = known(texts.events, e.type) ? texts.events[e.type] : texts.events.other;
    // What a change touched, or which consent; a registration touches everything and names nothing.
    const fields =
      e.type === 'updated' ? e.fields.flatMap((f) => (known(texts.fields, f) ? [texts.fields[f]] : [])) : [];
    const purpose = typeof e.details.purpose === 'string' ? e.details.purpose : null;
    const about = purpose && known(texts.purposes, purpose) ? [texts.purposes[purpose]] : fields;
    return about.length ? t('history.changed', { what: name, fields: about.join(', ') }) : name;
  };
  const who = ({ actor }: CustomerEventView) => {
    if (actor.role === 'customer')
      return reader === 'customer' ? texts.actors.customerSelf : texts.actors.customer;
    if (actor.role === 'operator') {
      return reader === 'staff' && actor.name
        ? t('history.actors.operatorNamed', { name: actor.name })
        : texts.actors.operator;
    }
    return actor.role === 'service' ? texts.actors.service : texts.actors.system;
  };

  return (
    <table className="table" data-testid={testId}>
      <thead>
        <tr>
          <th scope="col">{texts.when}</th>
          <th scope="col">{texts.what}</th>
          <th scope="col">{texts.who}</th>
        </tr>
      </thead>
      <tbody>
        {events.map((e) => (
          <tr key={e.id}>
            <td data-label={texts.when}>{when(e.at)}</td>
            <td data-label={texts.what}>{what(e)}</td>
            <td data-label={texts.who}>{who(e)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
