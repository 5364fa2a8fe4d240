import type { FastifyReply, FastifyRequest } from 'fastify';

export const SESSION_COOKIE = 'cadastro_session';

/** What a procedure may do with the session cookie; a no-op outside HTTP (tests' direct callers). */
export interface SessionCookie {
  /** The token the request came with, if any. */
  readonly token: string | null;
  set(token: string, maxAgeMs: number): void;
  clear(): void;
}

/**
 * httpOnly (no script can read it), SameSite=Strict (never sent on cross-site requests), Secure when the request
 * reached us over TLS (directly or, with TRUST_PROXY, as the load balancer says).
 */
export function httpSessionCookie(req: FastifyRequest, reply: FastifyReply): SessionCookie {
  const options = {
    httpOnly: true,
    sameSite: 'strict',
    secure: req.protocol === 'https',
    path: '/',
  } as const;
  return {
    token: req.cookies[SESSION_COOKIE] ?? null,
    set(token, maxAgeMs) {
      reply.setCookie(SESSION_COOKIE, token, { ...options, maxAge: Math.floor(maxAgeMs / 1000) });
    },
    clear() {
      reply.clearCookie(SESSION_COOKIE, options);
    },
  };
}

export const noSessionCookie: SessionCookie = { token: null, set() {}, clear() {} };
