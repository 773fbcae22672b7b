import { comparePendingItems, decideConfirmation, isTokenLive } from './notification-rules.js';
import type {
  EmailAddressRecord,
  NotificationItem,
  NotificationStore,
  Subscriber,
  Subscription,
} from './notification-store.js';

type StoredAddress = EmailAddressRecord;

/** An item as the memory store keeps it: queued, and sent or not. */
interface StoredItem extends NotificationItem {
  sentAtMs: number | null;
}

/**
 * Reply notifications in the process, for the memory store: the same rules, gone with the
 * process. The comments are the memory store's; `blankCommentEmails` drops an address from
 * every comment of a site that carries it, for `forgetEmailAddress`.
 */
export function createMemoryNotifications(
  blankCommentEmails: (site: string, email: string) => void,
): NotificationStore {
  const addresses = new Map<string, StoredAddress>();
  const subscriptions = new Map<string, Subscription>();
  const items = new Map<string, StoredItem>();
  const keyOf = (...parts: Array<string | null>) => JSON.stringify(parts);
  const isOf = (site: string, email: string) => (entry: { site: string; email: string }) =>
    entry.site === site && entry.email === email;

  function toRecord(stored: StoredAddress): EmailAddressRecord {
    return { ...stored };
  }

  function toItem(stored: StoredItem): NotificationItem {
    const { site, email, commentId, thread, reason, createdAtMs, pageUrl } = stored;
    return { site, email, commentId, thread, reason, createdAtMs, pageUrl };
  }

  /** Deletes the entries of `map` that `matches`; returns how many. */
  function deleteWhere<T>(map: Map<string, T>, matches: (entry: T) => boolean): number {
    let count = 0;
    for (const [key, entry] of map) {
      if (!matches(entry)) continue;
      map.delete(key);
      count += 1;
    }
    return count;
  }

  return {
    async getEmailAddress(site, email) {
      const stored = addresses.get(keyOf(site, email));
      return stored ? toRecord(stored) : null;
    },

    async requestConfirmation({ site, email, locale, tokenHash, expiresAtMs, nowMs }) {
      const key = keyOf(site, email);
      const stored = addresses.get(key);
      const outcome = decideConfirmation(stored ?? null, nowMs);
      if (outcome === 'waiting' && stored) stored.locale = locale;
      if (outcome === 'issued') {
        addresses.set(key, {
          site,
          email,
          state: 'pending',
          locale,
          confirmExpiresAtMs: expiresAtMs,
          verifiedAtMs: stored?.verifiedAtMs ?? null,
          lastSentAtMs: stored?.lastSentAtMs ?? null,
          confirmTokenHash: tokenHash,
        });
      }
      return outcome;
    },

    async confirmEmailAddress(tokenHash, nowMs) {
      for (const stored of addresses.values()) {
        if (stored.state !== 'pending' || stored.confirmTokenHash !== tokenHash) continue;
        if (!isTokenLive(stored.confirmExpiresAtMs, nowMs)) return null;
        Object.assign(stored, {
          state: 'verified',
          verifiedAtMs: nowMs,
          confirmTokenHash: null,
          confirmExpiresAtMs: null,
        });
        return toRecord(stored);
      }
      return null;
    },

    async verifyEmailAddress(site, email, locale, nowMs) {
      const stored = addresses.get(keyOf(site, email));
      if (stored?.state === 'verified') return;
      addresses.set(keyOf(site, email), {
        site,
        email,
        state: 'verified',
        locale,
        confirmExpiresAtMs: null,
        verifiedAtMs: nowMs,
        lastSentAtMs: stored?.lastSentAtMs ?? null,
        confirmTokenHash: null,
      });
    },

    async subscribe(subscription) {
      const { site, email, thread, commentId } = subscription;
      const key = keyOf(site, email, thread, commentId);
      if (!subscriptions.has(key)) subscriptions.set(key, { site, email, thread, commentId });
    },

    async unsubscribe(site, email, thread) {
      const isStopped = (entry: { site: string; email: string; thread: string }) =>
        isOf(site, email)(entry) && (thread === null || entry.thread === thread);
      deleteWhere(items, (item) => item.sentAtMs === null && isStopped(item));
      return deleteWhere(subscriptions, isStopped);
    },

    async forgetEmailAddress(site, email) {
      addresses.delete(keyOf(site, email));
      deleteWhere(subscriptions, isOf(site, email));
      deleteWhere(items, isOf(site, email));
      blankCommentEmails(site, email);
    },

    async listSubscribers(site, thread, parentId) {
      const found = new Map<string, Subscriber>();
      for (const { email, commentId, ...where } of subscriptions.values()) {
        const isFollowed = commentId === null || commentId === parentId;
        if (where.site !== site || where.thread !== thread || !isFollowed) continue;
        const address = addresses.get(keyOf(site, email));
        if (address?.state !== 'verified') continue;
        const reason = commentId === null ? 'thread' : 'reply';
        if (found.get(email)?.reason !== 'reply') found.set(email, { email, locale: address.locale, reason });
      }
      return [...found.values()].sort((a, b) => (a.email < b.email ? -1 : a.email > b.email ? 1 : 0));
    },

    async queueNotificationItems(queued) {
      for (const item of queued) {
        const key = keyOf(item.site, item.email, item.commentId);
        if (!items.has(key)) items.set(key, { ...item, sentAtMs: null });
      }
    },

    async listPendingNotificationItems(site, email) {
      return [...items.values()]
        .filter((item) => item.sentAtMs === null && isOf(site, email)(item))
        .map(toItem)
        .sort(comparePendingItems);
    },

    async markNotificationItemsSent(site, email, commentIds, nowMs) {
      // Nothing sent, no email left: the address's lastSentAtMs stays.
      if (commentIds.length === 0) return;
      for (const commentId of commentIds) {
        const item = items.get(keyOf(site, email, commentId));
        if (item && item.sentAtMs === null) item.sentAtMs = nowMs;
      }
      const address = addresses.get(keyOf(site, email));
      if (address) address.lastSentAtMs = nowMs;
    },
  };
}
