import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import type { Item } from './layout.ts';

/**
 * One item as one line of DynamoDB JSON: lossless (sets, numbers as strings, binary as base64) and the same
 * shape DynamoDB's export to S3 writes, so the parts could also be read by AWS's own import.
 */
export function encodeItemLine(item: Item): string {
  return `${JSON.stringify({ Item: item }, binaryAsBase64)}\n`;
}

export function decodeItemLine(line: string): Item {
  const parsed = JSON.parse(line) as { Item?: Item };
  if (!parsed || typeof parsed.Item !== 'object') throw new Error('Line is not a DynamoDB JSON item');
  return reviveBinary(parsed.Item) as Item;
}

function binaryAsBase64(_key: string, value: unknown): unknown {
  return value instanceof Uint8Array ? Buffer.from(value).toString('base64') : value;
}

/** JSON has no bytes: turn the base64 of `B`/`BS` back into bytes, at any depth of maps and lists. */
function reviveBinary(value: Record<string, AttributeValue>): Record<string, AttributeValue> {
  const out: Record<string, AttributeValue> = {};
  for (const [name, attr] of Object.entries(value)) out[name] = reviveAttribute(attr);
  return out;
}

function reviveAttribute(attr: AttributeValue): AttributeValue {
  if (attr.B !== undefined) return { B: Buffer.from(attr.B as unknown as string, 'base64') };
  if (attr.BS !== undefined) return { BS: attr.BS.map((b) => Buffer.from(b as unknown as string, 'base64')) };
  if (attr.M !== undefined) return { M: reviveBinary(attr.M) };
  if (attr.L !== undefined) return { L: attr.L.map(reviveAttribute) };
  return attr;
}
