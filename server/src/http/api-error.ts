import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ErrorCode, ErrorResponse } from '../../../src/protocol/index.js';

/**
 * An error the client caused or should know about; `app.onError` turns it into
 * `{"error":{"code","message","field"?}}` with its status. Anything else thrown is a 500.
 */
export class ApiError extends Error {
  readonly status: ContentfulStatusCode;
  readonly code: ErrorCode | AssetErrorCode;
  readonly field: string | undefined;
  readonly headers: Record<string, string>;

  constructor(
    status: ContentfulStatusCode,
    code: ErrorCode | AssetErrorCode,
    message: string,
    options: { field?: string; headers?: Record<string, string> } = {},
  ) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.field = options.field;
    this.headers = options.headers ?? {};
  }

  /** The wire shape of this error. */
  toResponseBody(): ErrorResponse {
    return {
      error: {
        code: this.code,
        message: this.message,
        ...(this.field === undefined ? {} : { field: this.field }),
      },
    };
  }
}

/** Codes of errors about the static files, which are not part of protocol v1. */
export const AssetErrorCode = {
  widgetNotBuilt: 'widget_not_built',
} as const;
export type AssetErrorCode = (typeof AssetErrorCode)[keyof typeof AssetErrorCode];
