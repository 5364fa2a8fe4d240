import type { LifecycleRule } from '@aws-sdk/client-s3';
import type { LifecycleConfiguration } from '../desired/lifecycle-rules.ts';
import { isColder, SMALL_OBJECT_BYTES } from './storage-classes.ts';

export interface ListedObject {
  key: string;
  size: number;
  lastModified: Date;
  storageClass: string;
  /** The object's tags, when known (GetObjectTagging); a listing has none, and tag filters then never match. */
  tags?: Record<string, string>;
}

export interface ObjectFate {
  /** Transitions still ahead for this object, earliest first; none that an expiration pre-empts. */
  transitions: Array<{ at: Date; storageClass: string; rule: string }>;
  expiration?: { at: Date; rule: string };
  /** A transition rule applies but S3 skips the object for being under 128 KB. */
  keptSmall: boolean;
}

const DAY_MS = 86_400_000;

/** S3 adds the days to the creation time and rounds up to the next midnight UTC. */
export function lifecycleDate(created: Date, days: number): Date {
  const t = created.getTime() + days * DAY_MS;
  return new Date(Math.floor(t / DAY_MS) * DAY_MS + DAY_MS);
}

/**
 * Whether a rule's filter selects the object. Tag filters are decided only for an object whose tags are known;
 * from a listing (no tags) they never match.
 */
export function ruleMatches(rule: LifecycleRule, object: ListedObject): boolean {
  if (rule.Status !== 'Enabled') return false;
  const f = rule.Filter ?? {};
  const and = f.And;
  const tags = [...(f.Tag ? [f.Tag] : []), ...(and?.Tags ?? [])];
  if (tags.length > 0) {
    if (!object.tags) return false;
    if (!tags.every((t) => t.Key !== undefined && object.tags?.[t.Key] === t.Value)) return false;
  }
  const prefix = and?.Prefix ?? f.Prefix ?? rule.Prefix ?? '';
  const greater = and?.ObjectSizeGreaterThan ?? f.ObjectSizeGreaterThan;
  const less = and?.ObjectSizeLessThan ?? f.ObjectSizeLessThan;
  return (
    object.key.startsWith(prefix) &&
    (greater === undefined || object.size > greater) &&
    (less === undefined || object.size < less)
  );
}

export const usesTags = (rule: LifecycleRule) =>
  Boolean(rule.Filter?.Tag || (rule.Filter?.And?.Tags?.length ?? 0) > 0);

/** S3's default since 2024 moves nothing under 128 KB; the older behaviour still refuses GLACIER_IR and the IA classes. */
function skipsSmall(config: LifecycleConfiguration, target: string): boolean {
  if (config.TransitionDefaultMinimumObjectSize !== 'varies_by_storage_class') return true;
  return target !== 'GLACIER' && target !== 'DEEP_ARCHIVE';
}

/** What the rules will do to one current object, whatever the date. */
export function objectFate(object: ListedObject, config: LifecycleConfiguration): ObjectFate {
  const rules = config.Rules.filter((r) => ruleMatches(r, object));
  let expiration: ObjectFate['expiration'];
  for (const rule of rules) {
    const e = rule.Expiration;
    const at =
      e?.Days !== undefined
        ? lifecycleDate(object.lastModified, e.Days)
        : e?.Date
          ? new Date(e.Date)
          : undefined;
    if (at && (!expiration || at < expiration.at)) expiration = { at, rule: rule.ID ?? '' };
  }
  let keptSmall = false;
  const transitions: ObjectFate['transitions'] = [];
  for (const rule of rules) {
    for (const t of rule.Transitions ?? []) {
      const target = t.StorageClass ?? '';
      if (!isColder(target, object.storageClass)) continue;
      const at =
        t.Days !== undefined
          ? lifecycleDate(object.lastModified, t.Days)
          : t.Date
            ? new Date(t.Date)
            : undefined;
      if (!at) continue;
      // When expiration and transition fall together, S3 expires.
      if (expiration && expiration.at <= at) continue;
      if (object.size < SMALL_OBJECT_BYTES && skipsSmall(config, target)) {
        keptSmall = true;
        continue;
      }
      transitions.push({ at, storageClass: target, rule: rule.ID ?? '' });
    }
  }
  transitions.sort((a, b) => a.at.getTime() - b.at.getTime());
  return { transitions, expiration, keptSmall };
}

/** Where the object is at `asOf` if S3 has run every rule due by then: its class, or null once expired. */
export function classAt(object: ListedObject, fate: ObjectFate, asOf: Date): string | null {
  if (fate.expiration && fate.expiration.at <= asOf) return null;
  let current = object.storageClass;
  for (const t of fate.transitions)
    if (t.at <= asOf && isColder(t.storageClass, current)) current = t.storageClass;
  return current;
}
