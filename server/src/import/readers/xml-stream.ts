import { SaxesParser, type SaxesTagNS } from 'saxes';
import { ImportSyntaxError, type ImportItem, type SourcePosition } from '../import-item.js';
import { openSourceText } from './source-text.js';
import { AmpersandTracker } from './xml-ampersands.js';

// The streaming plumbing the XML readers share. Invariants:
// - The file is read in 64 KiB chunks (gunzipped first when it is gzipped), each written to saxes, and the items that chunk completed
//   are yielded before the next chunk is read: the consumer's pace is the reader's pace, and at
//   most one chunk's worth of items waits in the queue.
// - A builder holds at most the record it is building; it never sees the document whole.
// - The first well-formedness error ends the read with an ImportSyntaxError at saxes's position
//   (1-based line; column counted in characters, the offending one included).
// - Files are read as UTF-8, as both WordPress and Disqus write them; bytes that are not UTF-8
//   become U+FFFD rather than failing the import.

/** What a format's record builder is told of the document, in order. */
export interface XmlRecordBuilder {
  /** An element opened at `depth` (the root is 0); `position` is where its start tag began. */
  openElement(tag: SaxesTagNS, depth: number, position: SourcePosition): void;
  /** Character data (text or CDATA) inside the innermost open element. */
  addText(text: string): void;
  /** The element opened at `depth` closed. */
  closeElement(depth: number, tag: SaxesTagNS): void;
}

/** Makes a builder that hands each finished item to `emit`, in file order. */
export type XmlRecordBuilderFactory = (emit: (item: ImportItem) => void) => XmlRecordBuilder;

/**
 * Reads an XML file as a stream of import items: saxes parses it chunk by chunk and the builder
 * turns its events into items. Throws {@link ImportSyntaxError} when the XML is not well-formed.
 */
export async function* readXmlItems(
  file: string,
  createBuilder: XmlRecordBuilderFactory,
): AsyncGenerator<ImportItem> {
  const queue: ImportItem[] = [];
  const builder = createBuilder((item) => queue.push(item));
  const parser = new SaxesParser({ xmlns: true });
  const ampersands = new AmpersandTracker(parser);
  let depth = 0;
  let tagPosition: SourcePosition = { line: 1, column: 1 };
  parser.on('opentagstart', (tag) => {
    tagPosition = locateStartTag(parser.line, parser.column, tag.name);
  });
  parser.on('opentag', (tag) => {
    builder.openElement(tag, depth, tagPosition);
    depth += 1;
  });
  parser.on('closetag', (tag) => {
    depth -= 1;
    builder.closeElement(depth, tag);
  });
  parser.on('text', (text) => builder.addText(text));
  parser.on('cdata', (text) => builder.addText(text));
  parser.on('error', (error) => {
    // Thrown out of write(): saxes would otherwise go on parsing a broken document.
    const message = stripSaxesPosition(error.message);
    const position = ampersands.locateError(message) ?? { line: parser.line, column: parser.column };
    throw new ImportSyntaxError(message, position);
  });
  // Gunzipped on the way when gzipped: Disqus hands its export out as a .xml.gz.
  const stream = await openSourceText(file);
  try {
    for await (const chunk of stream) {
      ampersands.write(chunk as string);
      if (queue.length > 0) yield* queue.splice(0);
    }
    ampersands.checkEnd();
    parser.close();
    if (queue.length > 0) yield* queue.splice(0);
  } finally {
    stream.destroy();
  }
}

/**
 * Where a start tag's `<` stands, from saxes's position when it reports the tag's name: it has
 * read `<`, the name and one character more (`>`, `/`, a space or a line break). When that
 * character is a line break the name ended the previous line, whose length saxes no longer
 * knows: that line is reported, at column 1.
 */
function locateStartTag(line: number, column: number, name: string): SourcePosition {
  const tagColumns = countCharacters(name) + 1;
  if (column > tagColumns) return { line, column: column - tagColumns };
  return { line: Math.max(1, line - 1), column: 1 };
}

/** Characters as saxes counts columns: code points, not UTF-16 units. */
function countCharacters(text: string): number {
  let count = 0;
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if (code < 0xdc00 || code > 0xdfff) count += 1;
  }
  return count;
}

/** Saxes prefixes its messages with `line:column: `, which ImportSyntaxError states its own way. */
function stripSaxesPosition(message: string): string {
  return message.replace(/^\d+:\d+: /, '');
}
