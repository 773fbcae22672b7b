import { createHash, createHmac } from 'node:crypto';
import type { SiteConfig } from '../site-config.js';
import type { CommentStore } from '../store/comment-store.js';

/** How reply notifications are paced. */
export interface NotifyTiming {
  /**
   * How long the first email about a comment waits, in ms: a reply deleted or edited in this
   * time is emailed as it ends up, and replies close together share one email. Default 15 s.
   */
  firstDelayMs: number;
  /** The shortest time between two emails to one address, in ms; what comes meanwhile is one digest. Default 5 min. */
  digestGapMs: number;
  /** How long a confirmation link works, in ms. Default 7 days. */
  confirmTtlMs: number;
}

export const defaultNotifyTiming: NotifyTiming = {
  firstDelayMs: 15_000,
  digestGapMs: 5 * 60_000,
  confirmTtlMs: 7 * 24 * 60 * 60_000,
};

/** What the email jobs share. */
export interface NotifyContext {
  store: CommentStore;
  sites: readonly SiteConfig[];
  /** Where readers reach this server (`https://comments.example.org`), for links in emails. */
  publicUrl: string;
  now: () => number;
  /** The secret that signs links in emails and derives confirmation tokens. */
  readSecret: () => Promise<string>;
  timing: NotifyTiming;
}

/** SHA-256 in hex, as tokens are kept. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/**
 * A token derived from the secret and `seed`: the same seed gives the same token, so a job run
 * again after a crash sends the link it would have sent the first time.
 */
export function deriveToken(secret: string, seed: string): string {
  return createHmac('sha256', secret).update(`hearth-email-token:${seed}`).digest('base64url');
}

/**
 * The `Message-ID` of the email a job sends: stable across tries of that job, so a copy sent
 * again after a crash can be recognised by the receiving server.
 */
export function messageIdFor(jobId: string, publicUrl: string): string {
  return `<${hashToken(jobId).slice(0, 32)}@${new URL(publicUrl).hostname}>`;
}

/** The site an event names, if this server still serves it. */
export function findSite(context: NotifyContext, id: string): SiteConfig | undefined {
  return context.sites.find((site) => site.id === id);
}
