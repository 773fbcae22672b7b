import type { SaxesTagNS } from 'saxes';
import {
  BodyFormat,
  ImportState,
  ImportSyntaxError,
  type ImportItem,
  type SourcePosition,
  type SourceReader,
} from '../import-item.js';
import { makeProblem, quoteValue } from './record-problem.js';
import { parseSqlDateTime } from './source-dates.js';
import { localName, readXmlRootTag } from './xml-head.js';
import { TextCapture } from './xml-fields.js';
import { readXmlItems, type XmlRecordBuilder } from './xml-stream.js';
import { convertWpautop } from './wpautop.js';
import { decodeEntities } from '../../../../src/internal/decode-entities.js';

// WordPress's WXR export (1.0, 1.1, 1.2): <rss><channel> holding one <item> per post, page or
// other post type, each with its comments as <wp:comment> children after the post's own fields.
// Invariants that keep it streaming:
// - An item's thread is yielded when its first <wp:comment> opens (WordPress writes wp:post_id,
//   <link> and wp:comment_status before the comments), else when the item closes; only the
//   item's few scalar fields and the one comment being read are held, never the post's body.
// - An item without comments yields a thread only when it is a post or page closed to comments:
//   the lock is all Hearth needs of it, and attachments and menu items are not pages to comment.
// - wp: elements are matched by namespace, any `http://wordpress.org/export/1.N/`, so a future
//   minor version still reads. `comment_author_IP` is never read.

const wxrNamespace = /^http:\/\/wordpress\.org\/export\/1\.\d+\/$/;
const wxrDeclaration = /\sxmlns:[\w.-]+\s*=\s*(["'])http:\/\/wordpress\.org\/export\/1\.\d+\/\1/;
const zeroDate = '0000-00-00 00:00:00';
const lockablePostTypes = new Set(['', 'post', 'page']);

/** Whether the head of a file (its first 64 KiB, as text) is a WXR file: <rss> declaring a WXR namespace. */
export function looksLikeWordPress(head: string): boolean {
  const root = readXmlRootTag(head);
  return root !== null && localName(root.name) === 'rss' && wxrDeclaration.test(root.text);
}

/** Reads a WordPress WXR export: its posts and pages as threads and their comments, streaming. */
export const readWordPress: SourceReader = (file) => readXmlItems(file, (emit) => new WxrBuilder(emit));

interface ItemDraft {
  position: SourcePosition;
  fields: Map<string, string>;
  /** Whether the thread was yielded (or reported as a problem). */
  isStarted: boolean;
  /** Comments read while the item has no wp:post_id: reported once, at the item's end. */
  unplacedComments: number;
}

interface CommentDraft {
  position: SourcePosition;
  fields: Map<string, string>;
}

const itemFields = new Set(['post_id', 'comment_status', 'post_type']);
const commentFields = new Set([
  'comment_id',
  'comment_parent',
  'comment_author',
  'comment_author_email',
  'comment_date',
  'comment_date_gmt',
  'comment_content',
  'comment_approved',
  'comment_type',
]);

/** Builds threads and comments from <item> and <wp:comment>, one record at a time. */
class WxrBuilder implements XmlRecordBuilder {
  #item: ItemDraft | null = null;
  #comment: CommentDraft | null = null;
  #field = '';
  readonly #capture = new TextCapture();
  readonly #emit: (item: ImportItem) => void;

  constructor(emit: (item: ImportItem) => void) {
    this.#emit = emit;
  }

  openElement(tag: SaxesTagNS, depth: number, position: SourcePosition): void {
    if (depth === 0) {
      checkRoot(tag, position);
    } else if (depth === 2 && tag.local === 'item' && tag.uri === '') {
      this.#item = { position, fields: new Map(), isStarted: false, unplacedComments: 0 };
    } else if (depth === 3 && this.#item !== null) {
      this.#openItemField(this.#item, tag, depth, position);
    } else if (depth === 4 && this.#comment !== null && isWxr(tag) && commentFields.has(tag.local)) {
      this.#captureField(tag.local, depth);
    }
  }

  addText(text: string): void {
    this.#capture.append(text);
  }

  closeElement(depth: number): void {
    const text = this.#capture.finish(depth);
    if (text !== null) (this.#comment ?? this.#item)?.fields.set(this.#field, text);
    if (depth === 3 && this.#comment !== null && this.#item !== null) {
      this.#finishComment(this.#item, this.#comment);
      this.#comment = null;
    } else if (depth === 2 && this.#item !== null) {
      this.#finishItem(this.#item);
      this.#item = null;
    }
  }

  #openItemField(item: ItemDraft, tag: SaxesTagNS, depth: number, position: SourcePosition): void {
    if (tag.uri === '' && tag.local === 'link') {
      this.#captureField('link', depth);
    } else if (isWxr(tag) && itemFields.has(tag.local)) {
      this.#captureField(tag.local, depth);
    } else if (isWxr(tag) && tag.local === 'comment') {
      if (!item.isStarted) this.#startThread(item);
      this.#comment = { position, fields: new Map() };
    }
  }

  #captureField(field: string, depth: number): void {
    this.#field = field;
    this.#capture.start(depth);
  }

  #startThread(item: ItemDraft): void {
    item.isStarted = true;
    const ref = item.fields.get('post_id')?.trim();
    if (!ref) return;
    const locked = item.fields.get('comment_status')?.trim() === 'closed';
    this.#emit({
      type: 'thread',
      ref,
      url: item.fields.get('link')?.trim() || null,
      locked,
      position: item.position,
    });
  }

  #finishComment(item: ItemDraft, comment: CommentDraft): void {
    const threadRef = item.fields.get('post_id')?.trim();
    if (threadRef) this.#emit(readComment(threadRef, comment));
    else item.unplacedComments += 1;
  }

  #finishItem(item: ItemDraft): void {
    if (item.unplacedComments > 0) {
      const message = `an item without a wp:post_id: its ${item.unplacedComments} comment(s) cannot be placed`;
      this.#emit(makeProblem(message, item.position));
    } else if (!item.isStarted) {
      const isClosed = item.fields.get('comment_status')?.trim() === 'closed';
      if (isClosed && lockablePostTypes.has(item.fields.get('post_type')?.trim() ?? ''))
        this.#startThread(item);
    }
  }
}

