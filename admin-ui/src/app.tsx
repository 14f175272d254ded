// Routes under /ui: sign-in, then the pages the user's role may open.
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { createBrowserRouter, Navigate, RouterProvider, useLocation } from 'react-router';
import { useSession } from './auth/session.js';
import { Layout } from './components/layout.js';
import { homeFor, PAGES } from './pages.js';
import { SignInPage } from './pages/sign-in.page.js';
import { AcceptInvitationPage } from './pages/accept-invitation.page.js';

function RequireSignIn({ children }: { children: ReactNode }) {
  const { me, restoring } = useSession();
  const location = useLocation();
  const { t } = useTranslation();
  if (restoring) return <p>{t('common.loading')}</p>;
  if (!me) return <Navigate to="/sign-in" replace state={{ from: location.pathname }} />;
  return children;
}

function Home() {
  const { me } = useSession();
  return <Navigate to={me ? homeFor(me.role) : '/sign-in'} replace />;
}

function Guarded({ roles, children }: { roles: readonly string[]; children: ReactNode }) {
  const { me } = useSession();
  if (me && !roles.includes(me.role)) return <Navigate to={homeFor(me.role)} replace />;
  return children;
}

const router = createBrowserRouter(
  [
    { path: '/sign-in', element: <SignInPage /> },
    { path: '/accept-invitation', element: <AcceptInvitationPage /> },
    {
      path: '/',
      element: (
        <RequireSignIn>
          <Layout />
        </RequireSignIn>
      ),
      children: [
        { index: true, element: <Home /> },
        ...PAGES.map((p) => ({
          path: p.path,
          element: (
            <Guarded roles={p.roles}>
              <p.component />
            </Guarded>
          ),
        })),
        { path: '*', element: <Home /> },
      ],
    },
  ],
  { basename: '/ui' },
);

export function App() {
  return <RouterProvider router={router} />;
}
