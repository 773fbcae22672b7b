import { ErrorCode } from '../../../src/protocol/index.js';
import { ApiError } from '../http/api-error.js';
import type { SiteConfig } from '../site-config.js';
import type { CommentStore } from '../store/comment-store.js';

/** Throws 400 `spam_detected` (field `website`) when the hidden honeypot field has a value. */
export function checkHoneypot(website: string | undefined): void {
  if (website !== undefined && website.trim() !== '') {
    throw new ApiError(400, ErrorCode.spamDetected, 'This form field must be left empty.', {
      field: 'website',
    });
  }
}

/**
 * Throws 400 `spam_detected` when a post comes sooner than the site's `minComposeSeconds`
 * after its challenge was issued: faster than a person reads, writes and sends.
 */
export function checkComposeTime(site: SiteConfig, issuedMs: number, nowMs: number): void {
  if (nowMs - issuedMs < site.limits.minComposeSeconds * 1000) {
    throw new ApiError(
      400,
      ErrorCode.spamDetected,
      'That was quick! Please take a moment before posting, then try again.',
    );
  }
}

/**
 * Throws 409 `duplicate_comment` (field `body`) when the same network posted the same body on
 * the site within `duplicateWindowMinutes`. Nothing to compare without an IP hash; a window of
 * 0 turns the check off.
 */
export async function checkDuplicate(
  store: CommentStore,
  site: SiteConfig,
  body: string,
  ipHash: string | null,
  nowMs: number,
): Promise<void> {
  const windowMs = site.limits.duplicateWindowMinutes * 60_000;
  if (ipHash === null || windowMs <= 0) return;
  if (await store.hasRecentDuplicate(site.id, body, ipHash, nowMs - windowMs)) {
    throw new ApiError(409, ErrorCode.duplicateComment, 'You just posted this same comment.', {
      field: 'body',
    });
  }
}
