import { css } from 'lit';

/**
 * One sheet for the whole page: the sections render into `<hearth-admin>`'s shadow root. System
 * colours, so light and dark schemes and forced colours work without configuration.
 */
export const hearthAdminStyles = css`
  :host {
    display: block;
    max-width: 60rem;
    margin: 0 auto;
    padding: 1rem;
    font: 1rem/1.5 system-ui, sans-serif;
    color: CanvasText;
    --_muted: color-mix(in srgb, currentColor 65%, Canvas);
    --_border: color-mix(in srgb, currentColor 25%, Canvas);
    --_surface: color-mix(in srgb, currentColor 5%, Canvas);
    --_accent: LinkText;
    --_danger: #b3261e;
    --_success: #1e6b34;
  }
  [hidden] {
    display: none !important;
  }
  h1 {
    font-size: 1.5rem;
    margin: 0;
    flex: 1;
  }
  h2 {
    font-size: 1.25rem;
    margin: 1rem 0 0.5rem;
  }
  h3 {
    font-size: 1rem;
    margin: 0;
  }
  :focus-visible,
  h2:focus,
  article:focus,
  tr:focus {
    outline: 2px solid var(--_accent);
    outline-offset: 2px;
  }
  button,
  input,
  select {
    font: inherit;
  }
  button {
    padding: 0.25rem 0.75rem;
    border: 1px solid var(--_border);
    border-radius: 0.375rem;
    background: var(--_surface);
    color: inherit;
    cursor: pointer;
  }
  button[aria-disabled='true'] {
    opacity: 0.6;
    cursor: progress;
  }
  input,
  select {
    padding: 0.25rem 0.5rem;
    border: 1px solid var(--_border);
    border-radius: 0.375rem;
    background: Canvas;
    color: inherit;
  }
  input[aria-invalid='true'] {
    border-color: var(--_danger);
  }
  .bar {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5rem 1rem;
    padding-bottom: 0.75rem;
    border-bottom: 1px solid var(--_border);
  }
  .who {
    margin: 0;
  }
  .notice {
    margin: 0.75rem 0;
    min-height: 1.5em;
  }
  .notice[data-kind='success'] {
    color: var(--_success);
  }
  .notice[data-kind='error'] {
    color: var(--_danger);
    font-weight: 600;
  }
  .stack {
    display: flex;
    flex-direction: column;
    align-items: flex-start;
    gap: 0.375rem;
    max-width: 30rem;
  }
  .stack label {
    display: flex;
    flex-direction: column;
    gap: 0.25rem;
  }
  .stack label.check {
    flex-direction: row;
    align-items: center;
    gap: 0.5rem;
  }
  .stack input[type='text'],
  .stack input[type='password'] {
    width: min(100%, 28rem);
    box-sizing: border-box;
  }
  .hint,
  .empty,
  .loading,
  .where,
  time {
    color: var(--_muted);
  }
  .hint,
  .field-error {
    margin: 0;
    font-size: 0.875rem;
  }
  .field-error {
    color: var(--_danger);
  }
  .actions,
  .toolbar {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5rem;
  }
  .toolbar label {
    display: inline-flex;
    gap: 0.5rem;
    align-items: center;
  }
  .tabs {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem;
    border-bottom: 1px solid var(--_border);
  }
  [role='tab'] {
    border-radius: 0.375rem 0.375rem 0 0;
    border-bottom: none;
    background: transparent;
  }
  [role='tab'][aria-selected='true'] {
    background: var(--_surface);
    font-weight: 600;
    box-shadow: inset 0 -3px 0 var(--_accent);
  }
  .comments {
    list-style: none;
    margin: 1rem 0;
    padding: 0;
    display: flex;
    flex-direction: column;
    gap: 0.75rem;
  }
  .comment {
    padding: 0.75rem;
    border: 1px solid var(--_border);
    border-radius: 0.5rem;
  }
  .comment-header {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    gap: 0.25rem 0.75rem;
  }
  .badge {
    font-size: 0.75rem;
    padding: 0 0.375rem;
    border: 1px solid var(--_border);
    border-radius: 1rem;
  }
  .details {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem 1rem;
    margin: 0.375rem 0;
    font-size: 0.875rem;
  }
  .details div {
    display: flex;
    gap: 0.375rem;
    min-width: 0;
  }
  .details dt {
    color: var(--_muted);
  }
  .details dd {
    margin: 0;
    overflow-wrap: anywhere;
  }
  .body {
    /* The raw text as typed: line breaks and runs of spaces kept, long words wrapped. */
    white-space: pre-wrap;
    overflow-wrap: anywhere;
    margin: 0.5rem 0;
    padding: 0.5rem;
    background: var(--_surface);
    border-radius: 0.375rem;
  }
  .body-label {
    margin: 0.5rem 0 0;
    font-size: 0.875em;
    font-weight: 600;
  }
  .ban-form {
    display: flex;
    flex-wrap: wrap;
    align-items: flex-end;
    gap: 0.5rem;
    margin-top: 0.5rem;
    padding: 0.5rem;
    border: 1px dashed var(--_border);
    border-radius: 0.375rem;
  }
  .ban-form label {
    display: flex;
    flex-direction: column;
    gap: 0.25rem;
  }
  .load-more {
    margin-block: 0.5rem;
  }
  .table-wrap {
    overflow-x: auto;
    margin: 1rem 0;
  }
  table {
    border-collapse: collapse;
    width: 100%;
    font-size: 0.875rem;
  }
  th,
  td {
    text-align: start;
    vertical-align: top;
    padding: 0.375rem 0.5rem;
    border-bottom: 1px solid var(--_border);
  }
  .mono {
    font-family: ui-monospace, monospace;
    overflow-wrap: anywhere;
  }
  .mono.nowrap {
    white-space: nowrap;
    overflow-wrap: normal;
  }
  .add-ban,
  .lock-by-key {
    margin-top: 1.5rem;
  }
  [role='tab'] .count {
    display: inline-block;
    min-width: 1.25em;
    margin-inline-start: 0.375rem;
    padding: 0 0.375rem;
    border-radius: 1rem;
    background: var(--_accent);
    color: Canvas;
    font-size: 0.75rem;
    font-weight: 600;
    line-height: 1.5;
    text-align: center;
  }
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
  a {
    color: var(--_accent);
  }
  .page-link {
    font-size: 0.875rem;
  }
  .numeric {
    text-align: end;
    font-variant-numeric: tabular-nums;
  }
  .state[data-state='failed'] {
    color: var(--_danger);
    font-weight: 600;
  }
  @media (prefers-color-scheme: dark) {
    :host {
      --_danger: #ff8a80;
      --_success: #7bd88f;
    }
  }
`;
