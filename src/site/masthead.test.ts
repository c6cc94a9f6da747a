/** The masthead over real HTTP: a date line in the site's zone and language, and a section menu that needs no script. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import * as cheerio from 'cheerio';
import { saveSettings } from '../content/settings.js';
import { get, startTestServer, type TestServer } from '../../test/helpers/server.js';

let server: TestServer;
/** A zone whose date is not UTC's right now (14 hours ahead late in the UTC day, 11 behind early in it), so a date line in UTC fails. */
const zone = new Date().getUTCHours() >= 10 ? 'Pacific/Kiritimati' : 'Pacific/Pago_Pago';
before(async () => {
  server = await startTestServer({ seed: false });
  await saveSettings(server.ctx.store.db, { timezone: zone, language: 'de' });
  await server.ctx.store.db.insertInto('sections').values([
    { slug: 'harbour', name: 'Harbour', description: '', position: 1 },
    { slug: 'weather', name: 'Weather', description: '', position: 2 },
  ]).execute();
});
after(async () => {
  await server?.stop();
});

describe('masthead', () => {
  it('shows today’s date in the site’s time zone and language', async () => {
    const expected = (when: Date) => ({
      text: new Intl.DateTimeFormat('de', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: zone }).format(when),
      iso: new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit', timeZone: zone }).format(when),
    });
    const before = expected(new Date());
    const $ = cheerio.load(await (await get(server, '/')).text());
    const after = expected(new Date());
    const dateline = $('.masthead .dateline time');
    assert.ok([before.text, after.text].includes(dateline.text()), `date line reads ${dateline.text()}`);
    assert.ok([before.iso, after.iso].includes(dateline.attr('datetime') ?? ''));
  });

  it('lists every section twice: in the one-line row and in a details/summary menu for phones', async () => {
    const $ = cheerio.load(await (await get(server, '/')).text());
    const sections = await server.ctx.store.db.selectFrom('sections').select('slug').orderBy('position').execute();
    assert.equal(sections.length, 2);
    const row = $('nav.sections-nav .sections-row a').map((_i, el) => $(el).attr('href')).get();
    const menu = $('nav.sections-nav details.sections-menu a').map((_i, el) => $(el).attr('href')).get();
    for (const { slug } of sections) {
      assert.ok(row.includes(`/${slug}`), `row links /${slug}`);
      assert.ok(menu.includes(`/${slug}`), `menu links /${slug}`);
    }
    assert.equal($('details.sections-menu > summary').length, 1);
  });
});
