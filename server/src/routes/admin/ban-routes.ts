import type { Hono } from 'hono';
import { ErrorCode } from '../../../../src/protocol/index.js';
import { ApiError } from '../../http/api-error.js';
import { jsonBody, queryParams } from '../../middleware/request-validators.js';
import { methodNotAllowed } from '../method-not-allowed.js';
import { BanKind, type Ban, type CommentRecord } from '../../store/comment-store.js';
import type { AdminEnv } from '../../admin/admin-auth.js';
import { normalizeBanValue } from '../../admin/admin-schemas.js';
import type { AdminContext } from '../../admin/admin-context.js';
import { AuditAction } from '../../admin/audit-log.js';

// Ban ids are positive integers; anything else names no ban.
const banIdPattern = /^[1-9][0-9]{0,15}$/;

/**
 * Registers `GET /bans[?site=]` (every configured site's bans when `site` is absent),
 * `POST /bans` and `DELETE /bans/{id}` under the admin app.
 */
export function registerAdminBanRoutes(admin: Hono<AdminEnv>, context: AdminContext): void {
  const { deps, schemas } = context;
  const { audit } = deps;
  const { store, config } = deps;

  async function listBans(site: string | undefined): Promise<Ban[]> {
    const sites = site === undefined ? config.sites.map((each) => each.id) : [site];
    return (await Promise.all(sites.map((each) => store.listBans(each)))).flat();
  }

  admin.get('/bans', queryParams(schemas.bansQuery), async (c) => {
    const { site } = c.req.valid('query');
    return c.json({ bans: await listBans(site) }, 200);
  });

  admin.post('/bans', jsonBody(schemas.banBody, { maxBytes: config.requestMaxBytes }), async (c) => {
    const input = c.req.valid('json');
    // The schema lets through exactly one of value and commentId.
    const value =
      input.value ??
      normalizeBanValue(
        input.kind,
        valueFromComment(await loadBannedComment(input.commentId!, input.site), input.kind),
      );

    // Banning twice keeps one ban: the first one, with its reason and author. A row stored
    // before email bans were canonical counts as the same ban when it reaches the same mailbox.
    const existing = (await store.listBans(input.site)).find(
      (ban) => ban.kind === input.kind && normalizeBanValue(ban.kind, ban.value) === value,
    );
    if (existing) return c.json(existing, 200);

    const adminName = c.get('admin').name;
    const ban = await store.addBan(
      { site: input.site, kind: input.kind, value, reason: input.reason, createdBy: adminName },
      config.now(),
    );
    await audit(adminName, {
      action: AuditAction.banAdd,
      site: ban.site,
      target: String(ban.id),
      detail: describeBan(ban),
    });
    return c.json(ban, 201);
  });
  admin.all('/bans', methodNotAllowed(['GET', 'HEAD', 'POST']));

  admin.delete('/bans/:id', async (c) => {
    const id = c.req.param('id');
    const ban = banIdPattern.test(id)
      ? (await listBans(undefined)).find((each) => each.id === Number(id))
      : undefined;
    if (!ban || !(await store.removeBan(ban.id))) {
      throw new ApiError(404, ErrorCode.notFound, 'No ban has this id.');
    }
    await audit(c.get('admin').name, {
      action: AuditAction.banRemove,
      site: ban.site,
      target: String(ban.id),
      detail: describeBan(ban),
    });
    return c.body(null, 204);
  });
  admin.all('/bans/:id', methodNotAllowed(['DELETE']));

  async function loadBannedComment(commentId: string, site: string): Promise<CommentRecord> {
    const record = await store.getComment(commentId);
    if (!record) {
      throw new ApiError(400, ErrorCode.validationFailed, 'No comment has this id.', { field: 'commentId' });
    }
    if (record.site !== site) {
      throw new ApiError(
        400,
        ErrorCode.validationFailed,
        `That comment is on site "${record.site}", not "${site}".`,
        {
          field: 'commentId',
        },
      );
    }
    return record;
  }
}

/** The value a ban of `kind` takes from a comment's author, or a 400 naming `kind` when there is none. */
function valueFromComment(record: CommentRecord, kind: BanKind): string {
  const { author } = record;
  const value = kind === BanKind.user ? author.userId : kind === BanKind.email ? author.email : author.ipHash;
  if (value !== null) return value;
  const missing = {
    [BanKind.user]: 'This comment has no signed-in (SSO) user to ban.',
    [BanKind.email]: 'This comment has no email to ban.',
    [BanKind.ip]: 'This comment has no IP hash to ban.',
  };
  throw new ApiError(400, ErrorCode.validationFailed, missing[kind], { field: 'kind' });
}

function describeBan(ban: Ban): string {
  return `${ban.kind} ${ban.value}${ban.reason ? `: ${ban.reason}` : ''}`;
}
