import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { type DefaultValues, type FieldValues, type Resolver, useForm } from 'react-hook-form';
import { useNavigate } from 'react-router';
import type { z } from 'zod';
import { lazyResolver } from '../../lazy-resolver.ts';
import { reasonOf } from '../../trpc.ts';

interface SignInFormOptions<T extends FieldValues> {
  /** The contracts' schema, imported when the form is first used (`lazyResolver`). */
  loadSchema: () => Promise<z.ZodType<unknown, T>>;
  defaultValues: DefaultValues<T>;
  signIn: (values: T) => Promise<unknown>;
  /** Where to go once signed in. */
  next: string;
}

/**
 * A sign-in form (customer or operator): checked with the contracts' schema, sent as typed (the server parses
 * it itself), then every cached answer is refetched for the new session. `failure` is an ErrorReason.
 */
export function useSignInForm<T extends FieldValues>({
  loadSchema,
  defaultValues,
  signIn,
  next,
}: SignInFormOptions<T>) {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [failure, setFailure] = useState<string | null>(null);
  const [validation] = useState(() =>
    lazyResolver(async () => {
      const [{ zodResolver }, schema] = await Promise.all([import('@hookform/resolvers/zod'), loadSchema()]);
      return zodResolver(schema as never, undefined, { raw: true }) as unknown as Resolver<T>;
    }),
  );
  const form = useForm<T>({ resolver: validation.resolver, defaultValues });
  const submit = form.handleSubmit(async (values) => {
    setFailure(null);
    try {
      await signIn(values);
      await queryClient.invalidateQueries();
      await navigate(next);
    } catch (error) {
      setFailure(reasonOf(error));
    }
  });
  return { form, submit, failure, preload: validation.preload };
}
