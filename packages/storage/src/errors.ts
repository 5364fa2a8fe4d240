/** Classifies S3 errors by name and status: the SDK and the stand-ins name the same condition differently. */
interface S3ErrorLike {
  name?: string;
  Code?: string;
  $metadata?: { httpStatusCode?: number };
}

export function isNotFound(error: unknown): boolean {
  const e = error as S3ErrorLike;
  return e.name === 'NotFound' || e.name === 'NoSuchKey' || e.$metadata?.httpStatusCode === 404;
}

/**
 * The endpoint does not implement the call: S3 answers 501 NotImplemented; s3rver answers 405
 * MethodNotAllowed ("The specified method is not allowed against this resource") to ListObjectVersions.
 */
export function isNotImplemented(error: unknown): boolean {
  const e = error as S3ErrorLike;
  const status = e.$metadata?.httpStatusCode;
  return e.name === 'NotImplemented' || e.name === 'MethodNotAllowed' || status === 501 || status === 405;
}

/** GetObject or GetObjectTagging of an archived object without a readable copy. */
export function isInvalidObjectState(error: unknown): boolean {
  return (error as S3ErrorLike).name === 'InvalidObjectState';
}

export function isRestoreAlreadyInProgress(error: unknown): boolean {
  return (error as S3ErrorLike).name === 'RestoreAlreadyInProgress';
}
