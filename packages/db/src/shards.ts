import { createHash } from 'node:crypto';

/**
 * How many partition keys the list and name indexes spread their items over. A constant partition key would put
 * every registration on one partition of each index (about 1,000 writes/s on AWS, see the README); with 8 shards a
 * burst spreads over 8 partitions and reads merge 8 small Queries.
 */
export const INDEX_SHARDS = 8;

/** The shard of a customer: stable, uniform, derived from the id so it is never stored apart from it. */
export function shardOf(customerId: string): number {
  return createHash('sha256').update(customerId).digest().readUInt32BE(0) % INDEX_SHARDS;
}
