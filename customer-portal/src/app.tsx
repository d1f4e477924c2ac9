import { lazy, Suspense } from 'react';
import { BrowserRouter, Outlet, Route, Routes, useLocation } from 'react-router';
import { Authenticated, Refine } from '@refinedev/core';
import routerProvider, { CatchAllNavigate, DocumentTitleHandler, NavigateToResource, UnsavedChangesNotifier } from '@refinedev/react-router';
import { App as AntdApp, ConfigProvider } from 'antd';
import { CodeOutlined } from '@ant-design/icons';
import '@refinedev/antd/dist/reset.css';

import { authProvider } from './providers/auth';
import { queryClient } from './providers/query-client';
import { useNotificationProvider } from './providers/notifications';
import { portalDataProvider } from './providers/data';
import { resources } from './resources';
import { AppErrorBoundary } from './components/app-error-boundary';
import { MaintenanceBanner } from './components/maintenance-banner';
import { ImpersonationBanner } from './components/impersonation-banner';
import { PageLoading } from './components/page-loading';
import { PageViewTracker } from './routes/analytics/page-view-tracker';
import { usePrefersReducedMotion } from './lib/reduced-motion';
import { appTheme } from './lib/theme';

// Every page, and the signed-in layout, is its own chunk; the entry holds Refine, the router and antd's core.
const PortalLayout = lazy(() => import('./components/portal-layout'));
const LoginPage = lazy(() => import('./routes/auth/login'));
const RegisterPage = lazy(() => import('./routes/auth/register'));
const ForgotPasswordPage = lazy(() => import('./routes/auth/forgot-password'));
const ResetPasswordPage = lazy(() => import('./routes/auth/reset-password'));
const ProjectList = lazy(() => import('./routes/projects/list'));
const ProjectCreate = lazy(() => import('./routes/projects/create'));
const ProjectEdit = lazy(() => import('./routes/projects/edit'));
const ProjectShow = lazy(() => import('./routes/projects/show'));
const AnalysisShow = lazy(() => import('./routes/analyses/show'));
const IntakeList = lazy(() => import('./routes/intakes/list'));
const IntakeCreate = lazy(() => import('./routes/intakes/create'));
const IntakeEdit = lazy(() => import('./routes/intakes/edit'));
const IntakeShow = lazy(() => import('./routes/intakes/show'));
const AccountPage = lazy(() => import('./routes/account/show'));
const BillingPage = lazy(() => import('./routes/billing/show'));
const SupportTicketList = lazy(() => import('./routes/support/list'));
const SupportTicketCreate = lazy(() => import('./routes/support/create'));
const SupportTicketShow = lazy(() => import('./routes/support/show'));
const NotFound = lazy(() => import('./components/not-found'));
const SearchPage = lazy(() => import('./routes/search'));
const AnalyticsPage = lazy(() => import('./routes/analytics'));
const ProjectAnalyticsPage = lazy(() => import('./routes/analytics/project'));

const SINGULAR: Record<string, string> = { projects: 'Project', intakes: 'Intake', analyses: 'Analysis', billing: 'Billing', account: 'Account' };
const SIGNED_OUT_TITLES: Record<string, string> = {
  '/login': 'Sign in',
  '/register': 'Sign up',
  '/forgot-password': 'Forgot password',
  '/reset-password': 'Reset password',
};

/** "Projects | Socrates", "Edit project | Socrates" — never a raw UUID in the tab title. */
function documentTitle({ resource, action, pathname }: Parameters<NonNullable<React.ComponentProps<typeof DocumentTitleHandler>['handler']>>[0]) {
  const signedOut = pathname ? SIGNED_OUT_TITLES[pathname] : undefined;
  if (signedOut) return `${signedOut} | Socrates`;
  if (!resource) return 'Socrates';
  const plural = resource.meta?.label ?? resource.name;
  const singular = SINGULAR[resource.name] ?? plural;
  const title =
    action === 'create' ? `New ${singular.toLowerCase()}` : action === 'edit' ? `Edit ${singular.toLowerCase()}` : action === 'show' ? singular : plural;
  return `${title} | Socrates`;
}

