import { displayPhone, formatCpf } from '@cadastro/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { DetailsList, formatAddress } from '../../components/DetailsList.tsx';
import { FormAlert } from '../../components/FormAlert.tsx';
import { PageHeading } from '../../components/PageHeading.tsx';
import { useErrorText } from '../../i18n/error-text.ts';
import { paths } from '../../routes.ts';
import { reasonOf, useTRPC } from '../../trpc.ts';
import { AccountForm } from '../account/AccountForm.tsx';
import { AttachmentList } from '../attachments/AttachmentList.tsx';
import { useLocalDateTime } from '../history/dates.ts';
import { HistoryTable } from '../history/HistoryTable.tsx';

/** One customer's record (correct or delete it), documents (with restore from Glacier) and history. */
export function CustomerPage() {
  const { t, i18n } = useTranslation();
  const errorText = useErrorText();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const when = useLocalDateTime();
  const id = useParams().id ?? '';
  const customer = useQuery(trpc.customers.get.queryOptions({ id }));
  const events = useQuery(trpc.customers.events.queryOptions({ id, limit: 100 }));
  const update = useMutation(trpc.customers.update.mutationOptions());
  const remove = useMutation(trpc.customers.delete.mutationOptions());
  const [editing, setEditing] = useState(false);
  const [saved, setSaved] = useState(false);
  const [confirmingDelete, setConfirmingDelete] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);

  if (customer.isPending) return <p className="card">{t('common.loading')}</p>;
  if (customer.isError) return <FormAlert message={errorText(reasonOf(customer.error))} />;
  const c = customer.data;
  const rows: Array<[string, string]> = [
    [t('register.fields.cpf'), formatCpf(c.cpf)],
    [t('register.fields.email'), c.email],
    [t('register.fields.phone'), displayPhone(c.phone)],
    [
      t('register.fields.birthDate'),
      new Intl.DateTimeFormat(i18n.language, { timeZone: 'UTC' }).format(new Date(c.birthDate)),
    ],
    [t('register.sections.address'), formatAddress(c.address)],
    [t('admin.customers.createdAt'), when(c.createdAt)],
    [t('admin.customer.updatedAt'), when(c.updatedAt)],
  ];

  const erase = async () => {
    setFailure(null);
    try {
      await remove.mutateAsync({ id: c.id });
      await queryClient.invalidateQueries({ queryKey: trpc.customers.pathKey() });
      await navigate(paths.admin, { state: { deleted: c.name } });
    } catch (error) {
      setFailure(reasonOf(error));
    }
  };

  return (
    <section className="card">
      <p>
        <Link to={paths.admin}>← {t('admin.nav.customers')}</Link>
      </p>
      <PageHeading>{c.name}</PageHeading>
      <FormAlert message={saved ? t('admin.customer.saved') : null} tone="success" />
      <FormAlert message={errorText(failure)} />
      {editing ? (
        <AccountForm
          customer={c}
          save={async (input) => {
            const updated = await update.mutateAsync({ id: c.id, ...input });
            queryClient.setQueryData(trpc.customers.get.queryKey({ id }), updated);
            await queryClient.invalidateQueries({ queryKey: trpc.customers.events.queryKey() });
          }}
          onDone={(changed) => {
            setEditing(false);
            setSaved(changed);
          }}
        />
      ) : (
        <>
          <DetailsList rows={rows} testId="customer-details" />
          <div className="button-row">
            <button
              className="button button--primary"
              type="button"
              onClick={() => {
                setSaved(false);
                setConfirmingDelete(false);
                setEditing(true);
              }}
            >
              {t('admin.customer.edit')}
            </button>
            {!confirmingDelete && (
              <button
                className="button button--danger"
                type="button"
                onClick={() => setConfirmingDelete(true)}
              >
                {t('admin.customer.delete')}
              </button>
            )}
          </div>
          {confirmingDelete && (
            <div className="danger-zone">
              <p>{t('admin.customer.deleteWarning', { name: c.name })}</p>
              <div className="button-row">
                <button
                  className="button button--secondary"
                  type="button"
                  onClick={() => setConfirmingDelete(false)}
                >
                  {t('account.cancel')}
                </button>
                <button
                  className="button button--danger"
                  type="button"
                  disabled={remove.isPending}
                  onClick={erase}
                >
                  {t('admin.customer.deleteConfirm')}
                </button>
              </div>
            </div>
          )}
        </>
      )}
      <AttachmentList customerId={c.id} />
      <h2 className="section-title">{t('admin.customer.history')}</h2>
      {events.data && <HistoryTable events={events.data.items} reader="staff" testId="customer-history" />}
    </section>
  );
}
