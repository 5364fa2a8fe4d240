import { displayPhone, formatCpf } from '@cadastro/contracts';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { DetailsList, formatAddress } from '../../components/DetailsList.tsx';
import { FormAlert } from '../../components/FormAlert.tsx';
import { PageHeading } from '../../components/PageHeading.tsx';
import { useErrorText } from '../../i18n/error-text.ts';
import { paths } from '../../routes.ts';
import { reasonOf, useTRPC } from '../../trpc.ts';
import { AttachmentList } from '../attachments/AttachmentList.tsx';

/** One customer's record, documents (with restore from Glacier) and history, for operators. */
export function CustomerPage() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const trpc = useTRPC();
  const id = useParams().id ?? '';
  const customer = useQuery(trpc.customers.get.queryOptions({ id }));
  const events = useQuery(trpc.customers.events.queryOptions({ id, limit: 100 }));

  if (customer.isPending) return <p className="card">{t('common.loading')}</p>;
  if (customer.isError) return <FormAlert message={errorText(reasonOf(customer.error))} />;
  const c = customer.data;
  const a = c.address;
  const rows: Array<[string, string]> = [
    [t('register.fields.cpf'), formatCpf(c.cpf)],
    [t('register.fields.email'), c.email],
    [t('register.fields.phone'), displayPhone(c.phone)],
    [t('register.fields.birthDate'), c.birthDate],
    [t('register.sections.address'), formatAddress(a)],
    [t('admin.customers.createdAt'), new Date(c.createdAt).toLocaleString()],
    [t('admin.customer.version'), String(c.version)],
  ];

  return (
    <section className="card">
      <p>
        <Link to={paths.admin}>← {t('admin.nav.customers')}</Link>
      </p>
      <PageHeading>{c.name}</PageHeading>
      <DetailsList rows={rows} testId="customer-details" />
      <AttachmentList customerId={c.id} />
      <h2 className="section-title">{t('admin.customer.history')}</h2>
      {events.data && (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t('admin.customer.when')}</th>
              <th scope="col">{t('admin.customer.what')}</th>
              <th scope="col">{t('admin.customer.who')}</th>
              <th scope="col">{t('admin.customer.fields')}</th>
            </tr>
          </thead>
          <tbody>
            {events.data.items.map((e) => (
              <tr key={e.id}>
                <td data-label={t('admin.customer.when')}>{new Date(e.at).toLocaleString()}</td>
                <td data-label={t('admin.customer.what')}>{e.type}</td>
                <td data-label={t('admin.customer.who')}>
                  {e.actor.role}
                  {e.actor.id ? ` ${e.actor.id.slice(0, 8)}` : ''}
                </td>
                <td data-label={t('admin.customer.fields')}>{e.fields.join(', ')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
