/** The demo newsroom seeded for a fast first start: stories first, their pictures drawn afterwards, never a broken image meanwhile. */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { settleMediaJobs } from '../media/storage.js';
import { get, startTestServer, type TestServer } from '../../test/helpers/server.js';
import { demoAuthors } from './content/newsroom.js';
import { demoStories, drawDemoPictures, seedDemo } from './seed.js';

describe('demo pictures drawn after the server answers', () => {
  let server: TestServer;
  const withPictures = demoStories.filter((story) => story.image).length;

  before(async () => {
    server = await startTestServer({ seed: false });
  });
  after(async () => {
    await settleMediaJobs();
    await server?.stop();
  });

  async function featuredCount(): Promise<number> {
    const row = await server.ctx.store.db.selectFrom('articles').select((eb) => eb.fn.countAll<number>().as('n')).where('featured_media_id', 'is not', null).executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /** Every picture the home page shows answers 200: no broken images while the pictures are being drawn. */
  async function homePictures(): Promise<string[]> {
    const home = await get(server, '/');
    assert.equal(home.status, 200);
    const html = await home.text();
    assert.match(html, /class="[^"]*teaser/, 'the home page lists the demo stories');
    const sources = [...html.matchAll(/(?:src|srcset)="(\/media\/[^" ]+)/g)].map((m) => m[1]!);
    for (const source of sources) assert.equal((await get(server, source)).status, 200, source);
    return sources;
  }

  it('serves the seeded stories before any picture exists, and adds each picture only once its files are there', async () => {
    assert.ok(withPictures > 2, 'the demo has pictures to draw');
    const seeded = await seedDemo(server.ctx, { pictures: 'later' });
    assert.equal(seeded.created, true);
    assert.equal(await featuredCount(), 0);
    assert.deepEqual(await homePictures(), [], 'no picture is linked before it is drawn');

    // A server stopped after two pictures: those two are in place, the rest still absent, none broken.
    let drawnBeforeStop = 0;
    const firstRun = await drawDemoPictures(server.ctx, { stopped: () => drawnBeforeStop++ >= 2 });
    assert.equal(firstRun, 2);
    assert.equal(await featuredCount(), 2);
    assert.ok((await homePictures()).length > 0, 'the newest stories (on the home page) get their pictures first');

    // The next start finishes the rest.
    const lines: string[] = [];
    assert.equal(await drawDemoPictures(server.ctx, { log: (line) => lines.push(line) }), withPictures - 2);
    assert.equal(await featuredCount(), withPictures);
    assert.deepEqual(lines, [`Demo pictures: ${withPictures - 2} pictures drawn.`]);
    const media = await server.ctx.store.db.selectFrom('media').select(['path', 'variants']).execute();
    // The stories' pictures and one portrait per demo author, drawn while seeding (they are small).
    assert.equal(media.length, withPictures + demoAuthors.length);
    const people = await server.ctx.store.db
      .selectFrom('users')
      .innerJoin('media', 'media.id', 'users.avatar_media_id')
      .select(['users.slug', 'users.bio', 'media.alt', 'media.width', 'media.height'])
      .where('users.slug', 'in', demoAuthors.map((a) => a.slug))
      .execute();
    assert.equal(people.length, demoAuthors.length, 'every demo author has a photo');
    for (const person of people) {
      assert.match(person.alt, /^Illustrated portrait of /);
      assert.equal(person.width, person.height, 'portraits are square, for the round crop');
      assert.ok(person.bio.length > 40, `${person.slug} has a short biography`);
    }
    for (const row of media) {
      assert.ok(fs.existsSync(path.join(server.database.dataDir, 'media', row.path)), row.path);
      const variants = JSON.parse(row.variants) as { path: string }[];
      assert.ok(variants.length > 0);
      for (const variant of variants) assert.ok(fs.existsSync(path.join(server.database.dataDir, 'media', variant.path)), variant.path);
    }
    await homePictures();
    assert.equal(await drawDemoPictures(server.ctx), 0, 'nothing is drawn twice');
  });
});
