import { z } from 'zod';
import { isReaderTokenShaped } from './auth/token-shape.js';
import { CommentEvent } from './jobs/comment-events.js';

/** How a site's new comments are moderated. */
export const ModerationMode = {
  /** Everything is published at once (rules below may still hold a comment). */
  none: 'none',
  /** A guest's first comment is held; once one is approved, the rest publish at once. */
  firstTime: 'first-time',
  /** Every comment waits for a moderator. */
  all: 'all',
} as const;
export type ModerationMode = (typeof ModerationMode)[keyof typeof ModerationMode];

/**
 * An origin a site's pages are served from: `scheme://host[:port]`, or with `:*` for any port
 * (`http://localhost:*`). No path, no trailing slash.
 */
const OriginPatternSchema = z
  .string()
  .regex(
    /^https?:\/\/(\[[0-9a-f:]+\]|[a-z0-9.-]+)(:(\d{1,5}|\*))?$/i,
    'must look like https://example.org, or http://localhost:*',
  );

/**
 * Whether a secret is still a placeholder from `hearth.config.example.json` (they all say
 * `change-me`): a copied example would run with a secret everyone knows.
 */
export function isPlaceholderSecret(value: string): boolean {
  return /change-me/i.test(value);
}

/** What to say about a placeholder secret. */
export const placeholderSecretMessage =
  "is still the example's placeholder: generate one, e.g. with openssl rand -hex 32";

/** A secret or token of at least `minLength` characters that is not a placeholder. */
function secretSchema(minLength: number) {
  return z
    .string()
    .min(minLength, `must be at least ${minLength} characters`)
    .refine((value) => !isPlaceholderSecret(value), placeholderSecretMessage);
}

const SsoSchema = z.strictObject({
  /** The HS256 secret the site signs its tokens with; at least 32 characters. */
  secret: secretSchema(32),
  /** Hold the first comment of an SSO user who has none approved yet. Default false. */
  holdNewUsers: z.boolean().default(false),
  /**
   * Whether the email in a token counts as confirmed (the site checked it), so reply
   * notifications need no confirmation email and first-time moderation trusts it. Default true.
   */
  emailsVerified: z.boolean().default(true),
});

const LimitsSchema = z.strictObject({
  /** Comments one network (IP hash) may post per minute on the site. Default 5. */
  postsPerMinutePerIp: z.int().min(1).default(5),
  /** Comments one network may post per hour. Default 30. */
  postsPerHourPerIp: z.int().min(1).default(30),
  /** Comments one thread accepts per minute from everyone. Default 30. */
  postsPerMinutePerThread: z.int().min(1).default(30),
  /** Shortest time between a guest opening the composer and posting, in seconds. Default 3. */
  minComposeSeconds: z.number().min(0).default(3),
  /** The same body from the same network within this many minutes is a duplicate. Default 10. */
  duplicateWindowMinutes: z.number().min(0).default(10),
});

const ProofOfWorkSchema = z.strictObject({
  /** Whether guests must solve a challenge. Default true; never asked of SSO users. */
  enabled: z.boolean().default(true),
  /** The largest number the solver may have to try: ~50,000 takes well under a second. */
  maxNumber: z.int().min(1000).max(10_000_000).default(50_000),
  /** How long a challenge stays valid, in seconds. Default 1,800 (30 minutes of writing). */
  expiresSeconds: z.int().min(60).default(1800),
});

/** How to make a webhook secret, for the messages that refuse one. */
const makeWebhookSecret = 'make one with echo "whsec_$(openssl rand -base64 32)"';

/**
 * Why a webhook secret cannot be used, or null: it must be the Standard Webhooks form,
 * `whsec_` and the base64 of 24 to 64 random bytes (the bytes are the HMAC key).
 */
function describeBadWebhookSecret(secret: string): string | null {
  if (isPlaceholderSecret(secret)) return `is still the example's placeholder: ${makeWebhookSecret}`;
  const encoded = /^whsec_([A-Za-z0-9+/]+={0,2})$/.exec(secret)?.[1];
  const bytes = encoded === undefined ? null : Buffer.from(encoded, 'base64');
  // Buffer skips what is not base64, so only a secret that encodes back to itself is whole.
  const isWhole =
    bytes !== null && bytes.toString('base64').replace(/=+$/, '') === encoded!.replace(/=+$/, '');
  if (!isWhole || bytes.length < 24 || bytes.length > 64) {
    return `must be whsec_ and the base64 of 24 to 64 random bytes: ${makeWebhookSecret}`;
  }
  return null;
}

