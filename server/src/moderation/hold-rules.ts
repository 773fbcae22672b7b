import { CommentStatus, type NewComment } from '../../../src/protocol/index.js';
import type { Identity } from '../auth/identity.js';
import { ModerationMode, type SiteConfig } from '../site-config.js';
import type { CommentAuthor, CommentStore } from '../store/comment-store.js';

/** What a new comment starts as. */
export type InitialStatus = typeof CommentStatus.published | typeof CommentStatus.held;

/** Everything `decideStatus` weighs. */
export interface HoldQuestion {
  site: SiteConfig;
  /** The validated post, with an SSO user's name already in place. */
  input: NewComment;
  identity: Identity;
  /** Who the comment will be stored as (user id, email, IP hash). */
  author: Pick<CommentAuthor, 'userId' | 'email' | 'ipHash'>;
  store: Pick<CommentStore, 'hasPublishedComment' | 'getComment'>;
}

/**
 * Whether a new comment is published at once or held for a moderator:
 * 1. an admin's comment is always published;
 * 2. in every mode, too many links or a blocklisted word or phrase holds it;
 * 3. mode `all` holds everything;
 * 4. an SSO user is held only when the site sets `sso.holdNewUsers` and that user (by `sub`)
 *    has nothing published yet, whatever the mode;
 * 5. mode `first-time` holds a guest until that guest has a published comment, the guest
 *    being known by email when they gave one, or else by IP hash (which changes daily).
 */
export async function decideStatus(question: HoldQuestion): Promise<InitialStatus> {
  const { site, input, identity, author, store } = question;
  if (identity.kind === 'admin') return CommentStatus.published;
  // A reply to a held comment waits with it: readers must never see a reply to what they can't.
  if (input.parentId && (await store.getComment(input.parentId))?.comment.status === CommentStatus.held) {
    return CommentStatus.held;
  }
  if (countLinks(input.body) > site.maxLinks) return CommentStatus.held;
  if (findBlockedPhrase(site.blocklist, `${input.authorName}\n${input.body}`) !== null) {
    return CommentStatus.held;
  }
  if (site.moderation === ModerationMode.all) return CommentStatus.held;
  if (identity.kind === 'sso') {
    if (!site.sso?.holdNewUsers) return CommentStatus.published;
    const known = await store.hasPublishedComment(site.id, {
      userId: author.userId,
      email: null,
      ipHash: null,
    });
    return known ? CommentStatus.published : CommentStatus.held;
  }
  if (site.moderation === ModerationMode.firstTime) {
    const known = await store.hasPublishedComment(site.id, {
      userId: null,
      email: author.email,
      ipHash: author.email === null ? author.ipHash : null,
    });
    return known ? CommentStatus.published : CommentStatus.held;
  }
  return CommentStatus.published;
}

/**
 * The links in a comment body, as a spammer would use them. One link is any of:
 * - a markdown link or image, `[text](destination)`, whatever the destination;
 * - an angle-bracket autolink or a bare URL starting `http://` or `https://`;
 * - a bare host starting `www.` followed by a name and a dot (`www.example.org`).
 * A URL inside a markdown link counts once with it; the same URL twice counts twice.
 * Case does not matter. Email addresses and `mailto:` links are not counted.
 */
export function countLinks(body: string): number {
  return body.match(linkPattern)?.length ?? 0;
}

// The alternatives run left to right at each position, so a markdown link is consumed whole
// before its destination could be matched again as a bare URL.
const linkPattern =
  /\[[^\]\n]*\]\([^)\n]*\)|https?:\/\/[^\s<>()[\]]+|(?<![\p{L}\p{N}_.@/-])www\.[\p{L}\p{N}-]+\.[^\s<>()[\]]*/giu;

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
        const words = phrase.normalize('NFKC').trim().split(/\s+/u);
        const source = words.map(escapeRegExp).join(String.raw`\s+`);
        return { phrase, pattern: new RegExp(`(?<!${wordChar})${source}(?!${wordChar})`, 'iu') };
      });
    compiledBlocklists.set(blocklist, compiled);
  }
  return compiled;
}

/**
 * The first blocklist entry found in `text` as a whole word or phrase, or null. Matching is
 * case-insensitive and Unicode-aware: text and entries are NFKC-normalised (so full-width
 * letters and ligatures match their plain forms), and "spam" matches "Spam!" but not "spammer".
 */
export function findBlockedPhrase(blocklist: readonly string[], text: string): string | null {
  if (blocklist.length === 0) return null;
  const normalized = text.normalize('NFKC');
  return compileBlocklist(blocklist).find(({ pattern }) => pattern.test(normalized))?.phrase ?? null;
}

// Only syntax characters: with the `u` flag any other escaped character is a SyntaxError.
function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
