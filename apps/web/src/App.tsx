import { createBrowserRouter, RouterProvider } from 'react-router';
import { Layout } from './components/Layout.tsx';
import { NotFoundPage } from './components/NotFoundPage.tsx';
import { AccountPage } from './features/account/AccountPage.tsx';
import { AdminSignInPage } from './features/admin/AdminSignInPage.tsx';
import { ApiKeysPage } from './features/admin/ApiKeysPage.tsx';
import { CustomerPage } from './features/admin/CustomerPage.tsx';
import { CustomersPage } from './features/admin/CustomersPage.tsx';
import { RequireOperator } from './features/admin/RequireOperator.tsx';
import { StoragePage } from './features/admin/StoragePage.tsx';
import { DocumentsPage } from './features/attachments/DocumentsPage.tsx';
import { BackupsPage } from './features/backups/BackupsPage.tsx';
import { RegisterPage } from './features/registration/RegisterPage.tsx';
import { RegistrationDonePage } from './features/registration/RegistrationDonePage.tsx';
import { SignInPage } from './features/sign-in/SignInPage.tsx';
import { paths } from './routes.ts';

const router = createBrowserRouter([
  {
    element: <Layout />,
    children: [
      { path: paths.register, element: <RegisterPage /> },
      { path: paths.registrationDone, element: <RegistrationDonePage /> },
      { path: paths.documents, element: <DocumentsPage /> },
      { path: paths.signIn, element: <SignInPage /> },
      { path: paths.account, element: <AccountPage /> },
      { path: paths.adminSignIn, element: <AdminSignInPage /> },
      {
        path: paths.admin,
        element: (
          <RequireOperator>
            <CustomersPage />
          </RequireOperator>
        ),
      },
      {
        path: paths.adminCustomerRoute,
        element: (
          <RequireOperator>
            <CustomerPage />
          </RequireOperator>
        ),
      },
      {
        path: paths.adminApiKeys,
        element: (
          <RequireOperator>
            <ApiKeysPage />
          </RequireOperator>
        ),
      },
      {
        path: paths.adminBackups,
        element: (
          <RequireOperator>
            <BackupsPage />
          </RequireOperator>
        ),
      },
      {
        path: paths.adminStorage,
        element: (
          <RequireOperator>
            <StoragePage />
          </RequireOperator>
        ),
      },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);

export function App() {
  return <RouterProvider router={router} />;
}
