import {
  type ConsentPurpose,
  type CustomerChanges,
  type PageInput,
  type RegisterData,
  searchableName,
} from '@cadastro/contracts';
import { createConversions } from 'electrodb';
import { v7 as uuidv7 } from 'uuid';
import { blindIndex } from './blind-index.ts';
import { appliedIfCondition } from './condition-failure.ts';
import type { CustomerItem } from './entities/customer.ts';
import type { UniqueKind } from './entities/uniqueness.ts';
import { type Actor, createEventLog } from './events.ts';
import { gather } from './gather.ts';
import { InvalidCursorError, mergedPage } from './merged-page.ts';
import { type DbService, HOT_PATH } from './service.ts';
import { INDEX_SHARDS, shardOf } from './shards.ts';

/** A unique value (CPF, e-mail) already belongs to another customer. */
export class UniqueValueTakenError extends Error {
  constructor(readonly kinds: UniqueKind[]) {
    super(`Already registered: ${kinds.join(', ')}`);
    this.name = 'UniqueValueTakenError';
  }
}

/** The customer does not exist (any more). */
export class CustomerNotFoundError extends Error {
  constructor() {
    super('Customer not found');
    this.name = 'CustomerNotFoundError';
  }
}

/** The record changed since the caller read it (optimistic locking on `version`). */
export class VersionConflictError extends Error {
  constructor() {
    super('The customer was changed meanwhile');
    this.name = 'VersionConflictError';
  }
}

/** A registration as stored: the password already hashed. */
export type NewCustomer = Omit<RegisterData, 'password'> & { passwordHash: string };

type Page = Required<Pick<PageInput, 'limit'>> & Pick<PageInput, 'cursor'>;

export interface CustomerRepositoryOptions {
  /** Server secret for the blind indexes of CPF and e-mail. */
  blindIndexSecret: string;
  /** Transactions cancelled by a concurrent transaction (not by a taken value) are retried this many times. */
  maxConflictRetries?: number;
}

export type CustomerPage = { items: CustomerItem[]; nextCursor: string | null };

