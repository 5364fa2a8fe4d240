import type { ApiKeyScope, OperatorRole } from '@cadastro/contracts';

/*
 * Kept apart from trpc.ts, which knows the server's context: procedure types name `Meta`, and the published
 * client's declarations must not reach the context (see `PublicRouter`).
 */

/** Who may call a procedure. Every procedure declares one through the builder it is made from. */
export type Role = 'public' | 'customer' | 'operator' | 'service' | 'staff' | 'customerOrStaff';
/** Set in two steps: the builder sets `role`, a procedure open to services adds its `scope` with `.meta()`. */
export interface Meta {
  role?: Role;
  /**
   * The API-key scope a service needs for this procedure. A procedure for signed-in callers that names none is
   * closed to every key: keys never change documents, restore, or manage anything.
   */
  scope?: ApiKeyScope;
  /** The operator roles a procedure open to operators admits; none declared: no operator (deny by default). */
  operatorRoles?: readonly OperatorRole[];
  /** Open to an operator who must still change the password or enrol an authenticator (it is how they do it). */
  allowPending?: boolean;
}
