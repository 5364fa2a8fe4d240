import { ErrorReason } from '@cadastro/contracts';
import type { Actor } from '@cadastro/db';
import type { Caller } from '../context.ts';
import { AppError } from '../errors.ts';

export type SignedInCaller = Exclude<Caller, { role: 'anonymous' }>;

/**
 * Whose attachments a call is about. A customer always acts on their own (naming another customer is refused);
 * operators and services must name the customer.
 */
export function ownerOf(caller: SignedInCaller, customerId: string | undefined): string {
  if (caller.role === 'customer') {
    if (customerId !== undefined && customerId !== caller.customerId) {
      throw new AppError('FORBIDDEN', ErrorReason.FORBIDDEN, 'Customers act on their own documents only');
    }
    return caller.customerId;
  }
  if (!customerId) {
    throw new AppError('BAD_REQUEST', ErrorReason.VALIDATION, 'Name the customer', {
      fieldErrors: { customerId: ['required'] },
    });
  }
  return customerId;
}

/** The caller as recorded in the audit trail. */
export function actorOf(caller: SignedInCaller): Actor {
  switch (caller.role) {
    case 'customer':
      return { role: 'customer', id: caller.customerId };
    case 'operator':
      return { role: 'operator', id: caller.operatorId };
    case 'service':
      return { role: 'service', id: caller.keyId };
  }
}
