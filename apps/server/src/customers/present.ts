import type { CustomerView } from '@cadastro/contracts';
import type { CustomerItem } from '@cadastro/db';

/** The API's view of a customer: an explicit shape, so no storage field (keys, internals) leaks. */
export function toCustomerView(item: CustomerItem): CustomerView {
  return {
    id: item.customerId,
    name: item.name,
    cpf: item.cpf,
    email: item.email,
    phone: item.phone,
    birthDate: item.birthDate,
    address: {
      cep: item.address.cep,
      street: item.address.street,
      number: item.address.number,
      complement: item.address.complement,
      district: item.address.district,
      city: item.address.city,
      uf: item.address.uf as CustomerView['address']['uf'],
    },
    status: item.status,
    consent: { termsVersion: item.consent.termsVersion, acceptedAt: item.consent.acceptedAt },
    createdAt: item.createdAt,
    updatedAt: item.updatedAt,
    version: item.version,
  };
}
