import { z } from './zod.js';

/** Most thread keys one `GET /api/v1/counts` may ask about. */
export const countsMaxThreads = 100;

/**
 * The reply to `GET /api/v1/counts?threads=<key>,<key>…` (each key `encodeURIComponent`-ed):
 * published comments per asked thread key, 0 for a thread with none.
 */
// An object with a catchall rather than z.record: the widget parses counts with it, and every zod
// feature it uses ships in the first visit's chunk (vite.config.ts); z.record adds about 600 B gzip.
export const CountsResponseSchema = /* @__PURE__ */ z.object({
  counts: z.catchall(
    z.object({}),
    z.number().check(z.refine((count) => Number.isSafeInteger(count) && count >= 0)),
  ),
});
export type CountsResponse = z.infer<typeof CountsResponseSchema>;
