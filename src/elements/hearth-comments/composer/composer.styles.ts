import { css } from 'lit';

/** The composers' styles, adopted when the composer chunk loads; the thread's are in hearth-comments.styles.ts. */
export const composerStyles = css`
  .write-state {
    margin: 0.25em 0;
    color: var(--_muted);
    font-size: 0.875em;
  }
  .write-state.failed {
    color: var(--_danger);
  }
  .write-state .link-button {
    margin-inline-start: 0.75em;
  }
  .delete-confirm {
    display: inline-flex;
    flex-wrap: wrap;
    gap: 0.25em 0.9em;
    align-items: baseline;
    font-size: 0.875em;
  }
  .delete-confirm .link-button {
    font-size: 1em;
  }
  .link-button.danger {
    color: var(--_danger);
    font-weight: 600;
  }
  .hint {
    color: var(--_muted);
    font-size: 0.875em;
  }
  form {
    display: grid;
    gap: calc(var(--_space) * 0.5);
    margin-block: var(--_space);
    padding: calc(var(--_space) * 0.75);
    background: var(--_surface);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
  }
  label {
    display: grid;
    gap: 0.25em;
    font-size: 0.875em;
    font-weight: 600;
  }
  input,
  textarea {
    font: inherit;
    font-weight: 400;
    /* The page's text over a tint of it: the two cannot part, whatever the page's colours. */
    color: inherit;
    background: var(--hearth-input-background, var(--_surface));
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) * 0.75);
    padding: 0.5em 0.6em;
    max-width: 100%;
    box-sizing: border-box;
  }
  input {
    max-width: 20em;
  }
  textarea {
    min-height: 5.5em;
    resize: vertical;
  }
  .body-head {
    display: flex;
    flex-wrap: wrap;
    align-items: end;
    justify-content: space-between;
    gap: 0.25em var(--_space);
  }
  .tabs {
    display: flex;
    gap: 0.25em;
  }
  .tab {
    background: none;
    color: var(--_muted);
    border: none;
    border-block-end: 2px solid transparent;
    border-radius: calc(var(--_radius) * 0.5) calc(var(--_radius) * 0.5) 0 0;
    padding: 0.2em 0.6em;
    font-size: 0.875em;
  }
  .tab:hover {
    color: inherit;
    border-block-end-color: var(--_border);
  }
  .tab[aria-selected='true'] {
    color: inherit;
    font-weight: 600;
    border-block-end-color: var(--_accent);
  }
  .tab-panel {
    display: grid;
    gap: 0.25em;
  }
  .tab-panel[hidden] {
    display: none;
  }
  /* The size the textarea and its error had inside their label, before the tabs. */
  .write-panel {
    font-size: 0.875em;
  }
  /* Sized and boxed like the textarea it stands in for, so switching tabs moves nothing. */
  .preview-panel {
    display: block;
    box-sizing: border-box;
    /* Until the textarea's own height is measured: four rows at its 0.875em, padding, border. */
    min-height: calc(3.5lh + 0.875em + 2px);
    padding: 0.5em 0.6em;
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) * 0.75);
    overflow-wrap: anywhere;
  }
  .preview-panel > .rich-text {
    margin: 0;
  }
  .preview-empty {
    color: var(--_muted);
    font-style: italic;
  }
  /* The link past the thread to the main composer: visually hidden until a keyboard reaches it. */
  .skip-link {
    display: inline-block;
    margin-block-end: calc(var(--_space) * 0.5);
    color: var(--_accent);
  }
  .skip-link.visually-hidden:focus {
    position: static;
    width: auto;
    height: auto;
    clip-path: none;
  }
  .format-hint {
    margin: 0;
  }
  .format-hint code {
    font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
    font-size: 0.9em;
  }
  [aria-invalid='true'] {
    border-color: var(--_danger);
  }
  .field-error {
    color: var(--_danger);
    font-size: 0.875em;
    font-weight: 400;
    margin: 0;
  }
  /* Inside the write panel, already at 0.875em. */
  .char-count {
    display: block;
    font-size: 1em;
  }
  /* Empty, it stays in the accessibility tree (a live region must be there before it speaks)
     but out of the panel's grid, whose gap would move what is below. */
  .char-count.idle {
    position: absolute;
  }
  .char-count.over {
    color: var(--_danger);
  }
  /* "Email me when someone replies" and, once ticked, the wider choice under it. */
  .notify {
    display: grid;
    gap: 0.25em;
  }
  .check {
    display: flex;
    gap: 0.5em;
    align-items: center;
    font-weight: 400;
  }
  .check input {
    flex: none;
    margin: 0;
    padding: 0;
    accent-color: var(--_accent);
  }
  .check.follow {
    margin-inline-start: 1.75em;
  }
  .actions {
    display: flex;
    gap: var(--_space);
    align-items: center;
    flex-wrap: wrap;
  }
  [part~='submit-button'] {
    background: var(--_accent);
    color: var(--hearth-accent-contrast-color, Canvas);
    border: none;
    padding: 0.5em 1em;
    font-weight: 600;
  }
`;
