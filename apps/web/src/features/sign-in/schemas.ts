// The sign-in forms' schemas, imported when a form is first used (`useSignInForm`'s `loadSchema`): a module of
// their own, so the dynamic import brings these two and zod rather than every export of the contracts.
export { customerSignInSchema, operatorSignInSchema } from '@cadastro/contracts';
