import {
  countLinks as countRenderedLinks,
  listLinks,
  toPlainText,
} from '../../../src/internal/rendered-text.js';
import { CommentStatus, type NewComment } from '../../../src/protocol/index.js';
import type { Identity } from '../auth/identity.js';
import { ModerationMode, type SiteConfig } from '../site-config.js';
import { parseBody } from '../store/body-tree.js';
import type { CommentAuthor, CommentRecord, CommentStore } from '../store/comment-store.js';
import { EmailAddressState } from '../store/notification-store.js';

/** What a new comment starts as. */
export type InitialStatus = typeof CommentStatus.published | typeof CommentStatus.held;

/** Everything `decideStatus` weighs. */
export interface HoldQuestion {
  site: SiteConfig;
  /** The validated post, with an SSO user's name already in place. */
  input: NewComment;
  /** Who writes: only the kind of identity matters (admin, SSO user or guest). */
  identity: Pick<Identity, 'kind'>;
  /** Who the comment will be stored as (user id, email, IP hash). */
  author: Pick<CommentAuthor, 'userId' | 'email' | 'ipHash'>;
  store: Pick<CommentStore, 'hasPublishedComment' | 'getComment' | 'getEmailAddress'>;
}

/**
 * Why a comment is held for a moderator, for the admin page: the first rule of `explainHold`
 * that holds it, with what the rule saw.
 */
export type HoldReason =
  | { code: 'held_parent' }
  | { code: 'links'; links: number; maxLinks: number }
  | { code: 'blocklist'; phrase: string }
  | { code: 'moderation_all' }
  | { code: 'new_user' }
  | { code: 'first_time' };

/**
 * Why a new comment would be held for a moderator, or null when it is published at once:
 * 1. an admin's comment is always published;
 * 2. a reply to a held comment waits with it: readers must never see a reply to what they can't;
 * 3. in every mode, too many links or a blocklisted word or phrase holds it;
 * 4. mode `all` holds everything;
 * 5. an SSO user is held only when the site sets `sso.holdNewUsers` and that user (by `sub`)
 *    has nothing published yet, whatever the mode;
 * 6. mode `first-time` holds a guest until that guest has a published comment, the guest
 *    being known by email when they gave one whose owner confirmed it (reply notifications'
 *    double opt-in), or else by IP hash (which changes daily): anyone can type an address.
 */
export async function explainHold(question: HoldQuestion): Promise<HoldReason | null> {
  const { site, input, identity, author, store } = question;
  if (identity.kind === 'admin') return null;
  if (input.parentId && (await store.getComment(input.parentId))?.comment.status === CommentStatus.held) {
    return { code: 'held_parent' };
  }
  const links = countLinks(input.body);
  if (links > site.maxLinks) return { code: 'links', links, maxLinks: site.maxLinks };
  const phrase = findBlockedPhrase(site.blocklist, toReadableText(input.authorName, input.body));
  if (phrase !== null) return { code: 'blocklist', phrase };
  if (site.moderation === ModerationMode.all) return { code: 'moderation_all' };
  if (identity.kind === 'sso') {
    if (!site.sso?.holdNewUsers) return null;
    const known = await store.hasPublishedComment(site.id, {
      userId: author.userId,
      email: null,
      ipHash: null,
    });
    return known ? null : { code: 'new_user' };
  }
  if (site.moderation === ModerationMode.firstTime) {
    const address = author.email === null ? null : await store.getEmailAddress(site.id, author.email);
    const isConfirmed = address?.state === EmailAddressState.verified;
    const known = await store.hasPublishedComment(site.id, {
      userId: null,
      email: isConfirmed ? author.email : null,
      ipHash: isConfirmed ? null : author.ipHash,
    });
    return known ? null : { code: 'first_time' };
  }
  return null;
}

/**
 * Why a stored comment, or its author's held edit, waits for a moderator under the site's rules
 * as they are now: what the admin page and moderators' emails show. Null when no rule holds it
 * any more (the rules changed since).
 */
