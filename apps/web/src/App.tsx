import { createBrowserRouter, RouterProvider } from 'react-router';
import { Layout } from './components/Layout.tsx';
import { NotFoundPage } from './components/NotFoundPage.tsx';
import { RegisterPage } from './features/registration/RegisterPage.tsx';
import { RegistrationDonePage } from './features/registration/RegistrationDonePage.tsx';
import { paths } from './routes.ts';

/** Pages other than registration are fetched when first visited: the first load carries registration only. */
const customerPages = {
  account: async () => ({ Component: (await import('./features/account/AccountPage.tsx')).AccountPage }),
  terms: async () => ({ Component: (await import('./features/legal/LegalPage.tsx')).TermsPage }),
  privacy: async () => ({ Component: (await import('./features/legal/LegalPage.tsx')).PrivacyPage }),
  myData: async () => ({ Component: (await import('./features/account/MyDataPage.tsx')).MyDataPage }),
  accessLog: async () => ({
    Component: (await import('./features/account/AccessLogPage.tsx')).AccessLogPage,
  }),
  documents: async () => ({
    Component: (await import('./features/attachments/DocumentsPage.tsx')).DocumentsPage,
  }),
  signIn: async () => ({ Component: (await import('./features/sign-in/SignInPage.tsx')).SignInPage }),
  forgotPassword: async () => ({
    Component: (await import('./features/recovery/ForgotPasswordPage.tsx')).ForgotPasswordPage,
  }),
  resetPassword: async () => ({
    Component: (await import('./features/recovery/ResetPasswordPage.tsx')).ResetPasswordPage,
  }),
  confirmEmail: async () => ({
    Component: (await import('./features/recovery/ConfirmEmailPage.tsx')).ConfirmEmailPage,
  }),
};

/** The operator area, loaded on the first visit to /admin only (one chunk: see features/admin/pages.ts). */
const admin = (page: keyof typeof import('./features/admin/pages.ts')) => async () => ({
  Component: (await import('./features/admin/pages.ts'))[page],
});

const router = createBrowserRouter([
  {
    element: <Layout />,
    children: [
      { path: paths.register, element: <RegisterPage /> },
      { path: paths.registrationDone, element: <RegistrationDonePage /> },
      { path: paths.documents, lazy: customerPages.documents },
      { path: paths.signIn, lazy: customerPages.signIn },
      { path: paths.forgotPassword, lazy: customerPages.forgotPassword },
      { path: paths.resetPassword, lazy: customerPages.resetPassword },
      { path: paths.confirmEmail, lazy: customerPages.confirmEmail },
      { path: paths.account, lazy: customerPages.account },
      { path: paths.myData, lazy: customerPages.myData },
      { path: paths.accessLog, lazy: customerPages.accessLog },
      { path: paths.terms, lazy: customerPages.terms },
      { path: paths.privacy, lazy: customerPages.privacy },
      { path: paths.adminSignIn, lazy: admin('AdminSignInPage') },
      { path: paths.adminInvitation, lazy: admin('InvitationPage') },
      {
        lazy: admin('RequireOperator'),
        children: [
          { path: paths.admin, lazy: admin('CustomersPage') },
          { path: paths.adminCustomerRoute, lazy: admin('CustomerPage') },
          { path: paths.adminApiKeys, lazy: admin('ApiKeysPage') },
          { path: paths.adminBackups, lazy: admin('BackupsPage') },
          { path: paths.adminStorage, lazy: admin('StoragePage') },
          { path: paths.adminTeam, lazy: admin('TeamPage') },
          { path: paths.adminAccessRecord, lazy: admin('AccessRecordPage') },
          { path: paths.adminOwnAccount, lazy: admin('OwnAccountPage') },
        ],
      },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);

export function App() {
  return <RouterProvider router={router} />;
}
