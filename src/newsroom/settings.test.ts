/** Site settings over real HTTP (/newsroom/settings): validation that saves nothing on a bad value, and the logo in the masthead. */
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import sharp from 'sharp';
import { storeImage } from '../media/storage.js';
import { loadSettings } from '../content/settings.js';
import { startTestServer, type TestServer } from '../../test/helpers/server.js';
import { createTestUser, signIn } from '../../test/helpers/auth.js';

let server: TestServer;

async function post(path: string, fields: Record<string, string>, options: { cookie: string }): Promise<Response> {
  return fetch(`${server.url}${path}`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: options.cookie },
    body: new URLSearchParams(fields).toString(),
  });
}

async function page(path: string, cookie?: string): Promise<Response> {
  return fetch(`${server.url}${path}`, { redirect: 'manual', headers: cookie ? { cookie } : {} });
}

describe('site settings', () => {
  before(async () => {
    server = await startTestServer({ seed: false });
  });
  after(async () => {
    await server?.stop();
  });

  it('saves site settings with validation; a bad value saves nothing', async () => {
    const admin = await createTestUser(server, 'admin');
    const session = await signIn(server, admin.email, admin.password);
    const good = { title: 'The Evening Ledger', description: 'News at dusk.', language: 'en-GB', timezone: 'Europe/Berlin', commentsCloseAfterDays: '14', moderateAllComments: '1', _csrf: session.csrf };
    const saved = await post('/newsroom/settings', good, { cookie: session.cookie });
    assert.equal(saved.status, 303);
    const settings = await loadSettings(server.ctx.store.db);
    assert.equal(settings.title, 'The Evening Ledger');
    assert.equal(settings.timezone, 'Europe/Berlin');
    assert.equal(settings.commentsCloseAfterDays, 14);
    assert.equal(settings.moderateAllComments, true);
    assert.match(await (await page('/')).text(), /The Evening Ledger/);

    const bad = await post('/newsroom/settings', { ...good, title: 'Changed', timezone: 'Mars/Olympus', commentsCloseAfterDays: '-3' }, { cookie: session.cookie });
    assert.equal(bad.status, 422);
    const text = await bad.text();
    assert.match(text, /Use a time zone name/);
    assert.match(text, /whole number of days/);
    assert.equal((await loadSettings(server.ctx.store.db)).title, 'The Evening Ledger');
  });

  it('sets a logo from the media library, shown in the masthead', async () => {
    const admin = await createTestUser(server, 'admin');
    const session = await signIn(server, admin.email, admin.password);
    const png = await sharp({ create: { width: 480, height: 60, channels: 3, background: '#a3001b' } }).png().toBuffer();
    const logo = await storeImage(server.ctx.store.db, path.join(server.ctx.config.dataDir, 'media'), { bytes: png, alt: 'The Evening Ledger', filename: 'logo.png' });
    const form = await (await page('/newsroom/settings', session.cookie)).text();
    assert.match(form, new RegExp(`<option value="${logo.id}"`), 'the library images are offered');
    const fields = { title: 'The Evening Ledger', description: 'News at dusk.', language: 'en', timezone: 'UTC', commentsCloseAfterDays: '0', _csrf: session.csrf };
    const unknown = await post('/newsroom/settings', { ...fields, logoMediaId: '999999' }, { cookie: session.cookie });
    assert.equal(unknown.status, 422);
    assert.match(await unknown.text(), /not in the media library/);
    assert.equal((await loadSettings(server.ctx.store.db)).logoMediaId, null, 'nothing saved');
    assert.equal((await post('/newsroom/settings', { ...fields, logoMediaId: String(logo.id) }, { cookie: session.cookie })).status, 303);
    const home = await (await page('/')).text();
    assert.match(home, new RegExp(`class="site-title site-logo"[^>]*><img src="/media/${logo.path}" alt="The Evening Ledger"`));
    assert.equal((await post('/newsroom/settings', { ...fields, logoMediaId: '' }, { cookie: session.cookie })).status, 303);
    assert.doesNotMatch(await (await page('/')).text(), /site-logo/);
  });

  it('brand: a faint accent is refused with its ratios and kept as typed; a chosen accent, pairing and theme reach the public pages', async () => {
    const admin = await createTestUser(server, 'admin');
    const session = await signIn(server, admin.email, admin.password);
    const fields = { title: 'The Evening Ledger', description: 'News at dusk.', language: 'en', timezone: 'UTC', commentsCloseAfterDays: '0', logoMediaId: '', _csrf: session.csrf };
    const faint = await post('/newsroom/settings', { ...fields, accentColor: '#7fb2e5', typePairing: 'fraunces', theme: 'light' }, { cookie: session.cookie });
    assert.equal(faint.status, 422);
    const form = await faint.text();
    assert.match(form, /#7fb2e5 is too faint for text on the light theme: 2\.\d:1 on its page/);
    assert.match(form, /id="accentColor"[^>]*value="#7fb2e5"/, 'the colour as typed');
    assert.match(form, /<option value="fraunces" selected/);
    assert.match(form, /<option value="light" selected/);
    assert.match(form, /data-brand-preview/, 'the colour preview (brand-preview.js) is on the page');
    assert.match(form, /src="\/newsroom\/assets\/brand-preview\.js\?v=\w+"/);

    const before = await (await page('/')).text();
    assert.doesNotMatch(before, /brand\.css/, 'the house settings need no brand stylesheet');
    assert.match(before, /rel="preload" href="\/assets\/source-serif-4-latin-wght-normal\.woff2/);

    assert.equal((await post('/newsroom/settings', { ...fields, accentColor: '#1d3c8a', typePairing: 'fraunces', theme: 'dark' }, { cookie: session.cookie })).status, 303);
    const home = await (await page('/')).text();
    assert.match(home, /<meta name="color-scheme" content="dark"/);
    assert.match(home, /rel="preload" href="\/assets\/fraunces-latin-wght-normal\.woff2\?v=\w+"/, 'the headline face of the pairing is preloaded');
    assert.doesNotMatch(home, /source-serif-4-latin/);
    const href = /<link rel="stylesheet" href="(\/brand\.css\?v=\w+)"/.exec(home)?.[1];
    assert.ok(href, 'the brand stylesheet is linked');
    const sheet = await page(href);
    assert.equal(sheet.status, 200);
    assert.match(sheet.headers.get('cache-control') ?? '', /immutable/);
    const css = await sheet.text();
    assert.match(css, /font-family: 'Fraunces Variable'.*url\(\/assets\/fraunces-latin-wght-normal\.woff2\?v=\w+\)/);
    assert.match(css, /--font-ui: 'Libre Franklin Variable'/);
    assert.match(css, /:root \{ color-scheme: dark; [^}]*--paper: #121416;[^}]*--brand: #[0-9a-f]{6}; --on-brand/, 'the dark tokens always, with the dark accent');
    assert.equal((await page('/assets/fraunces-latin-wght-normal.woff2')).status, 200);
    const story = await page('/search');
    assert.match(await story.text(), new RegExp(href.replace(/[?.]/g, '\\$&')), 'every public page carries it');

    assert.equal((await post('/newsroom/settings', { ...fields, accentColor: '#1d3c8a', typePairing: 'newsreader', theme: 'auto' }, { cookie: session.cookie })).status, 303);
    const changed = await (await page('/')).text();
    const next = /<link rel="stylesheet" href="(\/brand\.css\?v=\w+)"/.exec(changed)?.[1];
    assert.ok(next && next !== href, 'a change gives the sheet a new address at once');
    const autoCss = await (await page(next)).text();
    assert.match(autoCss, /:root \{ --brand: #1d3c8a; --on-brand: #ffffff; \}\n@media \(prefers-color-scheme: dark\) \{ :root \{ --brand: #[0-9a-f]{6};/);
    assert.match(changed, /<meta name="color-scheme" content="light dark"/);
    assert.match((await page(href)).headers.get('cache-control') ?? '', /max-age=60$/, 'an old address gets the current sheet, briefly cached');
  });
});
