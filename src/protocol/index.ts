export * from './limits.js';
export * from './comment.js';
export * from './thread-key.js';
export * from './new-comment.js';
export * from './changes.js';
export * from './errors.js';
export * from './counts.js';
export * from './vote.js';
