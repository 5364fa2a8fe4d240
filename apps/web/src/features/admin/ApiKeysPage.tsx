import { API_KEY_SCOPES, type ApiKeyScope } from '@cadastro/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CheckboxField } from '../../components/CheckboxField.tsx';
import { FormAlert } from '../../components/FormAlert.tsx';
import { PageHeading } from '../../components/PageHeading.tsx';
import { SelectField } from '../../components/SelectField.tsx';
import { TextField } from '../../components/TextField.tsx';
import { useErrorText } from '../../i18n/error-text.ts';
import { reasonOf, useTRPC } from '../../trpc.ts';
import { useLocalDateTime } from '../history/dates.ts';

/** How long a new key stays valid; empty: until revoked. */
const VALIDITY_DAYS = ['', '30', '90', '365'] as const;

/** Service API keys: create with the scopes a service needs (the key is shown once), list, revoke. */
export function ApiKeysPage() {
  const { t, i18n } = useTranslation();
  const errorText = useErrorText();
  const when = useLocalDateTime();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const keys = useQuery(trpc.ops.apiKeys.list.queryOptions());
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.ops.apiKeys.list.queryKey() });
  const create = useMutation(trpc.ops.apiKeys.create.mutationOptions({ onSuccess: refresh }));
  const revoke = useMutation(trpc.ops.apiKeys.revoke.mutationOptions({ onSuccess: refresh }));
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState<ApiKeyScope[]>([]);
  const [validDays, setValidDays] = useState('');
  const toggle = (scope: ApiKeyScope, on: boolean) =>
    setScopes((current) => (on ? [...current, scope] : current.filter((s) => s !== scope)));
  const [created, setCreated] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setFailure(null);
    try {
      const result = await create.mutateAsync({
        name,
        scopes,
        ...(validDays && { validDays: Number(validDays) }),
      });
      setCreated(result.key);
      setName('');
      setScopes([]);
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
          <SelectField
            id="api-key-validity"
            label={t('admin.apiKeys.validity')}
            className="span-2"
            options={VALIDITY_DAYS}
            optionLabel={(days) =>
              days ? t('admin.apiKeys.days', { count: Number(days) }) : t('admin.apiKeys.noExpiry')
            }
            value={validDays}
            onChange={(e) => setValidDays(e.target.value)}
          />
          <fieldset className="span-6 scope-list">
            <legend>{t('admin.apiKeys.scopes')}</legend>
            {API_KEY_SCOPES.map((scope) => (
              <CheckboxField
                key={scope}
                id={`scope-${scope.replace(':', '-')}`}
                label={`${scope} — ${t(`admin.apiKeys.scope.${scope}`)}`}
                checked={scopes.includes(scope)}
                onChange={(e) => toggle(scope, e.target.checked)}
              />
            ))}
          </fieldset>
          <div className="span-2 search-form__submit">
            <button
              className="button button--primary"
              type="submit"
              disabled={!name.trim() || scopes.length === 0 || create.isPending}
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
              <th scope="col">{t('admin.apiKeys.scopes')}</th>
              <th scope="col">{t('admin.customers.createdAt')}</th>
              <th scope="col">{t('admin.apiKeys.lastUsed')}</th>
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
                <td data-label={t('admin.apiKeys.scopes')}>
                  {k.scopes.length ? k.scopes.join(', ') : t('admin.apiKeys.noScopes')}
                </td>
                <td data-label={t('admin.customers.createdAt')}>{when(k.createdAt)}</td>
                <td data-label={t('admin.apiKeys.lastUsed')}>
                  {k.lastUsedAt ? when(k.lastUsedAt) : t('admin.apiKeys.neverUsed')}
                </td>
                <td data-label={t('admin.apiKeys.status')}>
                  {k.revokedAt
                    ? t('admin.apiKeys.revoked')
                    : k.validUntil && Date.parse(k.validUntil) <= Date.now()
                      ? t('admin.apiKeys.expired')
                      : k.validUntil
                        ? t('admin.apiKeys.activeUntil', {
                            date: new Date(k.validUntil).toLocaleDateString(i18n.language),
                          })
                        : t('admin.apiKeys.active')}
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
