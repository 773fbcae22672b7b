import type { Comment } from '../../../src/protocol/index.js';
import type { SiteConfig } from '../site-config.js';

/**
 * Until when a comment's author may edit it, in ms since the epoch: `editWindowMinutes` after
 * `createdAt`, the last millisecond included; `createdAt` itself where the window is 0 (editing off).
 */
export function editableUntilMs(site: SiteConfig, comment: Comment): number {
  return Date.parse(comment.createdAt) + Math.max(0, site.editWindowMinutes) * 60_000;
}

/** Whether the site's edit window for this comment has passed; a window of 0 never opens. */
export function isEditWindowClosed(site: SiteConfig, comment: Comment, nowMs: number): boolean {
  return site.editWindowMinutes <= 0 || nowMs > editableUntilMs(site, comment);
}

/** `editableUntilMs` as the wire's ISO 8601 (the post's answer, `editableUntil`). */
export function editableUntil(site: SiteConfig, comment: Comment): string {
  return new Date(editableUntilMs(site, comment)).toISOString();
}
