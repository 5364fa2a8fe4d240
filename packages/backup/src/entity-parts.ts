import type { S3Client } from '@aws-sdk/client-s3';
import { partName } from '@cadastro/storage';
import { encodeItemLine } from './item-codec.ts';
import { entityOf, type Item, type ManifestPart } from './layout.ts';
import { PartUpload, type UploadedPart } from './part-upload.ts';

export interface EntityPartsOptions {
  s3: S3Client;
  bucket: string;
  prefix: string;
  partSize: number;
  queueSize: number;
  compressionLevel: number;
  /** A new part starts after this many uncompressed bytes, keeping every object well under S3's limits. */
  maxPartSourceBytes: number;
  onBytes: (count: number) => void;
}

interface OpenPart {
  entity: string;
  name: string;
  upload: PartUpload;
  sourceBytes: number;
}

/**
 * Routes each item to its entity's current part (`customer.00001.ndjson.gz`, …), opening parts lazily and rolling
 * over to the next sequence number when one grows large. Items of one entity can then be restored alone.
 */
export class EntityParts {
  private readonly open = new Map<string, OpenPart>();
  private readonly sequences = new Map<string, number>();
  private readonly finishing: Array<Promise<ManifestPart>> = [];
  private readonly all: OpenPart[] = [];

  constructor(private readonly options: EntityPartsOptions) {}

  /**
   * Writes a page of items: one joined chunk per entity rather than one write per item, which keeps the cost per
   * item to the JSON encoding. Resolves when every chunk is buffered (waits while uploads are behind).
   */
  async writePage(items: Item[]): Promise<void> {
    const byEntity = new Map<string, string[]>();
    for (const item of items) {
      const entity = entityOf(item);
      const lines = byEntity.get(entity) ?? [];
      if (lines.length === 0) byEntity.set(entity, lines);
      lines.push(encodeItemLine(item));
    }
    await Promise.all(
      [...byEntity].map(([entity, lines]) => {
        const chunk = lines.join('');
        return this.partFor(entity, chunk.length).upload.write(chunk, lines.length);
      }),
    );
  }

  /** The entity's open part, rolled over to a new one once it has taken `maxPartSourceBytes`. */
  private partFor(entity: string, addedBytes: number): OpenPart {
    let part = this.open.get(entity);
    if (part && part.sourceBytes >= this.options.maxPartSourceBytes) {
      this.open.delete(entity);
      this.finishing.push(this.finishPart(part));
      part = undefined;
    }
    part ??= this.openPart(entity);
    part.sourceBytes += addedBytes;
    return part;
  }

  /** Ends every part and waits for all uploads; the parts in a stable order for the manifest. */
  async finish(): Promise<ManifestPart[]> {
    for (const part of this.open.values()) this.finishing.push(this.finishPart(part));
    this.open.clear();
    const parts = await Promise.all(this.finishing);
    return parts.sort((a, b) => a.name.localeCompare(b.name));
  }

  async abort(): Promise<void> {
    await Promise.all(this.all.map((p) => p.upload.abort()));
    await Promise.allSettled(this.finishing);
  }

  private openPart(entity: string): OpenPart {
    const sequence = (this.sequences.get(entity) ?? 0) + 1;
    this.sequences.set(entity, sequence);
    const name = partName(entity, sequence);
    const upload = new PartUpload({
      s3: this.options.s3,
      bucket: this.options.bucket,
      key: `${this.options.prefix}${name}`,
      partSize: this.options.partSize,
      queueSize: this.options.queueSize,
      compressionLevel: this.options.compressionLevel,
      onBytes: this.options.onBytes,
    });
    const part = { entity, name, upload, sourceBytes: 0 };
    this.open.set(entity, part);
    this.all.push(part);
    return part;
  }

  private async finishPart(part: OpenPart): Promise<ManifestPart> {
    const uploaded: UploadedPart = await part.upload.finish();
    return {
      name: part.name,
      entity: part.entity,
      items: uploaded.items,
      bytes: uploaded.bytes,
      sha256: uploaded.sha256,
    };
  }
}
