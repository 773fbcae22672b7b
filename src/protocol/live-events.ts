import { z } from './zod.js';
import { CursorSchema } from './changes.js';

/** The events of `GET /api/v1/threads/{thread}/events` (server-sent events), by name. */
export const LiveEventName = {
  hello: 'hello',
  change: 'change',
  heartbeat: 'heartbeat',
} as const;
export type LiveEventName = (typeof LiveEventName)[keyof typeof LiveEventName];

/** `hello`'s data, sent once, first: how often a quiet stream carries a heartbeat, in ms. */
export const HelloEventSchema = /* @__PURE__ */ z.object({
  heartbeatMs: z.number().check(z.refine((ms) => ms > 0)),
});
export type HelloEvent = z.infer<typeof HelloEventSchema>;

/**
 * `change`'s data, after every write to the thread: the cursor the feed would return after it
 * (also the event's `id`), or null for a change that takes no `seq` (a lock) or a notice that
 * changes may have been missed. Either way the client pulls from its own cursor.
 */
export const ChangeEventSchema = /* @__PURE__ */ z.object({
  cursor: z.nullable(CursorSchema),
});
export type ChangeEvent = z.infer<typeof ChangeEventSchema>;
