import { toBodyTreeColumn } from '../store/body-tree.js';
import type { BodyWorkerAnswer, BodyWorkerRequest } from './body-converter.js';
import { toHearthBody } from './import-body.js';
import type { ImportComment } from './import-item.js';

// What body-converter.ts's converters run, in a worker thread or in this one. Apart from it, so
// the thread that reads and writes loads none of it when a worker converts.

// For createInlineConverter, whose one import() brings both.
export { toBodyTreeColumn };

/** A source body as the store keeps it: Hearth markdown, fitted to the limit. */
export interface ConvertedBody {
  body: string;
  truncated: boolean;
}

/** Converts one source body (import-body.ts). */
export function convertBody(source: ImportComment['body']): ConvertedBody {
  return toHearthBody(source);
}

/** Answers one request in the worker thread. */
export function answerBodyWorkerRequest(request: BodyWorkerRequest): BodyWorkerAnswer {
  return {
    id: request.id,
    results: 'sources' in request ? request.sources.map(convertBody) : request.bodies.map(toBodyTreeColumn),
  };
}
