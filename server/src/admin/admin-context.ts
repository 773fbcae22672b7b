import type { AppDeps } from '../app-deps.js';
import type { createAdminSchemas } from './admin-schemas.js';
import type { AuditRecorder } from './audit-log.js';

/** What the admin route modules share: the app's dependencies, their schemas, the audit log. */
export interface AdminContext {
  deps: AppDeps;
  schemas: ReturnType<typeof createAdminSchemas>;
  audit: AuditRecorder;
}
