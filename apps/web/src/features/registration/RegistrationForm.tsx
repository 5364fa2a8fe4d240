import { PASSWORD_MIN, type RegisterData, type RegisterInput, TERMS_VERSION, UFS } from '@cadastro/contracts';
import { useMutation } from '@tanstack/react-query';
import { type ChangeEvent, type FocusEvent, useRef, useState } from 'react';
import { get, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useRestLater } from '../../components/AfterHydration.tsx';
import { CheckboxField } from '../../components/CheckboxField.tsx';
import { ErrorSummary, type ErrorSummaryItem } from '../../components/ErrorSummary.tsx';
import { SelectField } from '../../components/SelectField.tsx';
import { TextField } from '../../components/TextField.tsx';
import { useErrorText } from '../../i18n/error-text.ts';
import { lazyResolver } from '../../lazy-resolver.ts';
import { paths } from '../../routes.ts';
import { useTRPC, useTRPCClient } from '../../trpc.ts';
import { EMPTY_REGISTRATION, fieldId, REGISTRATION_FIELDS, type RegistrationField } from './fields.ts';
import { cepMask, cpfMask, dateMask, type Mask, masked, phoneMask } from './masks.ts';
import { serverFormErrors } from './server-errors.ts';
import { useSubmitPress } from './submit-press.ts';

/** The shared schema's check, loaded on the form's first focus: zod stays out of the page's start-up. */
const validation = lazyResolver(() => import('./resolver.ts').then((m) => m.registrationResolver));

export interface Registered {
  id: string;
  createdAt: string;
  name: string;
}

