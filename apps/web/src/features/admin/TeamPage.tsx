import {
  type InviteOperatorInput,
  inviteOperatorInputSchema,
  OPERATOR_ROLES,
  type OperatorRole,
  type OperatorView,
} from '@cadastro/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormAlert } from '../../components/FormAlert.tsx';
import { PageHeading } from '../../components/PageHeading.tsx';
import { SelectField } from '../../components/SelectField.tsx';
import { TextField } from '../../components/TextField.tsx';
import { useErrorText } from '../../i18n/error-text.ts';
import { reasonOf, useTRPC } from '../../trpc.ts';
import { useLocalDateTime } from '../history/dates.ts';
import { fieldErrorsOf } from './field-errors.ts';

/** A single-use link as the person receiving it opens it: the server answers a path of this site. */
const absolute = (link: string) => new URL(link, window.location.origin).toString();

/** /admin/equipe (admins): the operators, invitations, roles, disabling and password resets. */
export function TeamPage() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const when = useLocalDateTime();
  const team = useQuery(trpc.operators.list.queryOptions());
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.operators.list.queryKey() });
  const invite = useMutation(trpc.operators.invite.mutationOptions({ onSuccess: refresh }));
  const setRole = useMutation(trpc.operators.setRole.mutationOptions({ onSuccess: refresh }));
  const disable = useMutation(trpc.operators.disable.mutationOptions({ onSuccess: refresh }));
  const enable = useMutation(trpc.operators.enable.mutationOptions({ onSuccess: refresh }));
  const reset = useMutation(trpc.operators.resetPassword.mutationOptions({ onSuccess: refresh }));
  const [form, setForm] = useState<InviteOperatorInput>({ name: '', email: '', role: 'support' });
  const [fieldErrors, setFieldErrors] = useState<Partial<Record<string, string>>>({});
  const [link, setLink] = useState<{ kind: 'invited' | 'reset'; name: string; url: string } | null>(null);
  const [failure, setFailure] = useState<string | null>(null);

  const act = async (run: () => Promise<unknown>) => {
    setFailure(null);
    setLink(null);
    try {
      await run();
    } catch (error) {
      setFailure(reasonOf(error));
    }
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const checked = inviteOperatorInputSchema.safeParse(form);
    setFieldErrors(checked.success ? {} : fieldErrorsOf(checked.error.issues));
    if (!checked.success) return;
    void act(async () => {
      const result = await invite.mutateAsync(checked.data);
      setLink({ kind: 'invited', name: result.operator.name, url: absolute(result.link) });
      setForm({ name: '', email: '', role: form.role });
    });
  };

  const resetPassword = (o: OperatorView) =>
    act(async () => {
      const result = await reset.mutateAsync({ id: o.id });
      setLink({ kind: 'reset', name: o.name, url: absolute(result.link) });
    });

  return (
    <section className="card">
      <PageHeading lead={t('admin.team.intro')}>{t('admin.team.title')}</PageHeading>
      <FormAlert message={errorText(failure)} />
      {link && (
        <div className="form-alert form-alert--success" role="status">
          <p>{t(`admin.team.linkShown.${link.kind}`, { name: link.name })}</p>
          <code className="secret" data-testid="operator-link">
            {link.url}
          </code>
        </div>
      )}

      <h2 className="section-title">{t('admin.team.invite')}</h2>
      <form className="form" noValidate onSubmit={submit}>
        <div className="form__grid">
          <TextField
            id="invite-name"
            label={t('admin.team.name')}
            className="span-2"
            value={form.name}
            error={errorText(fieldErrors.name)}
            onChange={(e) => setForm({ ...form, name: e.target.value })}
          />
          <TextField
            id="invite-email"
            label={t('register.fields.email')}
            className="span-2"
            type="email"
            value={form.email}
            error={errorText(fieldErrors.email)}
            onChange={(e) => setForm({ ...form, email: e.target.value })}
          />
          <SelectField
            id="invite-role"
            label={t('admin.team.role')}
            className="span-2"
            options={OPERATOR_ROLES}
            optionLabel={(role) => t(`admin.team.roles.${role as OperatorRole}`)}
            value={form.role}
            hint={t(`admin.team.roleHelp.${form.role}`)}
            onChange={(e) => setForm({ ...form, role: e.target.value as OperatorRole })}
          />
        </div>
        <div className="form__actions">
          <button className="button button--primary" type="submit" disabled={invite.isPending}>
            {t('admin.team.sendInvite')}
          </button>
        </div>
      </form>

      <h2 className="section-title">{t('admin.team.members')}</h2>
      {team.data && (
        <table className="table" data-testid="team">
          <thead>
            <tr>
              <th scope="col">{t('admin.team.name')}</th>
              <th scope="col">{t('admin.team.role')}</th>
              <th scope="col">{t('admin.team.state')}</th>
              <th scope="col">{t('admin.team.since')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('admin.apiKeys.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {team.data.map((o) => (
              <tr key={o.id}>
                <td data-label={t('admin.team.name')}>
                  {o.name}
                  <br />
                  {o.email}
                </td>
                <td data-label={t('admin.team.role')}>
                  <select
                    className="field__control field__control--select"
                    aria-label={t('admin.team.roleOf', { name: o.name })}
                    value={o.role}
                    disabled={setRole.isPending}
                    onChange={(e) =>
                      act(() => setRole.mutateAsync({ id: o.id, role: e.target.value as OperatorRole }))
                    }
                  >
                    {OPERATOR_ROLES.map((role) => (
                      <option key={role} value={role}>
                        {t(`admin.team.roles.${role}`)}
                      </option>
                    ))}
                  </select>
                </td>
                <td data-label={t('admin.team.state')}>
                  {t(`admin.team.states.${o.status}`)}
                  {' · '}
                  {o.totpEnabled ? t('admin.team.totpOn') : t('admin.team.totpOff')}
                </td>
                <td data-label={t('admin.team.since')}>{when(o.createdAt)}</td>
                <td>
                  <div className="button-row">
                    <button
                      className="button button--secondary"
                      type="button"
                      aria-label={t('admin.team.resetNamed', { name: o.name })}
                      onClick={() => resetPassword(o)}
                    >
                      {t('admin.team.reset')}
                    </button>
                    {o.status === 'disabled' ? (
                      <button
                        className="button button--secondary"
                        type="button"
                        aria-label={t('admin.team.enableNamed', { name: o.name })}
                        onClick={() => act(() => enable.mutateAsync({ id: o.id }))}
                      >
                        {t('admin.team.enable')}
                      </button>
                    ) : (
                      <button
                        className="button button--danger"
                        type="button"
                        aria-label={t('admin.team.disableNamed', { name: o.name })}
                        onClick={() => act(() => disable.mutateAsync({ id: o.id }))}
                      >
                        {t('admin.team.disable')}
                      </button>
                    )}
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
