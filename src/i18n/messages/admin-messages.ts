/**
 * `text` between first-strong isolate and pop directional isolate (U+2068, U+2069): a name,
 * thread key or ban value inside a sentence takes its own direction, and a direction control
 * in it (a name stored before names refused them) cannot reorder the rest of the sentence.
 */
function isolate(text: string): string {
  return `\u2068${text}\u2069`;
}

/** Every string the admin page shows, in one place; English only, like the widget's catalog. */
export const adminMessages = {
  title: 'Hearth moderation',
  tokenLabel: 'Admin token',
  tokenHint: 'Kept in this tab only, until you sign out or close it.',
  tokenMissing: 'Enter your admin token.',
  signIn: 'Sign in',
  signingIn: 'Signing in…',
  signOut: 'Sign out',
  signedInAs: (name: string): string => `Signed in as ${name}`,
  signedIn: (name: string): string => `Signed in as ${name}.`,
  signedOut: 'Signed out.',
  sessionEnded: 'The server no longer accepts this admin token. Sign in again.',
  networkError: 'Could not reach the server. Check the connection and try again.',
  badResponse: 'The server sent a reply this page does not understand.',
  httpError: (status: number): string => `The server answered with status ${status}.`,

  sections: 'Moderation sections',
  tabs: {
    held: 'Held',
    edits: 'Edits',
    recent: 'Recent',
    threads: 'Threads',
    bans: 'Bans',
    audit: 'Audit',
    webhooks: 'Webhooks',
    export: 'Export',
  },
  /** Read after a tab's name by screen readers, for the count badge they skip. */
  waiting: (count: number): string => `, ${count} waiting`,
  /** The page title while comments or edits wait: `(3) Hearth moderation`. */
  titleWithCount: (count: number, title: string): string => `(${count}) ${title}`,
  heldHeading: 'Held for moderation',
  editsHeading: 'Edits held for moderation',
  recentHeading: 'Recently published',
  threadsHeading: 'Threads',
  bansHeading: 'Bans',
  auditHeading: 'Audit log',

  siteFilter: 'Site',
  allSites: 'All sites',
  refresh: 'Refresh',
  loading: 'Loading…',
  loadMore: 'Load more',
  heldEmpty: 'Nothing is waiting for moderation.',
  recentEmpty: 'No published comments.',
  editsEmpty: 'No edit is waiting for moderation.',
  publicText: 'Public now',
  heldEditText: 'Edit waiting',
  heldBecause: 'Held because',
  /** Why a comment waits, by its `holdReason.code`; an unknown code shows as it is. */
  holdReasons: {
    held_parent: () => 'it replies to a comment that is itself awaiting approval.',
    links: (links: number, maxLinks: number) => `it has ${links} links; this site allows ${maxLinks}.`,
    blocklist: (phrase: string) => `it contains "${phrase}", on this site's blocklist.`,
    moderation_all: () => 'this site holds every comment for approval (moderation: all).',
    new_user: () => "it is the signed-in author's first comment (sso.holdNewUsers).",
    first_time: () => "it is the author's first comment on this site (moderation: first-time).",
  },
  loaded: (count: number, what: string): string => `${count} ${what} loaded.`,

  onThread: (site: string, thread: string): string => `${site} · ${thread}`,
  viewOnPage: 'View on page',
  viewOnPageLabel: (name: string): string =>
    `View on page: ${name ? `${isolate(name)}'s comment` : 'the comment'} (opens in a new tab)`,
  verified: 'signed in',
  pinnedBadge: 'Pinned',
  editedBadge: 'Edited',
  userId: 'User id',
  email: 'Email',
  ipHash: 'Network',
  approve: 'Approve',
  reject: 'Reject',
  delete: 'Delete',
  pin: 'Pin',
  unpin: 'Unpin',
  banAuthor: 'Ban author…',
  approveEdit: 'Approve edit',
  rejectEdit: 'Reject edit',
  editApproved: (name: string, thread: string): string =>
    `Published ${isolate(name)}'s edit on ${isolate(thread)}.`,
  editRejected: (name: string, thread: string): string =>
    `Rejected ${isolate(name)}'s edit on ${isolate(thread)}; the earlier text stays.`,
  approved: (name: string, thread: string): string =>
    `Approved ${isolate(name)}'s comment on ${isolate(thread)}.`,
  rejected: (name: string, thread: string): string =>
    `Rejected ${isolate(name)}'s comment on ${isolate(thread)}.`,
  deleted: (name: string, thread: string): string =>
    `Deleted ${isolate(name)}'s comment on ${isolate(thread)}.`,
  pinned: (name: string, thread: string): string =>
    `Pinned ${isolate(name)}'s comment on ${isolate(thread)}.`,
  unpinned: (name: string, thread: string): string =>
    `Unpinned ${isolate(name)}'s comment on ${isolate(thread)}.`,

  banBy: 'Ban by',
  banKinds: { user: 'User id', email: 'Email address', ip: 'Network (IP hash, lasts a day)' },
  banReason: 'Reason (optional)',
  banSubmit: 'Ban',
  cancel: 'Cancel',
  banned: (kind: string, site: string): string => `Banned by ${kind} on ${site}.`,

  threadsEmpty: (site: string): string => `No threads on ${site} yet.`,
  threadColumns: {
    thread: 'Thread',
    published: 'Published',
    held: 'Held',
    lastActivity: 'Last comment',
    state: 'State',
    actions: 'Actions',
  },
  noComments: 'No comments',
  threadLocked: 'Locked',
  threadOpen: 'Open',
  openPage: 'Open page',
  openPageLabel: (thread: string): string => `Open page of ${isolate(thread)} (opens in a new tab)`,
  lockRow: 'Lock',
  unlockRow: 'Unlock',
  lockLabel: (thread: string): string => `Lock ${isolate(thread)}`,
  unlockLabel: (thread: string): string => `Unlock ${isolate(thread)}`,
  lockByKeyHeading: 'Lock a thread by its key',
  threadKey: 'Thread key',
  threadKeyHint:
    'For a thread not listed above, such as a page nobody has commented on yet. Usually the page path, for example /posts/small-communities.',
  threadKeyMissing: 'Enter a thread key.',
  lock: 'Lock thread',
  unlock: 'Unlock thread',
  locked: (thread: string, site: string): string => `Locked ${isolate(thread)} on ${site}: no new comments.`,
  unlocked: (thread: string, site: string): string => `Unlocked ${isolate(thread)} on ${site}.`,

  bansEmpty: (site: string): string => `No bans on ${site}.`,
  bansEmptyAll: 'No bans on any site.',
  addBan: 'Add a ban',
  banValue: 'Value',
  banValueMissing: 'Enter the value to ban.',
  removeBan: 'Remove',
  removeBanLabel: (kind: string, value: string): string => `Remove the ban on ${kind} ${value}`,
  banRemoved: (kind: string, value: string): string => `Removed the ban on ${kind} ${isolate(value)}.`,
  bannedValue: (kind: string, value: string, site: string): string =>
    `Banned ${kind} ${isolate(value)} on ${site}.`,
  banColumns: {
    site: 'Site',
    kind: 'Kind',
    value: 'Value',
    reason: 'Reason',
    when: 'When',
    by: 'By',
    actions: 'Actions',
  },

  auditEmpty: 'No moderation actions yet.',
  auditCommentBy: (name: string): string => `Comment by ${isolate(name)}`,
  auditDeletedComment: 'A deleted comment',
  auditOnThread: (thread: string): string => `on ${isolate(thread)}`,
  auditThread: (thread: string): string => `Thread ${isolate(thread)}`,
  auditBan: (kind: string, value: string): string => `${kind} ${isolate(value)}`,
  auditColumns: {
    when: 'When',
    actor: 'Who',
    action: 'Action',
    site: 'Site',
    target: 'Target',
    detail: 'Detail',
  },

  webhooksHeading: 'Webhook deliveries',
  webhooksEmpty: 'No webhook deliveries yet. Webhooks are set per site in the server’s configuration.',
  webhookColumns: {
    createdAt: 'Queued',
    site: 'Site',
    type: 'Event',
    url: 'Endpoint',
    state: 'State',
    attempts: 'Attempts',
    lastError: 'Last error',
    when: 'Finished or next try',
  },
  /** A delivery's `state`; an unknown one shows as it is. */
  webhookStates: {
    queued: 'Waiting',
    running: 'Sending',
    done: 'Delivered',
    failed: 'Gave up',
    cancelled: 'Cancelled',
  },

  exportHeading: 'Export site',
  exportIntro:
    'Downloads every thread lock and comment of a site, held and deleted ones included, as one file in Hearth’s open export format (NDJSON). Another Hearth server imports it with hearth import.',
  includePrivate: 'Include private fields',
  includePrivateHint:
    'Adds the authors’ emails, user ids and network hashes, who voted for what, and the bans. Keep such a file as safe as a database backup.',
  exportSubmit: 'Export site',
  exporting: 'Exporting…',
  exported: (fileName: string): string => `Downloaded ${isolate(fileName)}.`,
  exportBroken: 'The export broke off before it was complete. Try again; the server log says why.',
} as const;
