import { lazy, Suspense, type ReactNode } from "react";
import { App as AntdApp, ConfigProvider } from "antd";
import { Authenticated, CanAccess, Refine } from "@refinedev/core";
import { ThemedLayout, useNotificationProvider } from "@refinedev/antd";
import { KBarProvider, RefineKbar } from "@refinedev/kbar";
import routerProvider, {
  CatchAllNavigate,
  DocumentTitleHandler,
  NavigateToResource,
  UnsavedChangesNotifier,
} from "@refinedev/react-router";
import { BrowserRouter, Navigate, Outlet, Route, Routes, useLocation } from "react-router";

import { ErrorBoundary } from "./components/error-boundary";
import { Header } from "./components/layout/header";
import { MaintenanceBanner } from "./components/layout/maintenance-banner";
import { MainContent, SkipLink } from "./components/layout/skip-link";
import { appTheme } from "./lib/theme";
import { Sider } from "./components/layout/sider";
import { Title } from "./components/layout/title";
import { NoAccess } from "./components/no-access";
import { PageLoader } from "./components/page-loader";
import { accessControlProvider } from "./providers/access-control";
import { authProvider } from "./providers/auth";
import { queryClient } from "./providers/query-client";
import { dataProvider } from "./providers/data";
import { usePrefersReducedMotion } from "./lib/reduced-motion";
import { resources } from "./resources";
import { PageViewTracker } from "./routes/analytics/page-view-tracker";

// Every page is its own chunk, so the entry stays small and a page's code loads when it is opened.
const LoginPage = lazy(() => import("./routes/auth/login"));
const ForgotPasswordPage = lazy(() => import("./routes/auth/forgot-password"));
const ResetPasswordPage = lazy(() => import("./routes/auth/reset-password"));
const DashboardPage = lazy(() => import("./routes/dashboard"));
const UserListPage = lazy(() => import("./routes/users/list"));
const UserShowPage = lazy(() => import("./routes/users/show"));
const AuditLogPage = lazy(() => import("./routes/audit-log/list"));
const OutboxPage = lazy(() => import("./routes/audit-log/outbox"));
const RolesPage = lazy(() => import("./routes/settings/roles"));
const NotFoundPage = lazy(() => import("./routes/not-found"));
const SubscriptionsPage = lazy(() => import("./routes/subscriptions"));
const TiersPage = lazy(() => import("./routes/subscriptions/tiers"));
const InvoiceListPage = lazy(() => import("./routes/invoices/list"));
const InvoiceShowPage = lazy(() => import("./routes/invoices/show"));
const SupportTicketListPage = lazy(() => import("./routes/support-tickets/list"));
const SupportTicketShowPage = lazy(() => import("./routes/support-tickets/show"));
const SupportSettingsPage = lazy(() => import("./routes/support-tickets/settings"));
const SystemMonitoringPage = lazy(() => import("./routes/system"));
const AnalyticsPage = lazy(() => import("./routes/analytics"));
const SearchPage = lazy(() => import("./routes/search"));
const ErrorListPage = lazy(() => import("./routes/errors/list"));
const ErrorShowPage = lazy(() => import("./routes/errors/show"));
const SystemLogPage = lazy(() => import("./routes/audit-log/system-log"));

const APP_TITLE = "Socrates Ops Console";
const PAGE_TITLES: Record<string, string> = {
  "/login": "Sign in",
  "/forgot-password": "Forgot password",
  "/reset-password": "Choose a new password",
  "/search": "Search",
};

/** A render error on one page leaves the menu usable, and navigating elsewhere clears it. */
function PageErrorBoundary({ children }: { children: ReactNode }) {
  const { pathname } = useLocation();
  return <ErrorBoundary key={pathname}>{children}</ErrorBoundary>;
}

function ConsoleLayout() {
  return (
    <>
      <SkipLink />
      <ThemedLayout Header={Header} Title={Title} Sider={Sider}>
        <PageErrorBoundary>
          <PageViewTracker />
          <MaintenanceBanner />
          <MainContent>
            {/* Opening a section by URL without the permission shows a 403 page, not a failing request. */}
            <CanAccess fallback={<NoAccess />}>
              <Suspense fallback={<PageLoader />}>
                <Outlet />
              </Suspense>
            </CanAccess>
          </MainContent>
        </PageErrorBoundary>
      </ThemedLayout>
    </>
  );
}

