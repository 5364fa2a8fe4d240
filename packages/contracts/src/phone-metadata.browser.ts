import type { MetadataJson } from 'libphonenumber-js/core';
import metadata from './phone-metadata.br.json';

/**
 * Brazil's phone rules only, for the browser (package.json `imports`, `browser` condition): the full set adds
 * ~19 KB gzipped to the first load. Extracted from libphonenumber-js's "min" metadata; a contracts test keeps it
 * equal to that package's current rules for BR.
 */
export const phoneMetadata = { metadata: metadata as MetadataJson, complete: false };
