/** How one comment's vote shows to the reader: pressed or not, and the count to show. */
export interface ReaderVote {
  /** Whether the reader's upvote is (or is about to be) on the comment. */
  isUp: boolean;
  /** The count to show: the server's, adjusted by the reader's vote not yet delivered. */
  count: number;
  /** True while the vote waits in the outbox. */
  isPending: boolean;
  /** True while it waits for the page to give a fresh SSO token (after 401 `sso_token_expired`). */
  isAwaitingToken: boolean;
}

/** A vote waiting in the outbox: the reader's intent, and the server's count when they clicked. */
export interface QueuedVote {
  isUp: boolean;
  /** The comment's `votes` as the server last said at the click; absent on older records. */
  votesAtClick?: number;
  /** True while it waits for a fresh SSO token; default false. */
  isAwaitingToken?: boolean;
}

/**
 * The reader's votes on a thread's comments, for every comment they voted on (delivered or
 * queued). `serverVotes` is each comment's `votes` as the server last said; `delivered` the
 * reader's vote the server stored; `queued` the vote still to send. A queued vote shows at
 * once: the count at the click plus one for an upvote the server did not have, minus one for
 * an upvote it had that the reader took back. Once delivered, the server's count is shown as is.
 *
 * The server may apply the vote (and a pull bring its new count) before this browser hears
 * that it was delivered; so a queued upvote shows at least the server's count and a queued
 * take-back at most it, never the vote counted twice.
 */
export function describeReaderVotes(
  serverVotes: ReadonlyMap<string, number>,
  delivered: ReadonlyMap<string, boolean>,
  queued: ReadonlyMap<string, QueuedVote>,
): Map<string, ReaderVote> {
  const votes = new Map<string, ReaderVote>();
  for (const id of new Set([...delivered.keys(), ...queued.keys()])) {
    const serverCount = serverVotes.get(id) ?? 0;
    const isDeliveredUp = delivered.get(id) ?? false;
    const intent = queued.get(id);
    if (intent === undefined) {
      votes.set(id, { isUp: isDeliveredUp, count: serverCount, isPending: false, isAwaitingToken: false });
      continue;
    }
    const shift = Number(intent.isUp) - Number(isDeliveredUp);
    const expected = (intent.votesAtClick ?? serverCount) + shift;
    const count =
      shift > 0 ? Math.max(serverCount, expected) : shift < 0 ? Math.min(serverCount, expected) : serverCount;
    votes.set(id, {
      isUp: intent.isUp,
      count: Math.max(0, count),
      isPending: true,
      isAwaitingToken: intent.isAwaitingToken ?? false,
    });
  }
  return votes;
}