const bare = (page: ReactNode) => <Suspense fallback={null}>{page}</Suspense>;

export default function App() {
  const reducedMotion = usePrefersReducedMotion();
  return (
    <BrowserRouter basename="/admin">
      <ConfigProvider theme={appTheme(!reducedMotion)}>
        <AntdApp>
          <ErrorBoundary>
            {/* Ctrl+K is the search palette; Refine's command palette (go to, create) takes Ctrl+Shift+K.
                RefineKbarProvider does not pass options on, so kbar's own provider is used. */}
            <KBarProvider options={{ toggleShortcut: "$mod+Shift+k" }}>
              <Refine
                routerProvider={routerProvider}
                dataProvider={dataProvider}
                authProvider={authProvider}
                accessControlProvider={accessControlProvider}
                notificationProvider={useNotificationProvider}
                resources={resources}
                options={{
                  syncWithLocation: true,
                  warnWhenUnsavedChanges: true,
                  disableTelemetry: true,
                  title: { text: "Socrates Ops" },
                  reactQuery: { clientConfig: queryClient },
                }}
              >
                <Routes>
                  <Route
                    element={
                      <Authenticated key="console" fallback={<CatchAllNavigate to="/login" />}>
                        <ConsoleLayout />
                      </Authenticated>
                    }
                  >
                    <Route index element={<DashboardPage />} />
                    <Route path="users">
                      <Route index element={<UserListPage />} />
                      <Route path=":id" element={<UserShowPage />} />
                    </Route>
                    <Route path="subscriptions">
                      <Route index element={<SubscriptionsPage />} />
                      <Route path="tiers" element={<TiersPage />} />
                    </Route>
                    <Route path="invoices">
                      <Route index element={<InvoiceListPage />} />
                      <Route path=":id" element={<InvoiceShowPage />} />
                    </Route>
                    <Route path="support-tickets">
                      <Route index element={<SupportTicketListPage />} />
                      <Route path=":id" element={<SupportTicketShowPage />} />
                    </Route>
                    <Route path="support-settings" element={<SupportSettingsPage />} />
                    <Route path="system" element={<SystemMonitoringPage />} />
                    <Route path="analytics/:tab?" element={<AnalyticsPage />} />
                    <Route path="search" element={<SearchPage />} />
                    <Route path="errors">
                      <Route index element={<ErrorListPage />} />
                      <Route path=":id" element={<ErrorShowPage />} />
                    </Route>
                    <Route path="audit-log">
                      <Route index element={<AuditLogPage />} />
                      <Route path="outbox" element={<OutboxPage />} />
                      <Route path="system-log" element={<SystemLogPage />} />
                    </Route>
                    <Route path="settings">
                      <Route index element={<Navigate to="/settings/roles" replace />} />
                      <Route path="roles" element={<RolesPage />} />
                    </Route>
                    <Route path="*" element={<NotFoundPage />} />
                  </Route>

                  <Route
                    element={
                      <Authenticated key="sign-in" fallback={<Outlet />}>
                        <NavigateToResource resource="dashboard" />
                      </Authenticated>
                    }
                  >
                    <Route path="login" element={bare(<LoginPage />)} />
                  </Route>
                  {/* Reachable signed in or not: the link comes from an e-mail. */}
                  <Route path="forgot-password" element={bare(<ForgotPasswordPage />)} />
                  <Route path="reset-password" element={bare(<ResetPasswordPage />)} />
                </Routes>

                <RefineKbar />
                <UnsavedChangesNotifier />
                <DocumentTitleHandler
                  handler={({ resource, action, pathname }) => {
                    const page = pathname ? PAGE_TITLES[pathname] : undefined;
                    if (page) return `${page} | ${APP_TITLE}`;
                    const label = resource?.name ? resource.meta?.label : undefined;
                    if (!label) return APP_TITLE;
                    return `${action === "show" ? `${label} · details` : label} | ${APP_TITLE}`;
                  }}
                />
              </Refine>
            </KBarProvider>
          </ErrorBoundary>
        </AntdApp>
      </ConfigProvider>
    </BrowserRouter>
  );
}