export function RegistrationForm({ onRegistered }: { onRegistered: (registered: Registered) => void }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const trpc = useTRPC();
  const registration = useMutation(trpc.customers.register.mutationOptions());
  const {
    register,
    handleSubmit,
    setError,
    getValues,
    setValue,
    formState: { errors, isSubmitting },
  } = useForm<RegisterInput, unknown, RegisterData>({
    resolver: validation.resolver,
    defaultValues: EMPTY_REGISTRATION,
    mode: 'onBlur',
    shouldFocusError: false, // focus goes to the error summary instead
  });
  const [formError, setFormError] = useState<string | null>(null);
  const [summaryFocus, setSummaryFocus] = useState(0);
  const submitPress = useSubmitPress();

  const label = (field: RegistrationField) => t(`register.fields.${field}`);
  const errorOf = (field: RegistrationField) =>
    errorText((get(errors, field) as { message?: string } | undefined)?.message);
  /** Everything a control needs: react-hook-form's bindings plus its id, label and translated error. */
  const bind = (field: RegistrationField) => {
    const registered = register(field);
    return {
      id: fieldId(field),
      label: label(field),
      error: errorOf(field),
      ...registered,
      onBlur: (event: FocusEvent<HTMLElement>) =>
        submitPress.isPressingSubmit() ? undefined : registered.onBlur(event),
    };
  };
  const bindMasked = (field: 'cpf' | 'phone' | 'address.cep' | 'birthDate', mask: Mask) =>
    masked(bind(field), mask);

  // A whole CEP fills the address fields still empty, when the server has a lookup; typing never waits for it.
  const client = useTRPCClient();
  const lookedUp = useRef('');
  const cepBinding = bindMasked('address.cep', cepMask);
  const onCepChange = (event: ChangeEvent<HTMLInputElement>) => {
    const result = cepBinding.onChange(event);
    const cep = event.target.value.replace(/\D/g, '');
    if (cep.length === 8 && cep !== lookedUp.current) {
      lookedUp.current = cep;
      void import('./cep-autofill.ts')
        .then((m) => m.fillAddressFromCep(client, cep, { getValues, setValue }))
        .catch(() => {});
    }
    return result;
  };

  const submit = handleSubmit(
    async (data) => {
      setFormError(null);
      try {
        const created = await registration.mutateAsync(data);
        onRegistered({ ...created, name: data.name });
      } catch (error) {
        const mapped = serverFormErrors(error);
        for (const { field, message } of mapped.fields) setError(field, { type: 'server', message });
        setFormError(mapped.form);
        setSummaryFocus((n) => n + 1);
      }
    },
    () => {
      setFormError(null);
      setSummaryFocus((n) => n + 1);
    },
  );

  const summaryItems: ErrorSummaryItem[] =
    summaryFocus === 0
      ? []
      : REGISTRATION_FIELDS.flatMap((field) => {
          const message = errorOf(field);
          return message ? [{ id: fieldId(field), label: label(field), message }] : [];
        });
  // isSubmitting covers the validation before the request, so a quick second click cannot send it twice
  const pending = registration.isPending || isSubmitting;
  const showRest = useRestLater();

  return (
    <form className="form" noValidate onSubmit={submit} onFocus={validation.preload} aria-busy={pending}>
      <ErrorSummary items={summaryItems} formError={errorText(formError)} focusRequest={summaryFocus} />
      {(errors.cpf?.message === 'CPF_TAKEN' || errors.email?.message === 'EMAIL_TAKEN') && (
        <p className="form-alert already-registered" data-testid="already-registered">
          {t('register.alreadyRegistered')} <Link to={paths.signIn}>{t('register.signInInstead')}</Link>{' '}
          {t('common.or')} <Link to={paths.forgotPassword}>{t('register.recoverInstead')}</Link>.
        </p>
      )}

      <fieldset className="form__section">
        <legend>{t('register.sections.personal')}</legend>
        <div className="form__grid">
          <TextField {...bind('name')} className="span-6" autoComplete="name" />
          <TextField
            {...bindMasked('cpf', cpfMask)}
            className="span-3"
            hint={t('register.hints.cpf')}
            inputMode="numeric"
            autoComplete="off"
            placeholder="000.000.000-00"
          />
          <TextField
            {...bindMasked('birthDate', dateMask)}
            className="span-3"
            hint={t('register.hints.birthDate')}
            inputMode="numeric"
            autoComplete="bday"
            placeholder={t('register.placeholders.birthDate')}
          />
        </div>
      </fieldset>

      <fieldset className="form__section">
        <legend>{t('register.sections.contact')}</legend>
        <div className="form__grid">
          <TextField
            {...bind('email')}
            className="span-3"
            type="email"
            autoComplete="email"
            spellCheck={false}
          />
          <TextField
            {...bindMasked('phone', phoneMask)}
            className="span-3"
            hint={t('register.hints.phone')}
            type="tel"
            autoComplete="tel-national"
            placeholder="(11) 91234-5678"
          />
        </div>
      </fieldset>

      {showRest && (
        <>
          <fieldset className="form__section">
            <legend>{t('register.sections.address')}</legend>
            <div className="form__grid">
              <TextField
                {...cepBinding}
                onChange={onCepChange}
                className="span-2"
                hint={t('register.hints.cep')}
                inputMode="numeric"
                autoComplete="postal-code"
                placeholder="00000-000"
              />
              <TextField {...bind('address.street')} className="span-4" autoComplete="address-line1" />
              <TextField {...bind('address.number')} className="span-2" />
              <TextField
                {...bind('address.complement')}
                className="span-4"
                optional
                placeholder={t('register.hints.complement')}
                autoComplete="address-line2"
              />
              <TextField {...bind('address.district')} className="span-2" autoComplete="address-level3" />
              <TextField {...bind('address.city')} className="span-2" autoComplete="address-level2" />
              <SelectField
                {...bind('address.uf')}
                className="span-2"
                autoComplete="address-level1"
                options={UFS}
                placeholder={t('register.ufPlaceholder')}
              />
            </div>
          </fieldset>

          <fieldset className="form__section">
            <legend>{t('register.sections.access')}</legend>
            <div className="form__grid">
              <TextField
                {...bind('password')}
                className="span-3"
                type="password"
                autoComplete="new-password"
                hint={t('register.hints.password', { min: PASSWORD_MIN })}
              />
            </div>
          </fieldset>

          <fieldset className="form__section">
            <legend>{t('register.sections.consent')}</legend>
            <CheckboxField
              {...bind('consent.accepted')}
              label={t('register.consent', { version: TERMS_VERSION })}
              hint={t('register.consentHint')}
            />
            <p className="consent-links">
              {t('legal.read')}{' '}
              <a href={paths.terms} target="_blank" rel="noopener">
                {t('legal.terms')}
              </a>{' '}
              ·{' '}
              <a href={paths.privacy} target="_blank" rel="noopener">
                {t('legal.privacy')}
              </a>{' '}
              ({t('legal.opensInNewTab')})
            </p>
          </fieldset>

          <div className="form__actions">
            <button
              className="button button--primary"
              type="submit"
              disabled={pending}
              onPointerDown={submitPress.onPointerDown}
            >
              {pending ? t('register.submitting') : t('register.submit')}
            </button>
          </div>
        </>
      )}
    </form>
  );
}