/** One webhook of a site: where its comments' events are POSTed, and which (see webhooks/). */
const WebhookSchema = z.strictObject({
  /** The receiver's address, http(s). */
  url: z
    .string()
    .refine(
      (url) => /^https?:\/\/[^\s/?#]+[^\s]*$/i.test(url) && URL.canParse(url),
      'must be an http:// or https:// address',
    ),
  /** The events it receives, at least one. */
  events: z.array(z.enum(CommentEvent)).min(1, 'must list at least one event'),
  /** Signs every delivery (Standard Webhooks): `whsec_` and base64 of 24 to 64 random bytes. */
  secret: z.string().superRefine((secret, context) => {
    const problem = describeBadWebhookSecret(secret);
    if (problem) context.addIssue({ code: 'custom', message: problem });
  }),
});

const WebhooksSchema = z.array(WebhookSchema).superRefine((hooks, context) => {
  // A delivery is named after its webhook's url, so two hooks there would share deliveries.
  const first = new Map<string, number>();
  hooks.forEach((hook, index) => {
    const earlier = first.get(hook.url);
    if (earlier === undefined) first.set(hook.url, index);
    else
      context.addIssue({
        code: 'custom',
        path: [index, 'url'],
        message: `is already the url of webhooks.${earlier}: list its events there`,
      });
  });
});

/** One site: who may embed the widget, and the rules its comments follow. */
export const SiteConfigSchema = z.strictObject({
  /** Short stable id, used in logs, SSO tokens (`aud`) and the admin page. */
  id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'must be lowercase letters, digits and dashes'),
  /** Origins whose pages may post; at least one. */
  origins: z.array(OriginPatternSchema).min(1, 'must list at least one origin'),
  /** How new comments are moderated: `none` (default), `first-time` or `all`. */
  moderation: z.enum([ModerationMode.none, ModerationMode.firstTime, ModerationMode.all]).default('none'),
  /** Minutes after posting during which an author may edit. Default 15; 0 disables editing. */
  editWindowMinutes: z.number().min(0).default(15),
  /** Whether readers without SSO may post. Default true. */
  guests: z.boolean().default(true),
  sso: SsoSchema.optional(),
  /** A comment with more links than this is held for a moderator. Default 3. */
  maxLinks: z.int().min(0).default(3),
  /** Words or phrases (case-insensitive, whole words) that hold a comment for a moderator. */
  blocklist: z.array(z.string().min(1)).default([]),
  /**
   * The address of a thread's page, with `{thread}` for its key, for links in feeds (and
   * emails): `https://blog.example.org{thread}`. Default: the first origin that is not a `:*`
   * pattern, followed by the key when it is a path.
   */
  threadUrl: z
    .string()
    .regex(/^https?:\/\/[^\s{}]+\{thread\}[^\s{}]*$/, 'must be an http(s) address holding {thread} once')
    .optional(),
  /** Where the site's comment events are POSTed (webhooks/); none by default. */
  webhooks: WebhooksSchema.optional(),
  limits: LimitsSchema.default(LimitsSchema.parse({})),
  proofOfWork: ProofOfWorkSchema.default(ProofOfWorkSchema.parse({})),
});
export type SiteConfig = z.infer<typeof SiteConfigSchema>;

/** Why an admin token shaped like a reader's token is refused. */
export const readerShapedTokenMessage =
  'must not look like an SSO token (a JWT) or an author token (hga_…): make one with openssl rand -base64 32';

/** Someone allowed to use the admin page and API; `name` is what the audit log records. */
const AdminSchema = z
  .strictObject({
    name: z.string().min(1).max(80),
    // A bearer token cannot contain whitespace, so such a token could never be presented.
    token: secretSchema(24)
      .regex(/^\S+$/, 'must not contain spaces')
      .refine((token) => !isReaderTokenShaped(token), readerShapedTokenMessage),
    /** Where this admin is told of held comments (with one-click Approve and Reject links). */
    email: z.email('must be an email address').optional(),
    /** Also email this admin, at 00:00 UTC each day, the day's new comments and the held count. Default false. */
    dailyDigest: z.boolean().optional(),
  })
  .refine((admin) => !admin.dailyDigest || admin.email !== undefined, {
    path: ['dailyDigest'],
    message: 'needs an email to send the digest to',
  });
