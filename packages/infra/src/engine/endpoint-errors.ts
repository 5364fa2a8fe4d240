/** What the SDK puts on a service error. */
interface ServiceError {
  name?: string;
  message?: string;
  $metadata?: { httpStatusCode?: number };
}

export const errorName = (e: unknown) => (e as ServiceError)?.name ?? 'Error';
export const httpStatus = (e: unknown) => (e as ServiceError)?.$metadata?.httpStatusCode;

/**
 * The answers of an endpoint that does not implement an operation: s3rver's 501 NotImplemented (and 405 for
 * GetBucketPolicy), DynamoDB Local's UnknownOperationException for point-in-time recovery.
 */
const UNSUPPORTED_NAMES = new Set(['NotImplemented', 'UnknownOperationException', 'MethodNotAllowed']);

export function isUnsupportedByEndpoint(e: unknown): boolean {
  const status = httpStatus(e);
  return UNSUPPORTED_NAMES.has(errorName(e)) || status === 501 || status === 405;
}

export function describeError(e: unknown): string {
  const status = httpStatus(e);
  const message = (e as ServiceError)?.message;
  const detail = message && message !== 'UnknownError' ? `: ${message}` : '';
  return `${errorName(e)}${status ? ` (HTTP ${status})` : ''}${detail}`;
}

/** Reads an error code the SDK may only know by HTTP status (HEAD answers carry no body). */
export function isNotFound(e: unknown, names: readonly string[] = []): boolean {
  return names.includes(errorName(e)) || errorName(e) === 'NotFound' || httpStatus(e) === 404;
}
