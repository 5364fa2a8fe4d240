import type { PageInput, RegisterData } from '@cadastro/contracts';
import { v7 as uuidv7 } from 'uuid';
import { blindIndex } from './blind-index.ts';
import type { CustomerItem } from './entities/customer.ts';
import type { UniqueKind } from './entities/uniqueness.ts';
import { createEventLog } from './events.ts';
import type { DbService } from './service.ts';

/** A unique value (CPF, e-mail) already belongs to another customer. */
export class UniqueValueTakenError extends Error {
  constructor(readonly kinds: UniqueKind[]) {
    super(`Already registered: ${kinds.join(', ')}`);
    this.name = 'UniqueValueTakenError';
  }
}

/** A pagination cursor that this API did not hand out (or no longer accepts). */
export class InvalidCursorError extends Error {
  constructor() {
    super('Invalid pagination cursor');
    this.name = 'InvalidCursorError';
  }
}

export interface CustomerRepositoryOptions {
  /** Server secret for the blind indexes of CPF and e-mail. */
  blindIndexSecret: string;
  /** Transactions cancelled by a concurrent transaction (not by a taken value) are retried this many times. */
  maxConflictRetries?: number;
}

export type CustomerPage = { items: CustomerItem[]; nextCursor: string | null };

export function createCustomerRepository(db: DbService, options: CustomerRepositoryOptions) {
  const { customer, uniqueness } = db.entities;
  const hash = (kind: UniqueKind, value: string) => blindIndex(options.blindIndexSecret, kind, value);
  const maxRetries = options.maxConflictRetries ?? 3;
  const events = createEventLog(db);

  async function findByUnique(kind: UniqueKind, value: string): Promise<CustomerItem | null> {
    const { data: guard } = await uniqueness.get({ kind, valueHash: hash(kind, value) }).go();
    return guard ? getById(guard.customerId) : null;
  }

  async function getById(customerId: string): Promise<CustomerItem | null> {
    const { data } = await customer.get({ customerId }).go();
    return data;
  }

  /**
   * Writes the customer, one uniqueness item per unique value and the `registered` audit event in one
   * transaction: either all land or none does, and of two concurrent registrations with one CPF exactly one wins.
   */
  async function register(input: RegisterData, now = new Date()): Promise<CustomerItem> {
    const customerId = uuidv7({ msecs: now.getTime() });
    const at = now.toISOString();
    const item = {
      customerId,
      name: input.name,
      cpf: input.cpf,
      email: input.email,
      phone: input.phone,
      birthDate: input.birthDate,
      address: input.address,
      status: 'active' as const,
      consent: { termsVersion: input.consent.termsVersion, acceptedAt: at },
      createdAt: at,
      updatedAt: at,
      version: 1,
    };
    const cpfHash = hash('cpf', input.cpf);
    const emailHash = hash('email', input.email);
    const registered = events.eventItem(
      customerId,
      {
        type: 'registered',
        actor: { role: 'customer', id: customerId },
        fields: Object.keys(input),
        details: { termsVersion: input.consent.termsVersion },
      },
      now,
    );

    for (let attempt = 0; ; attempt++) {
      const result = await db.transaction
        .write(({ customer, uniqueness, event }) => [
          uniqueness.create({ kind: 'cpf', valueHash: cpfHash, customerId, createdAt: at }).commit(),
          uniqueness.create({ kind: 'email', valueHash: emailHash, customerId, createdAt: at }).commit(),
          customer.create(item).commit(),
          event.create(registered).commit(),
        ])
        .go();
      if (!result.canceled) return item;

      // The result lists the operations in order; a failed `create` condition means the value is taken.
      const [cpfResult, emailResult] = result.data;
      const taken: UniqueKind[] = [];
      if (cpfResult.code === 'ConditionalCheckFailed') taken.push('cpf');
      if (emailResult.code === 'ConditionalCheckFailed') taken.push('email');
      if (taken.length > 0) throw new UniqueValueTakenError(taken);
      // Cancelled by a concurrent transaction on the same items: try again, it may now see the winner.
      if (attempt >= maxRetries) throw new Error('Registration transaction kept conflicting; try again');
      await new Promise((r) => setTimeout(r, 20 * 2 ** attempt * Math.random()));
    }
  }

  /** Newest first, cursor-paginated through the `gsi1` index: a Query, never a Scan. */
  async function listNewest(
    page: Required<Pick<PageInput, 'limit'>> & Pick<PageInput, 'cursor'>,
  ): Promise<CustomerPage> {
    try {
      const { data, cursor } = await customer.query
        .newest({})
        .go({ order: 'desc', limit: page.limit, cursor: page.cursor ?? null });
      return { items: data, nextCursor: cursor };
    } catch (error) {
      if (page.cursor && isCursorError(error)) throw new InvalidCursorError();
      throw error;
    }
  }

  return {
    register,
    getById,
    getByCpf: (cpf: string) => findByUnique('cpf', cpf),
    getByEmail: (email: string) => findByUnique('email', email),
    listNewest,
  };
}
export type CustomerRepository = ReturnType<typeof createCustomerRepository>;

function isCursorError(error: unknown): boolean {
  const e = error as { name?: string; code?: number; message?: string };
  return (
    e.name === 'ElectroError' ||
    e.name === 'ValidationException' ||
    /cursor|starting key|ExclusiveStartKey/i.test(e.message ?? '')
  );
}
