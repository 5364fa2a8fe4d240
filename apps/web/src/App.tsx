import { createBrowserRouter, RouterProvider } from 'react-router';
import { Layout } from './components/Layout.tsx';
import { DocumentsPage } from './pages/DocumentsPage.tsx';
import { NotFoundPage } from './pages/NotFoundPage.tsx';
import { RegisterPage } from './pages/RegisterPage.tsx';
import { RegistrationDonePage } from './pages/RegistrationDonePage.tsx';
import { paths } from './routes.ts';

const router = createBrowserRouter([
  {
    element: <Layout />,
    children: [
      { path: paths.register, element: <RegisterPage /> },
      { path: paths.registrationDone, element: <RegistrationDonePage /> },
      { path: paths.documents, element: <DocumentsPage /> },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);

export function App() {
  return <RouterProvider router={router} />;
}
