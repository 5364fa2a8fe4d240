/**
 * The object tag that marks an upload not yet confirmed. Browsers upload straight to an attachment's final key
 * with a presigned POST whose `tagging` field sets `cadastro-upload=pending`; confirm retags it `stored`. A
 * lifecycle rule filtered on the pending tag (under `attachments/`) expires abandoned uploads even when the
 * server's sweep never ran.
 */
export const UPLOAD_TAG = { key: 'cadastro-upload', pending: 'pending', stored: 'stored' } as const;
export type UploadTagValue = typeof UPLOAD_TAG.pending | typeof UPLOAD_TAG.stored;

/** The S3 object-tagging XML for one tag, as the POST `tagging` form field expects it. */
export function taggingXml(key: string, value: string): string {
  return `<Tagging><TagSet><Tag><Key>${key}</Key><Value>${value}</Value></Tag></TagSet></Tagging>`;
}
