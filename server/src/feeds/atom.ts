import { escapeMarkup } from './comment-html.js';

/** One entry of a feed. */
export interface AtomEntry {
  /** An IRI that never changes, e.g. `urn:uuid:…`. */
  id: string;
  title: string;
  authorName: string;
  /** ISO 8601. */
  published: string;
  /** ISO 8601. */
  updated: string;
  /** The entry's page, or null when the server does not know it. */
  link: string | null;
  /** The content as HTML (see comment-html.ts), escaped here as Atom's `type="html"` wants. */
  html: string;
}

/** A feed: its own address, what it is about, and its entries, newest first. */
export interface AtomFeed {
  selfUrl: string;
  title: string;
  /** The page the feed is about, or null. */
  link: string | null;
  /** ISO 8601: the newest entry's update, or any fixed time for an empty feed. */
  updated: string;
  entries: readonly AtomEntry[];
}

// XML 1.0 has no place for control characters but tab and line breaks, nor for a lone surrogate
// (the C1 controls it merely discourages go too: nothing in a feed needs them).
const notXml = /[^\P{Cc}\t\n\r]|\p{Cs}|[\ufffe\uffff]/gu;

/** Text with what XML 1.0 cannot hold (most control characters, lone surrogates) replaced by U+FFFD. */
export function toXmlChars(text: string): string {
  return text.replace(notXml, '\ufffd');
}

/** Text as XML character data or an attribute value: escaped, and only characters XML can hold. */
function xml(text: string): string {
  return escapeMarkup(toXmlChars(text));
}

function linkElement(href: string | null, rel: string, type: string): string {
  return href === null ? '' : `<link rel="${rel}" type="${type}" href="${xml(href)}"/>`;
}

/** An Atom 1.0 document (RFC 4287). */
export function renderAtomFeed(feed: AtomFeed): string {
  const entries = feed.entries.map(
    (entry) =>
      `<entry><id>${xml(entry.id)}</id><title>${xml(entry.title)}</title>` +
      `<author><name>${xml(entry.authorName)}</name></author>` +
      `<published>${xml(entry.published)}</published><updated>${xml(entry.updated)}</updated>` +
      linkElement(entry.link, 'alternate', 'text/html') +
      `<content type="html">${xml(entry.html)}</content></entry>`,
  );
  return (
    '<?xml version="1.0" encoding="utf-8"?>\n' +
    '<feed xmlns="http://www.w3.org/2005/Atom">' +
    `<id>${xml(feed.selfUrl)}</id><title>${xml(feed.title)}</title><updated>${xml(feed.updated)}</updated>` +
    linkElement(feed.selfUrl, 'self', 'application/atom+xml') +
    linkElement(feed.link, 'alternate', 'text/html') +
    '<generator>Hearth</generator>' +
    entries.join('') +
    '</feed>\n'
  );
}
