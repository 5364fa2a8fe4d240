import type {
  AccessRecordView,
  ApiKeyScope,
  ApiKeyView,
  ConsentView,
  CustomerEventView,
  CustomerView,
} from '@cadastro/contracts';
import type { AccessItem, ApiKeyItem, CustomerItem, EventItem } from '@cadastro/db';

/** The API's view of a customer: an explicit shape, so no storage field (keys, password hash) leaks. */
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
    consents: (item.consents ?? []).map(toConsentView),
    emailConfirmed: item.emailConfirmedFor === item.email,
    createdAt: item.createdAt,
    updatedAt: item.updatedAt,
    version: item.version,
  };
}

function toConsentView(c: CustomerItem['consents'][number]): ConsentView {
  return {
    purpose: c.purpose,
    termsVersion: c.termsVersion,
    grantedAt: c.grantedAt,
    revokedAt: c.revokedAt ?? null,
  };
}

export function toEventView(e: EventItem): CustomerEventView {
  return {
    id: e.eventId,
    at: e.at,
    type: e.type,
    actor: { role: e.actorRole, id: e.actorId ?? null },
    fields: e.fields ?? [],
    details: (e.details ?? {}) as CustomerEventView['details'],
  };
}

export function toApiKeyView(k: ApiKeyItem): ApiKeyView {
  return {
    id: k.keyId,
    name: k.name,
    createdAt: k.createdAt,
    createdBy: k.createdBy,
    scopes: (k.scopes ?? []) as ApiKeyScope[],
    validUntil: k.validUntil ?? null,
    lastUsedAt: k.lastUsedAt ?? null,
    revokedAt: k.revokedAt ?? null,
  };
}

export function toAccessRecordView(a: AccessItem): AccessRecordView {
  return {
    id: a.accessId,
    at: a.at,
    customerId: a.customerId,
    actor: { kind: a.actorKind, id: a.actorId, name: a.actorName },
    procedure: a.procedure,
  };
}
