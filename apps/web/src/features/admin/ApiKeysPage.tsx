import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormAlert } from '../../components/FormAlert.tsx';
import { PageHeading } from '../../components/PageHeading.tsx';
import { TextField } from '../../components/TextField.tsx';
import { useErrorText } from '../../i18n/error-text.ts';
import { reasonOf, useTRPC } from '../../trpc.ts';

/** Service API keys: create (the key is shown once), list, revoke. */
export function ApiKeysPage() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const keys = useQuery(trpc.ops.apiKeys.list.queryOptions());
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.ops.apiKeys.list.queryKey() });
  const create = useMutation(trpc.ops.apiKeys.create.mutationOptions({ onSuccess: refresh }));
  const revoke = useMutation(trpc.ops.apiKeys.revoke.mutationOptions({ onSuccess: refresh }));
  const [name, setName] = useState('');
  const [created, setCreated] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setFailure(null);
    try {
      const result = await create.mutateAsync({ name });
      setCreated(result.key);
      setName('');
    } catch (error) {
      setFailure(reasonOf(error));
    }
  };

  return (
    <section className="card">
      <PageHeading lead={t('admin.apiKeys.intro')}>{t('admin.apiKeys.title')}</PageHeading>
      <FormAlert message={errorText(failure)} />
      {created && (
        <div className="form-alert form-alert--success" role="status">
          <p>{t('admin.apiKeys.created')}</p>
          <code className="secret" data-testid="new-api-key">
            {created}
          </code>
        </div>
      )}
      <form className="form" onSubmit={submit}>
        <div className="form__grid">
          <TextField
            id="api-key-name"
            label={t('admin.apiKeys.name')}
            className="span-4"
            value={name}
            onChange={(e) => setName(e.target.value)}
          />
          <div className="span-2 search-form__submit">
            <button
              className="button button--primary"
              type="submit"
              disabled={!name.trim() || create.isPending}
            >
              {t('admin.apiKeys.create')}
            </button>
          </div>
        </div>
      </form>
      {keys.data && keys.data.length > 0 && (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t('admin.apiKeys.name')}</th>
              <th scope="col">{t('admin.customers.createdAt')}</th>
              <th scope="col">{t('admin.apiKeys.status')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('admin.apiKeys.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {keys.data.map((k) => (
              <tr key={k.id}>
                <td data-label={t('admin.apiKeys.name')}>{k.name}</td>
                <td data-label={t('admin.customers.createdAt')}>{new Date(k.createdAt).toLocaleString()}</td>
                <td data-label={t('admin.apiKeys.status')}>
                  {k.revokedAt ? t('admin.apiKeys.revoked') : t('admin.apiKeys.active')}
                </td>
                <td>
                  {!k.revokedAt && (
                    <button
                      className="button button--danger"
                      type="button"
                      onClick={() => revoke.mutate({ id: k.id })}
                      aria-label={t('admin.apiKeys.revokeNamed', { name: k.name })}
                    >
                      {t('admin.apiKeys.revoke')}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
