import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { waitUntil } from '../helpers/wait-until.js';
import type { HearthAdmin } from '../../src/admin/hearth-admin.js';
import { find, focused, mountAdmin, noticeText, signIn, waitForNotice } from './admin-test-helpers.js';
import { makeAdminComment, useFakeAdminApi, type FakeAdminApi } from './fake-admin-api.js';

/** A file the page saved: what its download link pointed at and the name it gave. */
interface SavedFile {
  href: string;
  fileName: string;
}

/**
 * Catches every download link the page clicks inside `admin`, keeping the browser from saving
 * the file, and lists them.
 */
function catchDownloads(admin: HearthAdmin): SavedFile[] {
  const saved: SavedFile[] = [];
  admin.shadowRoot!.addEventListener(
    'click',
    (event) => {
      const link = event.composedPath()[0];
      if (link instanceof HTMLAnchorElement && link.download) {
        event.preventDefault();
        saved.push({ href: link.href, fileName: link.download });
      }
    },
    true,
  );
  return saved;
}

/** The lines of a saved file, parsed. */
async function readSaved(file: SavedFile): Promise<Array<Record<string, unknown>>> {
  const text = await (await fetch(file.href)).text();
  return text
    .trimEnd()
    .split('\n')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

describe('<hearth-admin>: Export site', () => {
  let fake: FakeAdminApi;
  useFakeAdminApi((installed) => (fake = installed));

  async function openExport(admin: HearthAdmin): Promise<void> {
    find(admin, '#tab-export').click();
    await waitUntil(() => !find(admin, '#panel-export').hidden);
  }

  it('downloads the chosen site’s export with private fields, by keyboard alone', async () => {
    fake.sites = [
      { id: 'demo', moderation: 'all' },
      { id: 'blog', moderation: 'none' },
    ];
    const comment = makeAdminComment({ site: 'blog', status: 'published', email: 'ada@example.org' });
    fake.comments.push(comment, makeAdminComment({ site: 'demo' }));
    const admin = await mountAdmin(fake);
    const saved = catchDownloads(admin);
    await signIn(admin, fake.token);
    await openExport(admin);
    await expect(admin).to.be.accessible();

    const select = find<HTMLSelectElement>(admin, '#panel-export select');
    expect(select.labels![0]!.textContent).to.contain('Site');
    select.focus();
    select.value = 'blog';
    select.dispatchEvent(new Event('change'));
    const box = find<HTMLInputElement>(admin, '#panel-export input[type="checkbox"]');
    expect(box.labels![0]!.textContent!.trim()).to.equal('Include private fields');
    expect(box.checked).to.equal(false);
    await sendKeys({ press: 'Tab' });
    expect(focused(admin)).to.equal(box);
    await sendKeys({ press: 'Space' });
    expect(box.checked).to.equal(true);
    await sendKeys({ press: 'Tab' });
    const button = find(admin, '#panel-export [data-action="export"]');
    expect(focused(admin)).to.equal(button);
    expect(button.textContent!.trim()).to.equal('Export site');
    await sendKeys({ press: 'Enter' });

    await waitForNotice(admin, 'Downloaded hearth-blog-2026-11-26.ndjson.');
    const request = fake.requests.at(-1)!;
    expect(request.path).to.equal('sites/blog/export');
    expect(request.url.searchParams.get('private')).to.equal('1');
    expect(request.headers.get('Authorization')).to.equal(`Bearer ${fake.token}`);
    expect(saved.map((file) => file.fileName)).to.deep.equal(['hearth-blog-2026-11-26.ndjson']);
    expect(saved[0]!.href).to.match(/^blob:/);
    const [header, ...records] = await readSaved(saved[0]!);
    expect(header).to.include({ format: 'hearth-export', site: 'blog', includesPrivate: true });
    expect(records).to.have.length(1);
    expect(records[0]).to.include({ id: comment.id, email: 'ada@example.org' });
    expect(focused(admin)).to.equal(button, 'focus stays on the button');
  });

  it('leaves private fields out unless asked, and names the one site it exports', async () => {
    fake.comments.push(makeAdminComment({ email: 'grace@example.org' }));
    const admin = await mountAdmin(fake);
    const saved = catchDownloads(admin);
    await signIn(admin, fake.token);
    await openExport(admin);
    expect(admin.shadowRoot!.querySelector('#panel-export select')).to.equal(null);
    expect(find(admin, '#panel-export bdi').textContent).to.equal('demo');

    find(admin, '#panel-export [data-action="export"]').click();
    await waitForNotice(admin, 'Downloaded hearth-demo-2026-11-26.ndjson.');
    expect(fake.requests.at(-1)!.url.searchParams.has('private')).to.equal(false);
    const [header, ...records] = await readSaved(saved[0]!);
    expect(header).to.include({ includesPrivate: false });
    expect(records[0]).not.to.have.property('email');
  });

  it('says why an export failed, and saves nothing', async () => {
    const admin = await mountAdmin(fake);
    const saved = catchDownloads(admin);
    await signIn(admin, fake.token);
    await openExport(admin);
    fake.script.push({
      status: 404,
      body: { error: { code: 'not_found', message: 'No site "demo" here.' } },
    });

    find(admin, '#panel-export [data-action="export"]').click();
    await waitForNotice(admin, 'No site "demo" here.');
    expect(find(admin, '[part~="notice"]').dataset.kind).to.equal('error');
    expect(saved).to.deep.equal([]);

    fake.script.push('network-error');
    find(admin, '#panel-export [data-action="export"]').click();
    await waitUntil(() => noticeText(admin).startsWith('Could not reach the server'));
    expect(saved).to.deep.equal([]);
  });
});
