// The admin page's entry (dist/admin.js): defines its elements once. Never imported by the widget.
import { AdminAuditSection } from './admin-audit-section.js';
import { AdminBansSection } from './admin-bans-section.js';
import { AdminCommentsSection } from './admin-comments-section.js';
import { AdminExportSection } from './admin-export-section.js';
import { AdminThreadsSection } from './admin-threads-section.js';
import { AdminWebhooksSection } from './admin-webhooks-section.js';
import { HearthAdmin } from './hearth-admin.js';

const elements: Array<[string, CustomElementConstructor]> = [
  ['hearth-admin-comments', AdminCommentsSection],
  ['hearth-admin-threads', AdminThreadsSection],
  ['hearth-admin-bans', AdminBansSection],
  ['hearth-admin-audit', AdminAuditSection],
  ['hearth-admin-webhooks', AdminWebhooksSection],
  ['hearth-admin-export', AdminExportSection],
  ['hearth-admin', HearthAdmin],
];
for (const [name, element] of elements) {
  if (!customElements.get(name)) customElements.define(name, element);
}
