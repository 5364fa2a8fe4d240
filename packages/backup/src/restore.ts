import { DescribeTableCommand, type DynamoDBClient, ScanCommand } from '@aws-sdk/client-dynamodb';
import type { S3Client } from '@aws-sdk/client-s3';
import { createDbService, type DbService, type ErasureItem, ensureTable, tableKeys } from '@cadastro/db';
import { BatchWriter } from './batch-writer.ts';
import { BackupError } from './errors.ts';
import { decodeItemLine } from './item-codec.ts';
import { backupPrefix, entityOf, type Item } from './layout.ts';
import { readPart } from './read-part.ts';
import { parallelScan } from './scan.ts';
import { readManifest } from './storage.ts';
import { type VerifyReport, verifyBackup } from './verify.ts';

export interface RestoreDeps {
  dynamodb: DynamoDBClient;
  s3: S3Client;
  bucket: string;
  /** The live table: where the erasure tombstones are kept. */
  db: DbService;
  table: string;
}

export interface ApplyOptions {
  backupId: string;
  /** Default: a new table `<table>-restore-<backupId>`, created from the table definition. */
  targetTable?: string;
  /**
   * Writing into a table that already holds items must be asked for explicitly; the restore then only adds the
   * items that are missing and never replaces one that exists (a newer version, a key revoked since).
   */
  allowNonEmpty?: boolean;
  signal?: AbortSignal;
  onProgress?: (progress: { items: number; totalItems: number }) => void;
  concurrency?: number;
}

export interface ApplyReport {
  backupId: string;
  targetTable: string;
  createdTable: boolean;
  verified: VerifyReport;
  /** Items put into the target, per entity. */
  written: Record<string, number>;
  /** Items left out because their customer was erased after the backup (LGPD Art. 16), per entity. */
  skippedErased: Record<string, number>;
  /** Items left as they were because the target already held them (non-empty targets only), per entity. */
  keptExisting: Record<string, number>;
  erasedCustomers: number;
  /** Items found in the target afterwards, per entity (a count of the table). */
  found: Record<string, number>;
  countsMatch: boolean;
}

/**
 * Restores a backup into a table: verifies it first (refusing a corrupt one), skips every item of a customer with
 * an erasure tombstone (their `account` collection and the uniqueness items pointing at them), writes the rest in
 * retried batches, copies the tombstones along so later restores from the new table honour them too, then counts
 * the target.
 */
export async function applyBackup(deps: RestoreDeps, options: ApplyOptions): Promise<ApplyReport> {
  const { backupId, signal } = options;
  const verified = await verifyBackup(deps, backupId, signal);
  if (!verified.ok) {
    throw new BackupError('CORRUPT', 'The backup failed verification; nothing was written', {
      failedParts: verified.parts.filter((p) => !p.ok).map((p) => ({ name: p.name, problems: p.problems })),
      problems: verified.problems,
    });
  }
  const manifest = await readManifest(deps.s3, deps.bucket, backupId);
  const targetTable = options.targetTable ?? `${deps.table}-restore-${backupId}`;
  const createdTable = await prepareTarget(deps.dynamodb, targetTable, options.allowNonEmpty ?? false);

  const tombstones = await readTombstones(deps.db);
  const erased = new Set(tombstones.map((t) => t.customerId));
  const { primary } = tableKeys();
  const written: Record<string, number> = {};
  const skippedErased: Record<string, number> = {};
  const keptExisting: Record<string, number> = {};
  const writer = new BatchWriter({
    client: deps.dynamodb,
    table: targetTable,
    keyNames: [primary.pk, ...(primary.sk ? [primary.sk] : [])],
    concurrency: options.concurrency,
    ...(!createdTable && {
      keepExisting: {
        onKept: (item: Item) => {
          const entity = entityOf(item);
          written[entity] = (written[entity] ?? 0) - 1;
          keptExisting[entity] = (keptExisting[entity] ?? 0) + 1;
        },
      },
    }),
  });
  let seen = 0;
  const prefix = backupPrefix(backupId);
  for (const part of manifest.parts) {
    await readPart(
      deps.s3,
      deps.bucket,
      `${prefix}${part.name}`,
      async (lines) => {
        for (const line of lines) {
          const item = decodeItemLine(line);
          const entity = entityOf(item);
          if (belongsToErased(item, erased)) {
            skippedErased[entity] = (skippedErased[entity] ?? 0) + 1;
          } else {
            await writer.put(item);
            written[entity] = (written[entity] ?? 0) + 1;
          }
        }
        seen += lines.length;
        options.onProgress?.({ items: seen, totalItems: manifest.totalItems });
      },
      signal,
    );
  }
  await writer.flush();

  if (targetTable !== deps.table && tombstones.length > 0) {
    const target = createDbService({ table: targetTable, client: deps.dynamodb });
    await target.entities.erasure.put(tombstones).go();
  }

  const found = await countByEntity(deps.dynamodb, targetTable);
  const countsMatch = Object.entries(written).every(([entity, n]) =>
    createdTable || !options.allowNonEmpty ? found[entity] === n : (found[entity] ?? 0) >= n,
  );
  return {
    backupId,
    targetTable,
    createdTable,
    verified,
    written,
    skippedErased,
    keptExisting,
    erasedCustomers: erased.size,
    found,
    countsMatch,
  };
}

/**
 * Every item of an erased customer carries their id: the account collection and the uniqueness guards alike. The
 * one kept is the `erased` event, written into the emptied partition by the erasure itself: it holds no personal
 * data and is the record that the erasure happened.
 */
function belongsToErased(item: Item, erased: Set<string>): boolean {
  const customerId = item.customerId?.S;
  if (customerId === undefined || !erased.has(customerId)) return false;
  return !(entityOf(item) === 'event' && item.type?.S === 'erased');
}

async function readTombstones(db: DbService): Promise<ErasureItem[]> {
  const { data } = await db.entities.erasure.query.all({}).go({ pages: 'all' });
  return data;
}

/** Creates the target when missing; refuses one that holds items unless allowed. True when it was created. */
async function prepareTarget(
  client: DynamoDBClient,
  table: string,
  allowNonEmpty: boolean,
): Promise<boolean> {
  const exists = await client.send(new DescribeTableCommand({ TableName: table })).then(
    () => true,
    (error: Error) => {
      if (error.name === 'ResourceNotFoundException') return false;
      throw error;
    },
  );
  if (!exists) {
    await ensureTable(client, table);
    return true;
  }
  const probe = await client.send(new ScanCommand({ TableName: table, Limit: 1, Select: 'COUNT' }));
  const empty = (probe.Count ?? 0) === 0 && !probe.LastEvaluatedKey;
  if (!empty && !allowNonEmpty) {
    throw new BackupError(
      'TARGET_NOT_EMPTY',
      `Table ${table} is not empty; writing into it must be allowed explicitly (allowNonEmpty, --allow-non-empty)`,
      {
        targetTable: table,
      },
    );
  }
  return false;
}

/** Items per entity in a table (projecting only the entity tag), to compare with what was written. */
export async function countByEntity(client: DynamoDBClient, table: string): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  await parallelScan({
    client,
    table,
    segments: 4,
    projection: '#e',
    onPage: (items) => {
      for (const item of items) {
        const entity = entityOf(item);
        counts[entity] = (counts[entity] ?? 0) + 1;
      }
    },
  });
  return counts;
}
