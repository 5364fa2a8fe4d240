import { createBrowserRouter, RouterProvider } from 'react-router';
import { AccountPage } from './account/AccountPage.tsx';
import { AdminSignInPage } from './admin/AdminSignInPage.tsx';
import { ApiKeysPage } from './admin/ApiKeysPage.tsx';
import { CustomerPage } from './admin/CustomerPage.tsx';
import { CustomersPage } from './admin/CustomersPage.tsx';
import { RequireOperator } from './admin/RequireOperator.tsx';
import { StoragePage } from './admin/StoragePage.tsx';
import { Layout } from './components/Layout.tsx';
import { BackupsPage } from './features/backups/BackupsPage.tsx';
import { DocumentsPage } from './pages/DocumentsPage.tsx';
import { NotFoundPage } from './pages/NotFoundPage.tsx';
import { RegisterPage } from './pages/RegisterPage.tsx';
import { RegistrationDonePage } from './pages/RegistrationDonePage.tsx';
import { SignInPage } from './pages/SignInPage.tsx';
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
