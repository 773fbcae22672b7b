// Everything needed to write a comment, loaded after the thread has painted so that reading
// a thread costs only what reading needs.
export { createComposerState, renderComposer } from './composer-template.js';
export { checkDraft } from '../../internal/validate-draft.js';
export { createUuid } from '../../internal/uuid.js';
