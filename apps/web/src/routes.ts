/** Every address the SPA answers, in one place, so links and the router never disagree. */
export const paths = {
  register: '/',
  registrationDone: '/cadastro/concluido',
  documents: '/documentos',
  signIn: '/entrar',
  forgotPassword: '/esqueci-minha-senha',
  resetPassword: '/redefinir-senha',
  confirmEmail: '/confirmar-email',
  account: '/minha-conta',
  myData: '/minha-conta/meus-dados',
  admin: '/admin',
  adminSignIn: '/admin/entrar',
  adminCustomerRoute: '/admin/clientes/:id',
  adminCustomer: (id: string) => `/admin/clientes/${encodeURIComponent(id)}`,
  adminApiKeys: '/admin/chaves',
  adminBackups: '/admin/backups',
  adminStorage: '/admin/armazenamento',
} as const;