export type AdminConfig = z.infer<typeof AdminSchema>;

/**
 * How the server sends email (reply notifications, confirmations, moderator alerts). Without
 * it those features are off and the widget does not offer them.
 */
export const EmailConfigSchema = z.strictObject({
  /** `smtp://user:pass@host:587` (STARTTLS when offered) or `smtps://…:465` (TLS from the start). */
  smtpUrl: z.string().regex(/^smtps?:\/\/[^\s]+$/, 'must be an smtp:// or smtps:// address'),
  /** The sender: `Hearth <comments@example.org>` or a bare address. */
  from: z
    .string()
    .regex(
      /^([^<>\r\n]*<[^\s@<>]+@[^\s@<>]+>|[^\s@<>]+@[^\s@<>]+)$/,
      'must be an address, or Name <address>',
    ),
  /**
   * How long the first email about a new comment waits, in seconds: a reply deleted meanwhile
   * is never sent, and replies close together share one email. 0 to 3,600; default 15.
   */
  delaySeconds: z.int().min(0).max(3600).optional(),
  /** The shortest time between two emails to one address, in minutes (a digest gathers what comes meanwhile). 0 to 1,440; default 5. */
  digestMinutes: z.number().min(0).max(1440).optional(),
});
export type EmailConfig = z.infer<typeof EmailConfigSchema>;

/**
 * The server's own public address, for links in emails: `https://comments.example.org`, or with
 * the path a proxy serves it under, `https://example.org/hearth`. No query or fragment.
 */
