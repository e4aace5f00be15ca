// Route table. Every page is a lazy chunk so the sign-in screen loads only what it needs.
import { lazy, Suspense, type ComponentType, type LazyExoticComponent } from 'react';
import { Route, Routes } from 'react-router-dom';
import { RequireAuth, RequirePermission } from './auth/RequireAuth';
import { FullPageSpin } from './components/FullPageSpin';

const page = (load: () => Promise<{ default: ComponentType }>) => lazy(load);

const LoginPage = page(() => import('./pages/LoginPage'));
const RegisterPage = page(() => import('./pages/RegisterPage'));
const ChangePasswordPage = page(() => import('./pages/ChangePasswordPage'));
const AppLayout = page(() => import('./components/AppLayout'));
const HomePage = page(() => import('./pages/HomePage'));
const NotFoundPage = page(() => import('./pages/NotFoundPage'));
const RegionsPage = page(() => import('./pages/admin/regions/RegionsPage'));
const UnitsPage = page(() => import('./pages/admin/units/UnitsPage'));
const PostsPage = page(() => import('./pages/admin/posts/PostsPage'));
const UsersPage = page(() => import('./pages/admin/users/UsersPage'));
const RolesPage = page(() => import('./pages/admin/roles/RolesPage'));
const CalendarPage = page(() => import('./pages/admin/calendar/CalendarPage'));
const LoginLogPage = page(() => import('./pages/admin/logs/LoginLogPage'));
const OperationLogPage = page(() => import('./pages/admin/logs/OperationLogPage'));
const SecurityPolicyPage = page(() => import('./pages/admin/settings/SecurityPolicyPage'));
// power library (staff)
const CatalogItemsPage = page(() => import('./pages/catalog/ItemsPage'));
const CatalogItemPage = page(() => import('./pages/catalog/ItemDetailPage'));
const CatalogVersionPage = page(() => import('./pages/catalog/VersionPage'));
const CatalogDraftPage = page(() => import('./pages/catalog/draft/DraftFormPage'));
const CatalogChangesPage = page(() => import('./pages/catalog/ChangesPage'));
const CatalogChangePage = page(() => import('./pages/catalog/ChangeDetailPage'));
const CatalogReviewPage = page(() => import('./pages/catalog/ReviewQueuePage'));
const CatalogExemptionsPage = page(() => import('./pages/catalog/ExemptionsPage'));
const CatalogPublicityPage = page(() => import('./pages/catalog/PublicityPage'));
const CatalogReportsPage = page(() => import('./pages/catalog/ReportsPage'));
// electronic supervision 电子监察 (staff)
const SupOverviewPage = page(() => import('./pages/supervision/OverviewPage'));
const SupSignalsPage = page(() => import('./pages/supervision/SignalsPage'));
const SupSignalPage = page(() => import('./pages/supervision/SignalDetailPage'));
const SupCaseMonitorPage = page(() => import('./pages/supervision/CaseMonitorPage'));
const SupTasksPage = page(() => import('./pages/supervision/TasksPage'));
const SupTaskPage = page(() => import('./pages/supervision/TaskDetailPage'));
const SupRulesPage = page(() => import('./pages/supervision/RulesPage'));
const SupLedgerPage = page(() => import('./pages/supervision/LedgerPage'));
const SupApprovalsPage = page(() => import('./pages/supervision/ApprovalsPage'));
const SupPatrolsPage = page(() => import('./pages/supervision/PatrolsPage'));
const SupSamplingsPage = page(() => import('./pages/supervision/SamplingsPage'));
const SupSamplingPage = page(() => import('./pages/supervision/SamplingDetailPage'));
const NotificationsPage = page(() => import('./pages/supervision/NotificationsPage'));
// public hall (no sign-in)
const PublicLayout = page(() => import('./pages/public/PublicLayout'));
const HallCatalogPage = page(() => import('./pages/public/HallCatalogPage'));
const HallGuidePage = page(() => import('./pages/public/HallGuidePage'));
const HallApplyPage = page(() => import('./pages/public/HallApplyPage'));
const HallMyCasesPage = page(() => import('./pages/public/HallMyCasesPage'));
const HallCasePage = page(() => import('./pages/public/HallCasePage'));
const HallQueryPage = page(() => import('./pages/public/HallQueryPage'));
const HallVerifyPage = page(() => import('./pages/public/HallVerifyPage'));
// case processing (staff)
const CaseTodoPage = page(() => import('./pages/cases/CaseTodoPage'));
const AcceptanceQueuePage = page(() => import('./pages/cases/AcceptanceQueuePage'));
const WindowEntryPage = page(() => import('./pages/cases/WindowEntryPage'));
const CaseListPage = page(() => import('./pages/cases/CaseListPage'));
const CaseDetailPage = page(() => import('./pages/cases/CaseDetailPage'));

function Lazy({ component: C }: { component: LazyExoticComponent<ComponentType> }) {
  return (
    <Suspense fallback={<FullPageSpin />}>
      <C />
    </Suspense>
  );
}

/** Admin page: staff only, plus `permission` when given. */
function Admin({ component, permission }: { component: LazyExoticComponent<ComponentType>; permission?: string }) {
  return (
    <RequirePermission permission={permission}>
      <Lazy component={component} />
    </RequirePermission>
  );
}

