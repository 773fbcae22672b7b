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
import { parseIsoDateTime } from './source-dates.js';
import { localName, readXmlRootTag } from './xml-head.js';
import { readAttribute, TextCapture } from './xml-fields.js';
import { readXmlItems, type XmlRecordBuilder } from './xml-stream.js';

// Disqus's XML export: a <disqus> root holding <category>, <thread dsq:id> and <post dsq:id>
// records, each a child of the root. A post names its thread and parent by their dsq:id, and may
// come before either: items are yielded in file order and the import resolves them. Elements are
// matched by local name at their depth (Disqus puts them in its default namespace); the record ids
// are the `id` attributes in the dsq namespace. `ipAddress` is never read.

/** The namespace of Disqus's `dsq:id` attributes. */
const disqusInternalsNamespace = 'http://disqus.com/disqus-internals';

/** Whether the head of a file (its first 64 KiB, as text) is a Disqus export: its root is <disqus>. */
export function looksLikeDisqus(head: string): boolean {
  const root = readXmlRootTag(head);
  return root !== null && localName(root.name) === 'disqus';
}

/** Reads a Disqus XML export: its threads and posts, streaming. */
export const readDisqus: SourceReader = (file) => readXmlItems(file, (emit) => new DisqusBuilder(emit));

interface ThreadDraft {
  kind: 'thread';
  position: SourcePosition;
  id: string | null;
  fields: Map<string, string>;
}

interface PostDraft {
  kind: 'post';
  position: SourcePosition;
  id: string | null;
  threadId: string | null;
  parentId: string | null;
  fields: Map<string, string>;
}

const threadFields = new Set(['link', 'isClosed']);
const postFields = new Set(['message', 'createdAt', 'isDeleted', 'isSpam']);
const authorFields = new Set(['name', 'email', 'username']);

/** Builds one record at a time from the children of <disqus>. */
class DisqusBuilder implements XmlRecordBuilder {
  #draft: ThreadDraft | PostDraft | null = null;
  #isInAuthor = false;
  #field = '';
  readonly #capture = new TextCapture();
  readonly #emit: (item: ImportItem) => void;

  constructor(emit: (item: ImportItem) => void) {
    this.#emit = emit;
  }

  openElement(tag: SaxesTagNS, depth: number, position: SourcePosition): void {
    if (depth === 0) {
      if (tag.local !== 'disqus') {
        throw new ImportSyntaxError(
          `not a Disqus export: the root element is <${tag.name}>, not <disqus>`,
          position,
        );
      }
    } else if (depth === 1) {
      this.#draft = startDraft(tag, position);
    } else if (this.#draft !== null) {
      this.#openField(this.#draft, tag, depth);
    }
  }

  addText(text: string): void {
    this.#capture.append(text);
  }

  closeElement(depth: number, tag: SaxesTagNS): void {
    const text = this.#capture.finish(depth);
    if (text !== null) this.#draft?.fields.set(this.#field, text);
    if (depth === 2 && tag.local === 'author') this.#isInAuthor = false;
    if (depth === 1 && this.#draft !== null) {
      this.#emit(this.#draft.kind === 'thread' ? finishThread(this.#draft) : finishPost(this.#draft));
      this.#draft = null;
    }
  }

  #openField(draft: ThreadDraft | PostDraft, tag: SaxesTagNS, depth: number): void {
    const name = tag.local;
    if (depth === 2 && draft.kind === 'thread') {
      if (threadFields.has(name)) this.#captureField(name, depth);
    } else if (depth === 2 && draft.kind === 'post') {
      if (postFields.has(name)) this.#captureField(name, depth);
      else if (name === 'thread') draft.threadId = readAttribute(tag, disqusInternalsNamespace, 'id');
      else if (name === 'parent') draft.parentId = readAttribute(tag, disqusInternalsNamespace, 'id');
      else if (name === 'author') this.#isInAuthor = true;
    } else if (depth === 3 && this.#isInAuthor && authorFields.has(name)) {
      this.#captureField(`author.${name}`, depth);
    }
  }

  #captureField(field: string, depth: number): void {
    this.#field = field;
    this.#capture.start(depth);
  }
}

function startDraft(tag: SaxesTagNS, position: SourcePosition): ThreadDraft | PostDraft | null {
  const id = readAttribute(tag, disqusInternalsNamespace, 'id');
  if (tag.local === 'thread') return { kind: 'thread', position, id, fields: new Map() };
  if (tag.local === 'post')
    return { kind: 'post', position, id, threadId: null, parentId: null, fields: new Map() };
  return null;
}

function finishThread(draft: ThreadDraft): ImportItem {
  const { position } = draft;
  if (!draft.id) return makeProblem('a thread without a dsq:id', position);
  const isClosed = readFlag(draft.fields.get('isClosed'));
  if (isClosed === null) {
    return makeProblem(`thread ${quoteValue(draft.id)}: isClosed is neither true nor false`, position);
  }
  const url = draft.fields.get('link')?.trim() || null;
  return { type: 'thread', ref: draft.id, url, locked: isClosed, position };
}

function finishPost(draft: PostDraft): ImportItem {
  const { position, fields } = draft;
  if (!draft.id) return makeProblem('a post without a dsq:id', position);
  const problem = (message: string) =>
    makeProblem(`post ${quoteValue(draft.id ?? '')}: ${message}`, position);
  if (!draft.threadId) return problem('it names no thread (<thread dsq:id="…"/>)');
  const createdAt = fields.get('createdAt')?.trim();
  if (!createdAt) return problem('it has no createdAt');
  const createdAtMs = parseIsoDateTime(createdAt);
  if (createdAtMs === null) return problem(`createdAt ${quoteValue(createdAt)} is not a date`);
  const isDeleted = readFlag(fields.get('isDeleted'));
  const isSpam = readFlag(fields.get('isSpam'));
  if (isDeleted === null || isSpam === null) return problem('isDeleted or isSpam is neither true nor false');
  const name = fields.get('author.name')?.trim() || fields.get('author.username')?.trim() || '';
  return {
    type: 'comment',
    threadRef: draft.threadId,
    sourceId: draft.id,
    parentSourceId: draft.parentId || null,
    authorName: name,
    email: fields.get('author.email')?.trim() || null,
    body: { format: BodyFormat.html, text: fields.get('message') ?? '' },
    createdAtMs,
    editedAtMs: null,
    state: isSpam ? ImportState.spam : isDeleted ? ImportState.deleted : ImportState.published,
    pinned: false,
    votes: null,
    position,
  };
}

/** `true`/`false` (or `1`/`0`, any case); absent or empty is false; anything else is null. */
function readFlag(text: string | undefined): boolean | null {
  const value = (text ?? '').trim().toLowerCase();
  if (value === 'true' || value === '1') return true;
  if (value === 'false' || value === '0' || value === '') return false;
  return null;
}