export function createCustomerRepository(db: DbService, options: CustomerRepositoryOptions) {
  const { customer, uniqueness, nameWord } = db.entities;
  const customerKeys = createConversions(customer);
  const nameWordKeys = createConversions(nameWord);
  const hash = (kind: UniqueKind, value: string) => blindIndex(options.blindIndexSecret, kind, value);
  const maxRetries = options.maxConflictRetries ?? 3;
  const events = createEventLog(db);

  async function findByUnique(kind: UniqueKind, value: string): Promise<CustomerItem | null> {
    const { data: guard } = await uniqueness.get({ kind, valueHash: hash(kind, value) }).go(HOT_PATH);
    return guard ? getById(guard.customerId) : null;
  }

  async function getOne(customerId: string): Promise<CustomerItem | null> {
    const { data } = await customer.get({ customerId }).go(HOT_PATH);
    return data;
  }

  /**
   * Reads of single customers gathered while others are in flight: alone, a read is one GetItem; under load one
   * BatchGetItem carries every read that arrived meanwhile, sharing the cost of a request (the SDK's signing and
   * parsing, DynamoDB's own) among them. Eventually consistent, as a GetItem is.
   */
  const gatheredGets = gather<string, CustomerItem | null>(
    async (ids) => {
      if (ids.length === 1) return [await getOne(ids[0]!)];
      const found = await getMany(ids);
      return ids.map((id) => found.get(id) ?? null);
    },
    { maxItems: 100 },
  );

  async function getById(customerId: string): Promise<CustomerItem | null> {
    const [found] = await gatheredGets([customerId]);
    return found ?? null;
  }

  /**
   * The registration as one transaction: the customer, one uniqueness item per unique value, the `registered`
   * audit event and the name-search words. `register` sends it; `registrationRequest` hands its parameters to
   * whoever must write the very same items another way (the benchmark's raw reference and its seeding).
   */
  function registration(input: NewCustomer, now: Date) {
    const customerId = uuidv7({ msecs: now.getTime() });
    const at = now.toISOString();
    const item = {
      customerId,
      name: input.name,
      shard: shardOf(customerId),
      passwordHash: input.passwordHash,
      cpf: input.cpf,
      email: input.email,
      phone: input.phone,
      birthDate: input.birthDate,
      address: input.address,
      status: 'active' as const,
      consent: { termsVersion: input.consent.termsVersion, acceptedAt: at },
      consents: [{ purpose: 'terms' as const, termsVersion: input.consent.termsVersion, grantedAt: at }],
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
        fields: Object.keys(input).map((k) => (k === 'passwordHash' ? 'password' : k)),
        details: { termsVersion: input.consent.termsVersion },
      },
      now,
    );
    const transaction = db.transaction.write(({ customer, uniqueness, event, nameWord }) => [
      uniqueness.create({ kind: 'cpf', valueHash: cpfHash, customerId, createdAt: at }).commit(),
      uniqueness.create({ kind: 'email', valueHash: emailHash, customerId, createdAt: at }).commit(),
      customer.create(item).commit(),
      event.create(registered).commit(),
      ...nameWords(input.name).map((word) => nameWord.put({ customerId, word, shard: item.shard }).commit()),
    ]);
    return { item: item as CustomerItem, transaction };
  }

  /**
   * Writes the registration (see `registration`): either all items land or none does, and of two concurrent
   * registrations with one CPF exactly one wins.
   */
  async function register(input: NewCustomer, now = new Date()): Promise<CustomerItem> {
    const { item, transaction } = registration(input, now);
    for (let attempt = 0; ; attempt++) {
      const result = await transaction.go();
      if (!result.canceled) return item;

      // The result lists the operations in order; a failed `create` condition means the value is taken.
      const [cpfResult, emailResult] = result.data;
      const taken: UniqueKind[] = [];
      if (cpfResult.code === 'ConditionalCheckFailed') taken.push('cpf');
      if (emailResult.code === 'ConditionalCheckFailed') taken.push('email');
      if (taken.length > 0) throw new UniqueValueTakenError(taken);
      // Cancelled by a concurrent transaction on the same items: try again, it may now see the winner.
      if (attempt >= maxRetries) throw new Error('Registration transaction kept conflicting; try again');
      await backoff(attempt);
    }
  }

  /**
   * Applies the changes a customer (or an operator) made to the version they read, with the `updated` audit event
   * naming the changed fields. An e-mail change moves its uniqueness item in the same transaction: of two customers
   * switching to one address at the same time, exactly one gets it.
   */
  async function update(
    customerId: string,
    expectedVersion: number,
    changes: CustomerChanges,
    actor: Actor,
    now = new Date(),
  ): Promise<CustomerItem> {
    const current = await getById(customerId);
    if (!current) throw new CustomerNotFoundError();
    if (current.version !== expectedVersion) throw new VersionConflictError();
    const changed = changedFields(current, changes);
    if (changed.length === 0) return current;

    const set: Partial<CustomerItem> = { version: expectedVersion + 1 };
    for (const field of changed) Object.assign(set, { [field]: changes[field] });
    const words =
      changes.name !== undefined && changed.includes('name')
        ? diffWords(nameWords(current.name), nameWords(changes.name))
        : { added: [], removed: [] };
    const emailMove =
      changes.email !== undefined && changed.includes('email')
        ? { from: hash('email', current.email), to: hash('email', changes.email) }
        : null;
    const updated = events.eventItem(customerId, { type: 'updated', actor, fields: changed }, now);

    for (let attempt = 0; ; attempt++) {
      const result = await db.transaction
        .write(({ customer, uniqueness, event, nameWord }) => [
          customer
            .patch({ customerId })
            .set(set)
            .where(({ version }, { eq }) => eq(version, expectedVersion))
            .commit(),
          ...words.removed.map((word) => nameWord.delete({ customerId, word }).commit()),
          ...words.added.map((word) => nameWord.put({ customerId, word, shard: current.shard }).commit()),
          ...(emailMove
            ? [
                uniqueness.delete({ kind: 'email', valueHash: emailMove.from }).commit(),
                uniqueness
                  .create({
                    kind: 'email',
                    valueHash: emailMove.to,
                    customerId,
                    createdAt: now.toISOString(),
                  })
                  .commit(),
              ]
            : []),
          event.create(updated).commit(),
        ])
        .go();
      if (!result.canceled) return { ...current, ...set, updatedAt: now.toISOString() } as CustomerItem;
      const codes = (result.data as Array<{ code?: string }>).map((r) => r.code);
      const emailCreate = 1 + words.removed.length + words.added.length + 1;
      if (emailMove && codes[emailCreate] === 'ConditionalCheckFailed') {
        throw new UniqueValueTakenError(['email']);
      }
      if (codes[0] === 'ConditionalCheckFailed') throw new VersionConflictError();
      if (attempt >= maxRetries) throw new Error('Update transaction kept conflicting; try again');
      await backoff(attempt);
    }
  }

  /** Grants or revokes a consent; the record keeps when each was given and revoked. */
  async function setConsent(
    customerId: string,
    consent: { purpose: ConsentPurpose; granted: boolean; termsVersion: string },
    actor: Actor,
    now = new Date(),
  ): Promise<CustomerItem> {
    const current = await getById(customerId);
    if (!current) throw new CustomerNotFoundError();
    const at = now.toISOString();
    const active = current.consents.find((c) => c.purpose === consent.purpose && !c.revokedAt);
    if (Boolean(active) === consent.granted) return current;
    const consents = consent.granted
      ? [...current.consents, { purpose: consent.purpose, termsVersion: consent.termsVersion, grantedAt: at }]
      : current.consents.map((c) => (c === active ? { ...c, revokedAt: at } : c));
    const set = { consents, version: current.version + 1 };
    const result = await db.transaction
      .write(({ customer, event }) => [
        customer
          .patch({ customerId })
          .set(set)
          .where(({ version }, { eq }) => eq(version, current.version))
          .commit(),
        event
          .create(
            events.eventItem(
              customerId,
              {
                type: consent.granted ? 'consent_granted' : 'consent_revoked',
                actor,
                fields: ['consents'],
                details: { purpose: consent.purpose, termsVersion: consent.termsVersion },
              },
              now,
            ),
          )
          .commit(),
      ])
      .go();
    if (result.canceled) throw new VersionConflictError();
    return { ...current, ...set, updatedAt: at } as CustomerItem;
  }

  /** A new password hash (recovery), with the `password_changed` event; the record's version is kept. */
  async function setPassword(customerId: string, passwordHash: string, actor: Actor, now = new Date()) {
    const result = await db.transaction
      .write(({ customer, event }) => [
        customer
          .patch({ customerId })
          .set({ passwordHash })
          .where(({ customerId: id }, { exists }) => exists(id))
          .commit(),
        event
          .create(
            events.eventItem(customerId, { type: 'password_changed', actor, fields: ['password'] }, now),
          )
          .commit(),
      ])
      .go();
    if (result.canceled) throw new CustomerNotFoundError();
  }

  /**
   * Replaces the stored hash of an unchanged password with one of today's scheme and cost (at sign-in, when the
   * password is known). No event: the password stays the same. False when the hash changed meanwhile.
   */
  async function upgradePasswordHash(customerId: string, from: string, to: string): Promise<boolean> {
    return appliedIfCondition(
      customer
        .patch({ customerId })
        .set({ passwordHash: to })
        .where(({ passwordHash }, { eq }) => eq(passwordHash, from))
        .go(),
    );
  }

  /** Marks `email` confirmed, if it is still the customer's address; false otherwise. */
  async function confirmEmail(customerId: string, email: string, now = new Date()): Promise<boolean> {
    const result = await db.transaction
      .write(({ customer, event }) => [
        customer
          .patch({ customerId })
          .set({ emailConfirmedFor: email })
          .where(({ email: current }, { eq }) => eq(current, email))
          .commit(),
        event
          .create(
            events.eventItem(
              customerId,
              { type: 'email_confirmed', actor: { role: 'customer', id: customerId }, fields: ['email'] },
              now,
            ),
          )
          .commit(),
      ])
      .go();
    return !result.canceled;
  }

  /**
   * Customers with a word of their name starting with each word of `query` (already `searchableName`d): a Query
   * per shard on `gsi2` for the longest query word (`BETWEEN word AND word+U+FFFF`, which stays flat as the
   * index grows), the customers read by key, the other query words checked on the name. A customer is listed
   * once, under the first of their words that matches, so no customer repeats across pages; a page may hold
   * fewer than `limit` customers while `nextCursor` is not null.
   */
  async function searchByName(query: string, page: Page): Promise<CustomerPage> {
    const terms = query.split(' ').filter(Boolean);
    const probe = terms.reduce((a, b) => (b.length > a.length ? b : a), '');
    const found = await guardCursor(page, () =>
      mergedPage({
        shards: INDEX_SHARDS,
        limit: page.limit,
        cursor: page.cursor,
        query: (shard, cursor, limit) =>
          nameWord.query
            .byWord({ shard })
            .between({ word: probe }, { word: `${probe}\uffff` })
            .go({ limit, cursor, attributes: ['customerId', 'word', 'shard'] }),
        compare: (a, b) => compareText(a.word, b.word) || compareText(a.customerId, b.customerId),
        cursorAfter: (_shard, item) => nameWordKeys.byAccessPattern.byWord.fromComposite.toCursor(item),
      }),
    );
    const byId = await getMany(found.items.map((w) => w.customerId));
    const items = found.items.flatMap((entry) => {
      const c = byId.get(entry.customerId);
      if (!c) return [];
      const words = nameWords(c.name);
      const firstMatch = words.filter((w) => w.startsWith(probe)).sort(compareText)[0];
      const all = terms.every((t) => words.some((w) => w.startsWith(t)));
      return firstMatch === entry.word && all ? [c] : [];
    });
    return { items, nextCursor: found.nextCursor };
  }

  /** Customers by id, read in batches of 100 (BatchGetItem), as a map. */
  async function getMany(ids: string[]): Promise<Map<string, CustomerItem>> {
    const unique = [...new Set(ids)];
    const found = new Map<string, CustomerItem>();
    for (let i = 0; i < unique.length; i += 100) {
      const keys = unique.slice(i, i + 100).map((customerId) => ({ customerId }));
      const { data, unprocessed } = await customer.get(keys).go(HOT_PATH);
      for (const c of data) found.set(c.customerId, c);
      for (const key of unprocessed) {
        const c = await getOne(key.customerId);
        if (c) found.set(c.customerId, c);
      }
    }
    return found;
  }

  /** Deletes the record and its CPF and e-mail guards in one transaction, freeing both values. */
  async function remove(item: Pick<CustomerItem, 'customerId' | 'cpf' | 'email'>): Promise<void> {
    const result = await db.transaction
      .write(({ customer, uniqueness }) => [
        customer.delete({ customerId: item.customerId }).commit(),
        uniqueness.delete({ kind: 'cpf', valueHash: hash('cpf', item.cpf) }).commit(),
        uniqueness.delete({ kind: 'email', valueHash: hash('email', item.email) }).commit(),
      ])
      .go();
    if (result.canceled) throw new Error('Could not remove the customer record; try again');
  }

  /** Newest first, cursor-paginated through the sharded `gsi1` index: one Query per shard, merged. Never a Scan. */
  async function listNewest(page: Page): Promise<CustomerPage> {
    const result = await guardCursor(page, () =>
      mergedPage({
        shards: INDEX_SHARDS,
        limit: page.limit,
        cursor: page.cursor,
        query: (shard, cursor, limit) =>
          customer.query.newest({ shard }).go({ order: 'desc', limit, cursor }),
        compare: (a, b) => compareText(b.createdAt, a.createdAt) || compareText(b.customerId, a.customerId),
        cursorAfter: (_shard, c) =>
          customerKeys.byAccessPattern.newest.fromComposite.toCursor({
            shard: c.shard,
            createdAt: c.createdAt,
            customerId: c.customerId,
          }),
      }),
    );
    return { items: result.items, nextCursor: result.nextCursor };
  }

  return {
    register,
    /** The TransactWriteItems parameters (DocumentClient form) `register` would send for this registration. */
    registrationRequest: (input: NewCustomer, now = new Date()) =>
      registration(input, now).transaction.params(),
    getById,
    getByCpf: (cpf: string) => findByUnique('cpf', cpf),
    getByEmail: (email: string) => findByUnique('email', email),
    listNewest,
    searchByName,
    update,
    setConsent,
    setPassword,
    upgradePasswordHash,
    confirmEmail,
    remove,
  };
}
export type CustomerRepository = ReturnType<typeof createCustomerRepository>;

