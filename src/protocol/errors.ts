import { z } from './zod.js';

/** Stable error codes of protocol v1; clients branch on these, never on messages. */
export const ErrorCode = {
  validationFailed: 'validation_failed',
  invalidJson: 'invalid_json',
  unsupportedMediaType: 'unsupported_media_type',
  payloadTooLarge: 'payload_too_large',
  invalidCursor: 'invalid_cursor',
  invalidThread: 'invalid_thread',
  unknownParent: 'unknown_parent',
  idConflict: 'id_conflict',
  notFound: 'not_found',
  methodNotAllowed: 'method_not_allowed',
  internal: 'internal_error',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** Every error response: `{"error":{"code","message","field"?}}`. */
export const ErrorResponseSchema = /* @__PURE__ */ z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    /** The request field at fault, as a dotted path (`body`, `parentId`), when there is one. */
    field: z.optional(z.string()),
  }),
});
export type ErrorResponse = z.infer<typeof ErrorResponseSchema>;