export const PublicUrlSchema = z
  .string()
  .regex(
    /^https?:\/\/[^\s/?#]+(\/[^\s?#]*)?$/,
    'must be an http(s) address such as https://comments.example.org or https://example.org/hearth',
  )
  .transform((url) => url.replace(/\/+$/, ''));

/** `hearth.config.json`. */
export const HearthConfigSchema = z
  .strictObject({
    sites: z.array(SiteConfigSchema).min(1, 'must list at least one site'),
    admins: z.array(AdminSchema).default([]),
    email: EmailConfigSchema.optional(),
    /** Where readers reach this server, for links in emails (confirm, unsubscribe, moderate). */
    publicUrl: PublicUrlSchema.optional(),
    /**
     * How long a process holds a job (an email, a webhook) it took, in seconds: if it dies, another
     * process takes the job over once this has passed. Longer than a send takes; default 60.
     */
    jobLeaseSeconds: z.int().min(5).max(3600).default(60),
    /**
     * Secret for the hashes of IP addresses and for signing proof-of-work challenges; at least
     * 32 characters. When absent the store keeps a random one, so restarts keep hashes stable.
     */
    secret: secretSchema(32).optional(),
    /** Trust `X-Forwarded-For` for the client address (behind a reverse proxy). Default false. */
    trustProxy: z.boolean().default(false),
    /**
     * Compress answers by `Accept-Encoding` (built files, JSON of 1 KB or more). Default true;
     * false when a proxy in front already compresses.
     */
    compression: z.boolean().default(true),
    /**
     * Serve the built files' source maps (`/hearth.js.map`, `/admin.js.map`, chunks' `.map`).
     * Default false: they hold the whole source, comments included, which a public server
     * has no need to hand out.
     */
    sourceMaps: z.boolean().default(false),
    /**
     * Most live event streams one client network (IP address) may hold open in one process;
     * more answer 429. 1 to 100 000, default 20.
     */
    streamsPerClient: z.int().min(1).max(100_000).default(20),
  })
  .superRefine((config, context) => {
    const ids = new Set<string>();
    // An origin listed twice would silently serve only the first site that lists it.
    const owners = new Map<string, string>();
    config.sites.forEach((site, index) => {
      if (ids.has(site.id)) {
        context.addIssue({
          code: 'custom',
          path: ['sites', index, 'id'],
          message: `duplicate site id "${site.id}"`,
        });
      }
      ids.add(site.id);
      site.origins.forEach((origin, originIndex) => {
        const key = normalizeOrigin(origin);
        const owner = owners.get(key);
        if (owner !== undefined) {
          context.addIssue({
            code: 'custom',
            path: ['sites', index, 'origins', originIndex],
            message: `origin ${origin} is already listed by site "${owner}"`,
          });
        } else {
          owners.set(key, site.id);
        }
      });
    });
    const names = new Set<string>();
    const tokens = new Map<string, number>();
    config.admins.forEach((admin, index) => {
      if (names.has(admin.name)) {
        context.addIssue({
          code: 'custom',
          path: ['admins', index, 'name'],
          message: `duplicate admin name "${admin.name}": the audit log could not tell them apart`,
        });
      }
      names.add(admin.name);
      const first = tokens.get(admin.token);
      if (first !== undefined) {
        context.addIssue({
          code: 'custom',
          path: ['admins', index, 'token'],
          message: `the same token as admins.${first}: the audit log could not tell them apart`,
        });
      } else {
        tokens.set(admin.token, index);
      }
    });
  });
export type HearthConfig = z.infer<typeof HearthConfigSchema>;

/** The site `npm start` runs without a config file: local pages on any port, no moderation. */
export const demoSite: SiteConfig = SiteConfigSchema.parse({
  id: 'demo',
  origins: ['http://localhost:*', 'http://127.0.0.1:*', 'http://[::1]:*'],
});

/**
 * An origin or origin pattern in the form browsers send: lowercase, without the scheme's
 * default port (`https://example.org:443` is sent as `https://example.org`).
 */
function normalizeOrigin(origin: string): string {
  const lower = origin.toLowerCase();
  if (lower.startsWith('https://') && lower.endsWith(':443')) return lower.slice(0, -4);
  if (lower.startsWith('http://') && lower.endsWith(':80')) return lower.slice(0, -3);
  return lower;
}

/** Whether `origin` (an Origin header's value) matches a site's origin pattern. */
export function matchesOrigin(pattern: string, origin: string): boolean {
  const normalized = normalizeOrigin(origin);
  const wanted = normalizeOrigin(pattern);
  if (!wanted.endsWith(':*')) return normalized === wanted;
  const base = wanted.slice(0, -2);
  const port = normalized.slice(base.length);
  return normalized.startsWith(base) && (port === '' || /^:\d{1,5}$/.test(port));
}

/**
 * The site whose origins include `origin`, if any. An exact origin wins over a `:*` pattern,
 * whichever site lists it first, so `http://localhost:3000` on one site can carve a port out
 * of `http://localhost:*` on another.
 */
export function findSiteByOrigin(sites: readonly SiteConfig[], origin: string): SiteConfig | undefined {
  const isWildcard = (pattern: string) => pattern.endsWith(':*');
  return (
    sites.find((site) =>
      site.origins.some((pattern) => !isWildcard(pattern) && matchesOrigin(pattern, origin)),
    ) ??
    sites.find((site) =>
      site.origins.some((pattern) => isWildcard(pattern) && matchesOrigin(pattern, origin)),
    )
  );
}

/**
 * A readable account of everything wrong with a config, one line per problem, naming each
 * field by its dotted path (`sites.0.origins.1: …`); an unknown field is named itself.
 */
export function describeConfigError(error: z.ZodError): string {
  return error.issues
    .flatMap((issue) =>
      issue.code === 'unrecognized_keys'
        ? issue.keys.map((key) => `${formatPath([...issue.path, key])}: unknown field`)
        : [`${formatPath(issue.path)}: ${issue.message}`],
    )
    .join('\n');
}

function formatPath(path: readonly PropertyKey[]): string {
  return path.length > 0 ? path.map(String).join('.') : '(root)';
}

/**
 * Clearer messages than zod's defaults for the mistakes people make in a hand-written config;
 * pass as `{ error: configIssueMessage }` when parsing. Returns undefined to keep the default.
 */
export const configIssueMessage: z.core.$ZodErrorMap = (issue) => {
  if (issue.input === undefined && issue.code === 'invalid_type') return 'is required';
  switch (issue.code) {
    case 'invalid_type':
      return `must be ${typeNames[issue.expected] ?? issue.expected}`;
    case 'invalid_value':
      return `must be one of ${issue.values.map((value) => JSON.stringify(value)).join(', ')}`;
    case 'too_small':
      if (issue.origin === 'number') return `must be at least ${String(issue.minimum)}`;
      return undefined;
    case 'too_big':
      if (issue.origin === 'number') return `must be at most ${String(issue.maximum)}`;
      if (issue.origin === 'string') return `must be at most ${String(issue.maximum)} characters`;
      return undefined;
    default:
      return undefined;
  }
};

const typeNames: Record<string, string> = {
  int: 'a whole number',
  number: 'a number',
  string: 'a string',
  boolean: 'true or false',
  array: 'an array',
  object: 'an object',
};