function checkRoot(tag: SaxesTagNS, position: SourcePosition): void {
  if (tag.local !== 'rss') {
    throw new ImportSyntaxError(
      `not a WordPress export: the root element is <${tag.name}>, not <rss>`,
      position,
    );
  }
  if (!Object.values(tag.ns ?? {}).some((uri) => wxrNamespace.test(uri))) {
    throw new ImportSyntaxError(
      'not a WordPress export: <rss> declares no http://wordpress.org/export/1.x/ namespace',
      position,
    );
  }
}

function isWxr(tag: SaxesTagNS): boolean {
  return wxrNamespace.test(tag.uri);
}

/** One <wp:comment> as an item: a comment, a skipped pingback or trackback, or a problem. */
function readComment(threadRef: string, { fields, position }: CommentDraft): ImportItem {
  const type = fields.get('comment_type')?.trim() ?? '';
  if (type === 'pingback' || type === 'trackback') return { type: 'skipped', reason: type, position };
  if (type !== '' && type !== 'comment')
    return { type: 'skipped', reason: `type:${type.slice(0, 40)}`, position };
  const sourceId = fields.get('comment_id')?.trim();
  if (!sourceId)
    return makeProblem(`a comment on post ${quoteValue(threadRef)} without a wp:comment_id`, position);
  const problem = (message: string) => makeProblem(`comment ${quoteValue(sourceId)}: ${message}`, position);
  const approved = fields.get('comment_approved')?.trim() ?? '';
  const state = readApproved(approved);
  if (state === null) return problem(`comment_approved ${quoteValue(approved)} is not 1, 0, spam or trash`);
  const createdAt = readCommentDate(fields);
  if (typeof createdAt === 'string') return problem(createdAt);
  const parent = fields.get('comment_parent')?.trim() ?? '';
  return {
    type: 'comment',
    threadRef,
    sourceId,
    parentSourceId: parent === '' || parent === '0' ? null : parent,
    // Stored HTML-escaped and shown as stored: readers saw `Tom & Jerry` for `Tom &amp; Jerry`.
    authorName: decodeEntities(fields.get('comment_author')?.trim() ?? ''),
    email: fields.get('comment_author_email')?.trim() || null,
    body: { format: BodyFormat.html, text: convertWpautop(fields.get('comment_content') ?? '') },
    createdAtMs: createdAt.ms,
    editedAtMs: null,
    state,
    pinned: false,
    votes: null,
    position,
  };
}

function readApproved(approved: string): ImportState | null {
  switch (approved) {
    case '1':
      return ImportState.published;
    case '0':
      return ImportState.held;
    case 'spam':
      return ImportState.spam;
    case 'trash':
    case 'post-trashed':
      return ImportState.deleted;
    default:
      return null;
  }
}

/**
 * The comment's time from `comment_date_gmt`, or what is wrong with it. WordPress leaves that at
 * the zero date for some comments (held ones, ones added by plugins); then `comment_date`, the
 * site's local time, is taken as if it were UTC: the export does not state the site's time zone,
 * so such a comment may be off by that zone's offset, never by more.
 */
function readCommentDate(fields: Map<string, string>): { ms: number } | string {
  const gmt = fields.get('comment_date_gmt')?.trim() ?? '';
  if (gmt !== '' && gmt !== zeroDate) {
    const ms = parseSqlDateTime(gmt);
    return ms === null ? `comment_date_gmt ${quoteValue(gmt)} is not a date` : { ms };
  }
  const local = fields.get('comment_date')?.trim() ?? '';
  const ms = parseSqlDateTime(local);
  return ms === null
    ? `comment_date ${quoteValue(local)} is not a date, and comment_date_gmt is unset`
    : { ms };
}
