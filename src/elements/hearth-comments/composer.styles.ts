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
    color: inherit;
    background: var(--hearth-input-background, Canvas);
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
  [aria-invalid='true'] {
    border-color: var(--_danger);
  }
  .field-error {
    color: var(--_danger);
    font-size: 0.875em;
    font-weight: 400;
    margin: 0;
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
