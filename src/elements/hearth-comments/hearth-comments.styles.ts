import { css } from 'lit';

/**
 * Defaults inherit the page's font and text colour, and surfaces, fields and secondary text are
 * derived from it (tints over the page), so they can never part from it. The rest follows the
 * scheme the element detects (class `dark` or `light` on its section, see decision 0016): system
 * colours through `color-scheme`, the danger colour through `light-dark()`.
 */
export const hearthCommentsStyles = css`
  :host {
    display: block;
    font: var(--hearth-font, inherit);
    color: var(--hearth-color, inherit);
    /* 85%: still 4.5:1 over a tint on a page whose own text is only 7.5:1 (sepia). */
    --_muted: var(--hearth-muted-color, color-mix(in srgb, currentColor 85%, transparent));
    --_border: var(--hearth-border-color, color-mix(in srgb, currentColor 18%, transparent));
    --_surface: var(--hearth-surface-color, color-mix(in srgb, currentColor 4%, transparent));
    --_accent: var(--hearth-accent-color, LinkText);
    --_danger: var(--hearth-danger-color, light-dark(#b3261e, #ffb4ab));
    --_radius: var(--hearth-radius, 0.5rem);
    --_space: var(--hearth-spacing, 1rem);
    --_indent: var(--hearth-indent, 1.25rem);
  }
  :host([hidden]) {
    display: none;
  }
  section {
    color-scheme: light;
  }
  .dark {
    color-scheme: dark;
  }
  h2 {
    font-size: 1.25em;
    margin: 0 0 var(--_space);
  }
  .thread,
  .replies {
    list-style: none;
    margin: 0;
    padding: 0;
  }
  .replies {
    margin-block: 0;
    margin-inline-start: var(--_indent);
    padding-inline-start: calc(var(--_space) * 0.75);
    border-inline-start: 2px solid var(--_border);
  }
  li {
    margin-block: calc(var(--_space) * 0.75);
  }
  /* Off-screen conversations skip layout and paint until scrolled near; find-in-page, anchors
     and assistive technology still see them. The remembered size keeps scrolling steady. */
  .thread > li:not(.more) {
    content-visibility: auto;
    contain-intrinsic-size: auto 12rem;
  }
  article {
    border-radius: var(--_radius);
  }
  /* Every control's ring, in place of the browser's, which need not stand out from the page. */
  :focus-visible {
    outline: 2px solid var(--_accent);
    outline-offset: 2px;
  }
  /* The comment a permalink points at. */
  article[data-highlighted] {
    background: color-mix(in srgb, var(--_accent) 10%, transparent);
    border-inline-start: 3px solid var(--_accent);
    padding-inline-start: calc(var(--_space) * 0.5);
  }
  [part~='permalink'] {
    color: inherit;
    text-decoration: none;
  }
  [part~='permalink']:hover,
  [part~='permalink']:focus-visible {
    text-decoration: underline;
  }
  .more-button {
    background: none;
    border: 1px solid var(--_border);
    color: var(--_accent);
    padding: 0.4em 0.9em;
  }
  .more-button:hover {
    border-color: var(--_accent);
  }
  header {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25em 0.6em;
    align-items: baseline;
  }
  [part~='author'] {
    font-weight: 600;
  }
  time,
  .replying-to {
    color: var(--_muted);
    font-size: 0.875em;
  }
  [data-state='pending'] > [part~='comment-body'] {
    opacity: 0.85;
  }
  .badge {
    font-size: 0.75em;
    font-weight: 600;
    padding: 0.05em 0.45em;
    border: 1px solid var(--_border);
    border-radius: 999px;
  }
  .held {
    border-style: dashed;
  }
  .tombstone {
    color: var(--_muted);
    font-style: italic;
    margin-block: 0.25em;
  }
  .comment-actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25em 0.9em;
    align-items: baseline;
  }
  .rich-text {
    margin-block: 0.25em;
    overflow-wrap: anywhere;
  }
  .rich-text :is(p, pre, blockquote, ul, ol) {
    margin-block: 0.5em;
  }
  .rich-text > :first-child {
    margin-top: 0;
  }
  .rich-text > :last-child {
    margin-bottom: 0;
  }
  .rich-text li > p {
    margin-block: 0.25em;
  }
  .rich-text .plain {
    white-space: pre-wrap;
  }
  .rich-text blockquote {
    margin-inline: 0;
    padding-inline-start: 0.75em;
    border-inline-start: 0.2em solid var(--_border);
  }
  .rich-text :is(ul, ol) {
    padding-inline-start: 1.5em;
  }
  /* Set, not left to the browser, whose markers depend on the lists around: a comment in the
     thread sits in one (circles), the main composer's preview does not (discs). */
  .rich-text ul {
    list-style: disc;
  }
  .rich-text li ul {
    list-style: circle;
  }
  .rich-text code {
    font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
    font-size: 0.9em;
    background: var(--_surface);
    border-radius: 0.25em;
    padding: 0.05em 0.25em;
  }
  .rich-text pre {
    overflow-x: auto;
    padding: 0.5em 0.75em;
    background: var(--_surface);
    border-radius: var(--_radius);
  }
  .rich-text pre code {
    padding: 0;
    background: none;
  }
  .rich-text a {
    color: var(--_accent);
  }
  button {
    font: inherit;
    cursor: pointer;
    border-radius: var(--_radius);
  }
  .link-button {
    background: none;
    border: none;
    padding: 0.1em 0;
    color: var(--_accent);
    font-size: 0.875em;
  }
  .link-button:hover {
    text-decoration: underline;
  }
  [part~='status'] {
    color: var(--_muted);
    font-size: 0.875em;
    margin: 0 0 var(--_space);
  }
  [part~='status']:empty {
    display: none;
  }
  .state {
    color: var(--_muted);
    margin-block: var(--_space);
  }
  /* Pressed reads at a glance, not by weight alone: filled with the accent (3:1 against any page
     it passes for links) and a check mark, which screen readers skip: aria-pressed tells them. */
  [aria-pressed='true'] {
    background: var(--_accent);
    color: var(--hearth-accent-contrast-color, Canvas);
    padding-inline: 0.5em;
  }
  [aria-pressed='true']::before {
    content: '✓ ' / '';
  }
  .vote-count {
    color: var(--_muted);
    font-size: 0.875em;
  }
  .sort {
    display: block;
    color: var(--_muted);
    font-size: 0.875em;
    margin: 0 0 var(--_space);
  }
  .sort select {
    font: inherit;
  }
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
`;
