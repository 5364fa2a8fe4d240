import type { FieldValues, Resolver } from 'react-hook-form';

/**
 * A form resolver whose code — zod and the contracts' schemas, about 25 KB gzipped, and building the schemas,
 * about 100 ms on a slow phone — loads when the form is first used instead of with the page. `preload` starts the
 * download early (forms call it on their first focus), so the first check rarely waits for it. A failed load is
 * tried again on the next check.
 */
export function lazyResolver<TFieldValues extends FieldValues, TContext, TTransformed>(
  load: () => Promise<Resolver<TFieldValues, TContext, TTransformed>>,
) {
  let loading: Promise<Resolver<TFieldValues, TContext, TTransformed>> | undefined;
  const loaded = () => {
    loading ??= load().catch((error: unknown) => {
      loading = undefined;
      throw error;
    });
    return loading;
  };
  const resolver: Resolver<TFieldValues, TContext, TTransformed> = async (values, context, options) =>
    (await loaded())(values, context, options);
  return { resolver, preload: () => void loaded().catch(() => {}) };
}