function PageOutlet() {
  const location = useLocation();
  return (
    <AppErrorBoundary resetKey={location.pathname}>
      <Suspense fallback={<PageLoading />}>
        <Outlet />
      </Suspense>
    </AppErrorBoundary>
  );
}

export function App() {
  const reducedMotion = usePrefersReducedMotion();
  return (
    <BrowserRouter basename="/portal">
      <ConfigProvider theme={appTheme(!reducedMotion)}>
        <AntdApp>
          <Refine
            dataProvider={portalDataProvider}
            authProvider={authProvider}
            routerProvider={routerProvider}
            notificationProvider={useNotificationProvider}
            resources={resources}
            options={{
              title: { text: 'Socrates', icon: <CodeOutlined /> },
              syncWithLocation: false,
              warnWhenUnsavedChanges: true,
              disableTelemetry: true,
              breadcrumb: false,
              reactQuery: { clientConfig: queryClient },
            }}
          >
            <MaintenanceBanner />
            <ImpersonationBanner />
            {/* Last line of defence: a crash in the shell itself (pages have their own boundary). */}
            <AppErrorBoundary>
              <Routes>
                <Route
                  element={
                    <Authenticated key="portal" fallback={<CatchAllNavigate to="/login" />}>
                      <Suspense fallback={<PageLoading />}>
                        <PortalLayout>
                          <PageViewTracker />
                          <PageOutlet />
                        </PortalLayout>
                      </Suspense>
                    </Authenticated>
                  }
                >
                  <Route index element={<NavigateToResource resource="projects" />} />
                  <Route path="/projects">
                    <Route index element={<ProjectList />} />
                    <Route path="create" element={<ProjectCreate />} />
                    <Route path=":id" element={<ProjectShow />} />
                    <Route path=":id/edit" element={<ProjectEdit />} />
                  </Route>
                  <Route path="/analyses/:id" element={<AnalysisShow />} />
                  <Route path="/search" element={<SearchPage />} />
                  <Route path="/intakes">
                    <Route index element={<IntakeList />} />
                    <Route path="create" element={<IntakeCreate />} />
                    <Route path=":id" element={<IntakeShow />} />
                    <Route path=":id/edit" element={<IntakeEdit />} />
                  </Route>
                  <Route path="/billing" element={<BillingPage />} />
                  <Route path="/support">
                    <Route index element={<SupportTicketList />} />
                    <Route path="new" element={<SupportTicketCreate />} />
                    <Route path=":id" element={<SupportTicketShow />} />
                  </Route>
                  <Route path="/account" element={<AccountPage />} />
                  <Route path="/analytics">
                    <Route index element={<AnalyticsPage />} />
                    <Route path="projects/:id" element={<ProjectAnalyticsPage />} />
                  </Route>
                  <Route path="*" element={<NotFound />} />
                </Route>

                <Route
                  element={
                    <Authenticated key="signed-out" fallback={<PageOutlet />}>
                      <NavigateToResource resource="projects" />
                    </Authenticated>
                  }
                >
                  <Route path="/login" element={<LoginPage />} />
                  <Route path="/register" element={<RegisterPage />} />
                  <Route path="/forgot-password" element={<ForgotPasswordPage />} />
                </Route>

                {/* Reachable signed in or out: the e-mailed link must work in any browser state. */}
                <Route element={<PageOutlet />}>
                  <Route path="/reset-password" element={<ResetPasswordPage />} />
                </Route>
              </Routes>
            </AppErrorBoundary>
            <UnsavedChangesNotifier />
            <DocumentTitleHandler handler={documentTitle} />
          </Refine>
        </AntdApp>
      </ConfigProvider>
    </BrowserRouter>
  );
}
