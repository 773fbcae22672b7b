import type { AppDeps } from '../app-deps.js';
import type { createAdminSchemas } from './admin-schemas.js';

/** What the admin route modules share: the app's dependencies (the audit log among them) and their schemas. */
export interface AdminContext {
  deps: AppDeps;
  schemas: ReturnType<typeof createAdminSchemas>;
}
