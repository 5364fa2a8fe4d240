import { TRPCClientError } from '@trpc/client';
import { isRegistrationField, type RegistrationField } from './fields.ts';

/** What the API adds to `error.data` (see the server's error formatter). */
interface ErrorData {
  reason?: string;
  fieldErrors?: Record<string, string[]> | null;
  conflicts?: Array<{ reason: string; field: string }>;
}

export interface ServerFormErrors {
  /** Message keys (ErrorReason or ValidationMessage) for the fields they belong to. */
  fields: Array<{ field: RegistrationField; message: string }>;
  /** A message key for the form as a whole, when some part of the answer fits no field. */
  form: string | null;
}

/** Maps a failed `customers.register` onto the form: conflicts and invalid fields land on their own field. */
export function serverFormErrors(error: unknown): ServerFormErrors {
  const data = (error instanceof TRPCClientError ? error.data : undefined) as ErrorData | undefined;
  const fields: ServerFormErrors['fields'] = [];
  let form: string | null = null;

  for (const { reason, field } of data?.conflicts ?? []) {
    if (isRegistrationField(field)) fields.push({ field, message: reason });
    else form = reason;
  }
  for (const [path, [message]] of Object.entries(data?.fieldErrors ?? {})) {
    if (!message) continue;
    if (isRegistrationField(path)) fields.push({ field: path, message });
    else form = message; // e.g. consent.termsVersion: the terms changed while the page was open
  }
  if (fields.length === 0 && !form) form = data?.reason ?? 'unexpected';
  return { fields, form };
}
