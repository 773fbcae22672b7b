import { pageMaxComments } from './page-max.js';

/** Limits of protocol v1, shared by the widget's inline validation and the server. */
export const limits = {
  /** Longest comment body, in UTF-16 code units after trimming. */
  bodyMaxChars: 10_000,
  /** Longest display name, in UTF-16 code units after trimming. */
  authorNameMaxChars: 80,
  /** Longest thread key, in UTF-16 code units. */
  threadMaxChars: 512,
  /** Largest request body the server reads, in bytes. */
  requestMaxBytes: 64 * 1024,
  /** Most comments in one page of changes, and the largest `limit` a client may ask for. */
  pageMaxComments,
  /** Longest email address (RFC 5321's path limit). */
  emailMaxChars: 254,
  /** Longest value the honeypot field may carry before the request is refused as malformed. */
  honeypotMaxChars: 500,
  /** Longest proof-of-work payload. */
  proofOfWorkMaxChars: 4096,
  /** Longest page address a post may carry (`pageUrl`), in UTF-16 code units. */
  pageUrlMaxChars: 2048,
  /** Longest locale tag a post may carry (`locale`), as BCP 47 advises room for. */
  localeMaxChars: 35,
} as const;
