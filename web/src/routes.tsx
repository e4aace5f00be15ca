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
// public hall (no sign-in)
const PublicLayout = page(() => import('./pages/public/PublicLayout'));
const HallCatalogPage = page(() => import('./pages/public/HallCatalogPage'));
const HallGuidePage = page(() => import('./pages/public/HallGuidePage'));
const HallApplyPage = page(() => import('./pages/public/HallApplyPage'));

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

export function AppRoutes() {
  return (
    <Routes>
      <Route path="/login" element={<Lazy component={LoginPage} />} />
      <Route path="/register" element={<Lazy component={RegisterPage} />} />
      <Route path="/change-password" element={<Lazy component={ChangePasswordPage} />} />
      <Route path="/hall" element={<Lazy component={PublicLayout} />}>
        <Route index element={<Lazy component={HallCatalogPage} />} />
        <Route path="items/:id" element={<Lazy component={HallGuidePage} />} />
        <Route path="apply/:itemId" element={<Lazy component={HallApplyPage} />} />
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
        {[...ADMIN_ROUTES, ...CATALOG_ROUTES].map((r) => (
          <Route key={r.path} path={r.path} element={<Admin component={r.component} permission={r.permission} />} />
        ))}
        <Route path="*" element={<Lazy component={NotFoundPage} />} />
      </Route>
    </Routes>
  );
}
