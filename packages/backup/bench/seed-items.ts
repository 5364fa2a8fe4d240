import { randomBytes } from 'node:crypto';
import { marshall } from '@aws-sdk/util-dynamodb';
import { type DbService, nameWords, shardOf } from '@cadastro/db';
import type { Item } from '../src/layout.ts';

const ufs = ['SP', 'RJ', 'MG', 'BA', 'PR', 'RS', 'PE', 'CE'];

/**
 * The items one registered customer leaves in the table, shaped by the real entities (`params()` gives the exact
 * keys and attributes ElectroDB would write), plus attachment metadata as the attachments feature stores it.
 */
export function seedItemsFor(db: DbService, n: number, attachments: number): Item[] {
  const customerId = `0193${n.toString(16).padStart(8, '0')}-bench`;
  const at = new Date(Date.UTC(2025, 0, 1) + n * 60_000).toISOString();
  const cpf = String(10_000_000_000 + n * 7).slice(-11);
  const email = `cliente${n}@example.com.br`;
  const items = [
    db.entities.customer.put({
      customerId,
      name: `Cliente Número ${n}`,
      shard: shardOf(customerId),
      // A fixed scrypt-shaped string: the benchmark measures bytes, not password checks.
      passwordHash: 'scrypt$15$8$1$c2FsdHNhbHRzYWx0c2FsdA$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g',
      cpf,
      email,
      phone: `+55119${String(n).padStart(8, '0')}`,
      birthDate: '1988-04-12',
      address: {
        cep: '01310100',
        street: 'Avenida Paulista',
        number: String(n % 3000),
        district: 'Bela Vista',
        city: 'São Paulo',
        uf: ufs[n % ufs.length]!,
      },
      status: 'active',
      consent: { termsVersion: '2025-01', acceptedAt: at },
      consents: [{ purpose: 'terms', termsVersion: '2025-01', grantedAt: at }],
      createdAt: at,
      updatedAt: at,
      version: 1,
    }),
    ...nameWords(`Cliente Número ${n}`).map((word) =>
      db.entities.nameWord.put({ customerId, word, shard: shardOf(customerId) }),
    ),
    db.entities.uniqueness.put({ kind: 'cpf', valueHash: hashLike(), customerId, createdAt: at }),
    db.entities.uniqueness.put({ kind: 'email', valueHash: hashLike(), customerId, createdAt: at }),
    db.entities.event.put({
      customerId,
      eventId: `${customerId}-e1`,
      at,
      type: 'registered',
      actorRole: 'customer',
      actorId: customerId,
      fields: ['name', 'cpf', 'email', 'phone', 'birthDate', 'address', 'consent'],
      details: { termsVersion: '2025-01' },
    }),
  ].map((op) => marshall(op.params().Item, { removeUndefinedValues: true }) as Item);
  for (let a = 0; a < attachments; a++) {
    const attachmentId = `${customerId}-a${a}`;
    items.push({
      pk: items[0]!.pk!,
      sk: { S: `$account#attachment_1#attachmentid_${attachmentId}` },
      __edb_e__: { S: 'attachment' },
      __edb_v__: { S: '1' },
      customerId: { S: customerId },
      attachmentId: { S: attachmentId },
      kind: { S: a === 0 ? 'identity' : 'proof_of_address' },
      fileName: { S: a === 0 ? 'rg-frente.jpg' : 'comprovante-residencia.pdf' },
      contentType: { S: a === 0 ? 'image/jpeg' : 'application/pdf' },
      size: { N: String(100_000 + ((n * 7919) % 900_000)) },
      sha256: { S: randomBytes(32).toString('hex') },
      s3Key: { S: `attachments/${customerId}/${attachmentId}` },
      state: { S: 'stored' },
      createdAt: { S: at },
    });
  }
  return items;
}

function hashLike(): string {
  return randomBytes(32).toString('base64url');
}