/** A cursor DynamoDB or ElectroDB refuses is the caller's mistake, not a server error. */
async function guardCursor<T>(page: Page, read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (error) {
    if (page.cursor && isCursorError(error)) throw new InvalidCursorError();
    throw error;
  }
}

/** Code-unit order, as DynamoDB orders string keys of the BMP. */
const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The distinct words of a name as search compares them; at most 12, bounding the items a registration writes. */
export function nameWords(name: string): string[] {
  return [...new Set(searchableName(name).split(' ').filter(Boolean))].slice(0, 12);
}

function diffWords(before: string[], after: string[]) {
  return {
    removed: before.filter((w) => !after.includes(w)),
    added: after.filter((w) => !before.includes(w)),
  };
}

function isCursorError(error: unknown): boolean {
  const e = error as { name?: string; code?: number; message?: string };
  return (
    e.name === 'ElectroError' ||
    e.name === 'ValidationException' ||
    /cursor|starting key|ExclusiveStartKey/i.test(e.message ?? '')
  );
}

const backoff = (attempt: number) => new Promise((r) => setTimeout(r, 20 * 2 ** attempt * Math.random()));

/** The fields whose new value differs from the stored one (the address compared as a whole). */
function changedFields(current: CustomerItem, changes: CustomerChanges): Array<keyof CustomerChanges> {
  return (Object.keys(changes) as Array<keyof CustomerChanges>).filter((field) => {
    const next = changes[field];
    if (next === undefined) return false;
    const before = current[field];
    if (field !== 'address') return next !== before;
    const a = before as CustomerItem['address'];
    const b = next as NonNullable<CustomerChanges['address']>;
    const keys = ['cep', 'street', 'number', 'complement', 'district', 'city', 'uf'] as const;
    return keys.some((k) => (a[k] ?? '') !== (b[k] ?? ''));
  });
}
