import metadata from 'libphonenumber-js/metadata.min.json';

/** Every country's phone rules (libphonenumber's "min" set): what the server and Node tools validate with. */
export const phoneMetadata = { metadata, complete: true };