const ADMIN_ROUTES: { path: string; component: LazyExoticComponent<ComponentType>; permission?: string }[] = [
  { path: 'admin/regions', component: RegionsPage, permission: 'org.view' },
  { path: 'admin/units', component: UnitsPage, permission: 'org.view' },
  { path: 'admin/posts', component: PostsPage, permission: 'org.view' },
  { path: 'admin/users', component: UsersPage, permission: 'user.view' },
  { path: 'admin/roles', component: RolesPage, permission: 'role.manage' },
  { path: 'admin/calendar', component: CalendarPage },
  { path: 'admin/logs/login', component: LoginLogPage, permission: 'log.view' },
  { path: 'admin/logs/operations', component: OperationLogPage, permission: 'log.view' },
  { path: 'admin/settings/security', component: SecurityPolicyPage, permission: 'settings.manage' },
];

const CATALOG_ROUTES: typeof ADMIN_ROUTES = [
  { path: 'catalog/items', component: CatalogItemsPage, permission: 'catalog.view' },
  { path: 'catalog/items/:id', component: CatalogItemPage, permission: 'catalog.view' },
  { path: 'catalog/items/:id/versions/:versionNo', component: CatalogVersionPage, permission: 'catalog.view' },
  { path: 'catalog/items/:id/change', component: CatalogDraftPage, permission: 'catalog.draft' },
  { path: 'catalog/drafts/new', component: CatalogDraftPage, permission: 'catalog.draft' },
  { path: 'catalog/changes', component: CatalogChangesPage, permission: 'catalog.view' },
  { path: 'catalog/changes/:id', component: CatalogChangePage, permission: 'catalog.view' },
  { path: 'catalog/changes/:id/edit', component: CatalogDraftPage, permission: 'catalog.draft' },
  { path: 'catalog/review/:part', component: CatalogReviewPage, permission: 'catalog.view' },
  { path: 'catalog/exemptions', component: CatalogExemptionsPage, permission: 'catalog.view' },
  { path: 'catalog/publicity', component: CatalogPublicityPage, permission: 'catalog.view' },
  { path: 'catalog/reports', component: CatalogReportsPage, permission: 'catalog.view' },
];

const CASE_ROUTES: typeof ADMIN_ROUTES = [
  { path: 'cases', component: CaseListPage, permission: 'case.view' },
  { path: 'cases/todo', component: CaseTodoPage, permission: 'case.view' },
  { path: 'cases/acceptance', component: AcceptanceQueuePage, permission: 'case.accept' },
  { path: 'cases/new', component: WindowEntryPage, permission: 'case.enter' },
  { path: 'cases/:id', component: CaseDetailPage, permission: 'case.view' },
];

/** Hall page for a signed-in account (a visitor is sent to /login?next=…). */
function Signed({ component }: { component: LazyExoticComponent<ComponentType> }) {
  return (
    <RequireAuth>
      <Lazy component={component} />
    </RequireAuth>
  );
}

const SUPERVISION_ROUTES: typeof ADMIN_ROUTES = [
  { path: 'supervision/overview', component: SupOverviewPage, permission: 'supervision.view' },
  { path: 'supervision/signals', component: SupSignalsPage, permission: 'supervision.view' },
  { path: 'supervision/signals/:id', component: SupSignalPage, permission: 'supervision.view' },
  { path: 'supervision/cases', component: SupCaseMonitorPage, permission: 'case.view' },
  { path: 'supervision/tasks', component: SupTasksPage, permission: 'supervision.view' },
  { path: 'supervision/tasks/:id', component: SupTaskPage, permission: 'supervision.view' },
  { path: 'supervision/rules', component: SupRulesPage, permission: 'supervision.view' },
  { path: 'supervision/ledger', component: SupLedgerPage, permission: 'supervision.view' },
  { path: 'supervision/approvals', component: SupApprovalsPage, permission: 'supervision.view' },
  { path: 'supervision/patrols', component: SupPatrolsPage, permission: 'supervision.view' },
  { path: 'supervision/samplings', component: SupSamplingsPage, permission: 'supervision.view' },
  { path: 'supervision/samplings/:id', component: SupSamplingPage, permission: 'supervision.view' },
  { path: 'notifications', component: NotificationsPage },
];

export function AppRoutes() {
  return (
    <Routes>
      <Route path="/login" element={<Lazy component={LoginPage} />} />
      <Route path="/register" element={<Lazy component={RegisterPage} />} />
      <Route path="/change-password" element={<Lazy component={ChangePasswordPage} />} />
      <Route path="/hall" element={<Lazy component={PublicLayout} />}>
        <Route index element={<Lazy component={HallCatalogPage} />} />
        <Route path="items/:id" element={<Lazy component={HallGuidePage} />} />
        <Route path="apply/:itemId" element={<Signed component={HallApplyPage} />} />
        <Route path="my-cases" element={<Signed component={HallMyCasesPage} />} />
        <Route path="my-cases/:id" element={<Signed component={HallCasePage} />} />
        <Route path="query" element={<Lazy component={HallQueryPage} />} />
        <Route path="verify" element={<Lazy component={HallVerifyPage} />} />
        <Route path="verify/:code" element={<Lazy component={HallVerifyPage} />} />
      </Route>
      <Route
        path="/"
        element={
          <RequireAuth>
            <Lazy component={AppLayout} />
          </RequireAuth>
        }
      >
        <Route index element={<Lazy component={HomePage} />} />
        {[...ADMIN_ROUTES, ...CATALOG_ROUTES, ...CASE_ROUTES, ...SUPERVISION_ROUTES].map((r) => (
          <Route key={r.path} path={r.path} element={<Admin component={r.component} permission={r.permission} />} />
        ))}
        <Route path="*" element={<Lazy component={NotFoundPage} />} />
      </Route>
    </Routes>
  );
}