export function explainStoredHold(
  site: SiteConfig,
  record: CommentRecord,
  store: HoldQuestion['store'],
): Promise<HoldReason | null> {
  const { id, authorName, parentId } = record.comment;
  return explainHold({
    site,
    input: { id, authorName, parentId, body: record.pendingEdit?.body ?? record.comment.body },
    identity: { kind: record.author.userId === null ? 'guest' : 'sso' },
    author: record.author,
    store,
  });
}

/** Whether a new comment is published at once or held for a moderator (see `explainHold`). */
export async function decideStatus(question: HoldQuestion): Promise<InitialStatus> {
  return (await explainHold(question)) ? CommentStatus.held : CommentStatus.published;
}

/**
 * The links the widget renders for a comment body: one for each `<a>` element, counted from
 * the same parse the widget renders (src/internal/parse-markdown.ts). A markdown link, image,
 * autolink, bare URL, `www.` address or email address counts once; a link the widget shows as
 * text (a relative or `javascript:` URL, a reference with no definition) does not count.
 */
export function countLinks(body: string): number {
  return countRenderedLinks(parseBody(body));
}

/**
 * What a reader reads of a comment: the author's name, the body's rendered text (entities
 * decoded, formatting removed) and the addresses its links point to.
 */
export function toReadableText(authorName: string, body: string): string {
  const tree = parseBody(body);
  return [authorName, toPlainText(tree), ...listLinks(tree)].join('\n');
}

// Letters, digits (any script) and the underscore make up words; a phrase only matches
// where neither end touches one of them.
const wordChar = String.raw`[\p{L}\p{N}\p{M}_]`;

interface BlockedPhrase {
  phrase: string;
  pattern: RegExp;
}

const compiledBlocklists = new WeakMap<readonly string[], BlockedPhrase[]>();

function compileBlocklist(blocklist: readonly string[]): BlockedPhrase[] {
  let compiled = compiledBlocklists.get(blocklist);
  if (!compiled) {
    compiled = blocklist
      .filter((phrase) => phrase.trim() !== '')
      .map((phrase) => {
        // Any run of whitespace in a phrase matches any run in the text.
        const words = normalizeForBlocklist(phrase).trim().split(/\s+/u);
        const source = words.map(escapeRegExp).join(String.raw`\s+`);
        return { phrase, pattern: new RegExp(`(?<!${wordChar})${source}(?!${wordChar})`, 'iu') };
      });
    compiledBlocklists.set(blocklist, compiled);
  }
  return compiled;
}

// Characters that change nothing a reader sees: format characters (soft hyphen, zero-width
// space and joiners, word joiner, byte-order mark, bidi marks), the combining grapheme joiner,
// Mongolian free variation selectors and variation selectors.
const invisiblePattern = /[\p{Cf}\u034f\u180b-\u180d\ufe00-\ufe0f]/gu;

/** `text` as the blocklist compares it: NFKC (a no-break space is a space), invisibles dropped. */
function normalizeForBlocklist(text: string): string {
  return text.normalize('NFKC').replace(invisiblePattern, '');
}

/**
 * The first blocklist entry found in `text` as a whole word or phrase, or null. Matching is
 * case-insensitive and Unicode-aware: text and entries are NFKC-normalised (so full-width
 * letters and ligatures match their plain forms, and a no-break space is a space), invisible
 * characters are dropped, and "spam" matches "Spam!" but not "spammer".
 */
export function findBlockedPhrase(blocklist: readonly string[], text: string): string | null {
  if (blocklist.length === 0) return null;
  const normalized = normalizeForBlocklist(text);
  return compileBlocklist(blocklist).find(({ pattern }) => pattern.test(normalized))?.phrase ?? null;
}

// Only syntax characters: with the `u` flag any other escaped character is a SyntaxError.
function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
