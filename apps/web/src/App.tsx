import { createBrowserRouter, RouterProvider } from 'react-router';
import { Layout } from './components/Layout.tsx';
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
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);

export function App() {
  return <RouterProvider router={router} />;
}
