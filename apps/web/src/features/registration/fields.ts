import { type RegisterInput, TERMS_VERSION } from '@cadastro/contracts';
import type { DefaultValues, FieldPath } from 'react-hook-form';

/** The address fields, in the order every form shows them. */
export const ADDRESS_FIELDS = [
  'address.cep',
  'address.street',
  'address.number',
  'address.complement',
  'address.district',
  'address.city',
  'address.uf',
] as const satisfies readonly FieldPath<RegisterInput>[];

/** The fields the customer fills in, in the order the form shows them (the error summary follows it). */
export const REGISTRATION_FIELDS = [
  'name',
  'cpf',
  'birthDate',
  'email',
  'phone',
  ...ADDRESS_FIELDS,
  'password',
  'consent.accepted',
] as const satisfies readonly FieldPath<RegisterInput>[];
export type RegistrationField = (typeof REGISTRATION_FIELDS)[number];

export function isRegistrationField(path: string): path is RegistrationField {
  return (REGISTRATION_FIELDS as readonly string[]).includes(path);
}

/** `address.cep` → `field-address-cep`: a valid id and `#fragment`. */
export function fieldId(field: RegistrationField): string {
  return `field-${field.replace('.', '-')}`;
}

export const EMPTY_REGISTRATION: DefaultValues<RegisterInput> = {
  name: '',
  cpf: '',
  birthDate: '',
  email: '',
  phone: '',
  address: { cep: '', street: '', number: '', complement: '', district: '', city: '' },
  password: '',
  // The version shown next to the checkbox is the one sent: it is what the customer agreed to.
  consent: { termsVersion: TERMS_VERSION },
};
