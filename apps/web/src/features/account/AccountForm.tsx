import { type CustomerView, customerChangesSchema, displayPhone, formatCep, UFS } from '@cadastro/contracts';
import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { get, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { FormAlert } from '../../components/FormAlert.tsx';
import { SelectField } from '../../components/SelectField.tsx';
import { TextField } from '../../components/TextField.tsx';
import { useErrorText } from '../../i18n/error-text.ts';
import { reasonOf, useTRPC } from '../../trpc.ts';
import { ADDRESS_FIELDS } from '../registration/fields.ts';
import { cepMask, masked, phoneMask } from '../registration/masks.ts';

/** Every field is required here: the form always sends the whole record, the server stores what changed. */
const accountSchema = customerChangesSchema.required();
type AccountValues = {
  name: string;
  email: string;
  phone: string;
  address: CustomerView['address'];
};
const FIELDS = ['name', 'email', 'phone', ...ADDRESS_FIELDS] as const;
type Field = (typeof FIELDS)[number];

/**
 * Corrects a customer's data, sending the version the form was loaded with: the customer their own (LGPD Art. 18
 * III, `customers.updateMe`, the default) or an operator someone else's (`save` sends `customers.update`).
 */
export function AccountForm({
  customer,
  onDone,
  save,
}: {
  customer: Pick<CustomerView, 'name' | 'email' | 'phone' | 'version'> & {
    address: Omit<CustomerView['address'], 'complement'> & { complement?: string };
  };
  /** `saved` is false when the customer cancelled: nothing was sent. */
  onDone: (saved: boolean) => void;
  save?: (input: { version: number; changes: AccountValues }) => Promise<unknown>;
}) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const updateMe = useMutation(trpc.customers.updateMe.mutationOptions());
  const update = useMutation({
    mutationFn: async (input: { version: number; changes: AccountValues }) => {
      if (save) return save(input);
      const updated = await updateMe.mutateAsync(input);
      queryClient.setQueryData(trpc.customers.me.queryKey(), updated);
      return updated;
    },
  });
  const [failure, setFailure] = useState<string | null>(null);
  const { register, handleSubmit, formState } = useForm<AccountValues>({
    resolver: zodResolver(accountSchema) as never,
    defaultValues: {
      name: customer.name,
      email: customer.email,
      // Shown as typed in Brazil, with the masks of the registration form.
      phone: displayPhone(customer.phone),
      address: {
        ...customer.address,
        cep: formatCep(customer.address.cep),
        complement: customer.address.complement ?? '',
      },
    },
  });

  const bind = (field: Field) => ({
    id: `account-${field.replace('.', '-')}`,
    label: t(`register.fields.${field}`),
    error: errorText((get(formState.errors, field) as { message?: string } | undefined)?.message),
    ...register(field),
  });

  const submit = handleSubmit(async (changes) => {
    setFailure(null);
    try {
      await update.mutateAsync({ version: customer.version, changes });
      onDone(true);
    } catch (error) {
      setFailure(reasonOf(error));
    }
  });

  return (
    <form className="form" noValidate onSubmit={submit}>
      <FormAlert message={errorText(failure)} />
      <div className="form__grid">
        <TextField {...bind('name')} className="span-6" autoComplete="name" />
        <TextField {...bind('email')} className="span-3" type="email" autoComplete="email" />
        <TextField
          {...masked(bind('phone'), phoneMask)}
          className="span-3"
          type="tel"
          autoComplete="tel"
          hint={t('register.hints.phone')}
        />
        <TextField
          {...masked(bind('address.cep'), cepMask)}
          className="span-2"
          inputMode="numeric"
          autoComplete="postal-code"
          hint={t('register.hints.cep')}
        />
        <TextField {...bind('address.street')} className="span-4" autoComplete="address-line1" />
        <TextField {...bind('address.number')} className="span-2" />
        <TextField {...bind('address.complement')} className="span-4" optional />
        <TextField {...bind('address.district')} className="span-2" />
        <TextField {...bind('address.city')} className="span-2" />
        <SelectField
          {...bind('address.uf')}
          className="span-2"
          options={UFS}
          placeholder={t('register.ufPlaceholder')}
        />
      </div>
      <div className="form__actions">
        <button className="button button--secondary" type="button" onClick={() => onDone(false)}>
          {t('account.cancel')}
        </button>
        <button className="button button--primary" type="submit" disabled={update.isPending}>
          {t('account.save')}
        </button>
      </div>
    </form>
  );
}
