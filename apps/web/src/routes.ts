/** Every address the SPA answers, in one place, so links and the router never disagree. */
export const paths = {
  register: '/',
  registrationDone: '/cadastro/concluido',
} as const;
