/** Site-wide write commands (settings, sections, tags, media) on a real database: who may, what is refused, and the one event each announces after commit. */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import sharp from 'sharp';
import { siteChangeSpec } from '../cache/invalidation.js';
import { deleteImage, describeImage, mediaDirOf, uploadImages } from '../media/commands.js';
import { findMedia } from '../media/library.js';
import { changeSiteSettings, loadSettings, type SettingsInput } from './settings.js';
import { addSection, mergeTags, moveSection, renameTag, updateSection } from './taxonomy/commands.js';
import { assertRefused, startCommandBench, type CommandBench } from '../../test/helpers/commands.js';

let bench: CommandBench;

const settingsForm: SettingsInput = {
  title: 'The Evening Ledger', description: 'News at dusk.', language: 'en-GB', timezone: 'Europe/Berlin', commentsCloseAfterDays: '14', moderateAllComments: true, logoMediaId: '',
};

async function png(seed: number): Promise<Buffer> {
  return sharp({ create: { width: 640, height: 400, channels: 3, background: { r: seed % 255, g: 90, b: 160 } } }).png().toBuffer();
}

describe('site write commands', () => {
  before(async () => {
    bench = await startCommandBench();
  });
  after(async () => {
    await bench?.close();
  });

  it('changeSiteSettings: admins only, a bad field saves nothing, and one site.changed after the settings are stored', async () => {
    const [admin, editor] = [await bench.person('admin'), await bench.person('editor')];
    await assertRefused(bench, changeSiteSettings(bench.ctx, editor, settingsForm), 'forbidden');
    const bad = await assertRefused(bench, changeSiteSettings(bench.ctx, admin, { ...settingsForm, language: 'English', logoMediaId: 'x' }), 'invalid');
    assert.deepEqual(Object.keys(bad.details).sort(), ['language', 'logoMediaId']);
    await assertRefused(bench, changeSiteSettings(bench.ctx, admin, { ...settingsForm, logoMediaId: '999999' }), 'invalid');
    assert.equal((await loadSettings(bench.ctx.store.db)).title, 'The Gazette', 'nothing was saved');

    let seenByListener = '';
    const listener = () => void loadSettings(bench.ctx.store.db).then((s) => (seenByListener = s.title));
    bench.ctx.events.once('site.changed', listener);
    await changeSiteSettings(bench.ctx, admin, settingsForm);
    assert.deepEqual(bench.take(), [{ event: 'site.changed', change: { what: 'settings' } }]);
    await new Promise((resolve) => setTimeout(resolve, 50));
    assert.equal(seenByListener, 'The Evening Ledger', 'the listener reads the committed settings');
  });

  it('changeSiteSettings: an accent too faint on either theme is refused with its ratios, as typed; a readable one is stored with one event', async () => {
    const admin = await bench.person('admin');
    const onLight = await assertRefused(bench, changeSiteSettings(bench.ctx, admin, { ...settingsForm, accentColor: '#F0A030' }), 'invalid');
    assert.deepEqual(Object.keys(onLight.details), ['accentColor']);
    assert.match(onLight.details.accentColor ?? '', /#f0a030 is too faint for text on the light theme: \d\.\d:1 on its page \(#fdfcfa\) and \d\.\d:1 on its boxes \(#f3f0e9\); WCAG AA needs at least 4\.5:1/);
    const onDark = await assertRefused(bench, changeSiteSettings(bench.ctx, admin, { ...settingsForm, accentColor: '#1d3c8a', accentColorDark: '#2a3f6b' }), 'invalid');
    assert.deepEqual(Object.keys(onDark.details), ['accentColorDark']);
    assert.match(onDark.details.accentColorDark ?? '', /#2a3f6b is too faint for text on the dark theme: 1\.\d:1 on its page \(#121416\)/);
    const notHex = await assertRefused(bench, changeSiteSettings(bench.ctx, admin, { ...settingsForm, accentColor: 'navy', typePairing: 'comic-sans', theme: 'sepia' }), 'invalid');
    assert.deepEqual(Object.keys(notHex.details).sort(), ['accentColor', 'theme', 'typePairing']);
    assert.equal((await loadSettings(bench.ctx.store.db)).accentColor, '', 'nothing was saved');

    const saved = await changeSiteSettings(bench.ctx, admin, { ...settingsForm, accentColor: '#1D3C8A', accentColorDark: '', typePairing: 'newsreader', theme: 'dark' });
    assert.equal(saved.accentColor, '#1d3c8a');
    assert.deepEqual(bench.take(), [{ event: 'site.changed', change: { what: 'settings' } }]);
    const stored = await loadSettings(bench.ctx.store.db);
    assert.deepEqual([stored.accentColor, stored.accentColorDark, stored.typePairing, stored.theme], ['#1d3c8a', '', 'newsreader', 'dark']);
    await changeSiteSettings(bench.ctx, admin, settingsForm);
    bench.take();
    const reset = await loadSettings(bench.ctx.store.db);
    assert.deepEqual([reset.accentColor, reset.typePairing, reset.theme], ['', 'source-serif', 'auto'], 'left out, the house settings');
  });

  it('sections: editors add, describe and move them; each change announces its ids and paths once', async () => {
    const [editor, author] = [await bench.person('editor'), await bench.person('author')];
    await assertRefused(bench, addSection(bench.ctx, author, { name: 'Weather', description: '' }), 'forbidden');
    await assertRefused(bench, addSection(bench.ctx, editor, { name: 'Search', description: '' }), 'invalid');
    const weather = await addSection(bench.ctx, editor, { name: 'Weather', description: 'Rain and shine.' });
    assert.deepEqual(bench.take(), [{ event: 'site.changed', change: { what: 'sections', kind: 'added', sectionIds: [weather.id], paths: ['/weather'] } }]);
    const clash = await assertRefused(bench, addSection(bench.ctx, editor, { name: 'Weather', description: '' }), 'invalid');
    assert.match(clash.details.slug ?? '', /already a section at \/weather/);

    await assertRefused(bench, updateSection(bench.ctx, editor, 999999, { name: 'Nothing', description: '' }), 'not_found');
    await assertRefused(bench, updateSection(bench.ctx, editor, weather.id, { name: '', description: '' }), 'invalid');
    await updateSection(bench.ctx, editor, weather.id, { name: 'The Weather', description: 'Forecasts.' });
    assert.deepEqual(bench.take(), [{ event: 'site.changed', change: { what: 'sections', kind: 'updated', sectionIds: [weather.id], paths: ['/weather'] } }]);

    const tides = await addSection(bench.ctx, editor, { name: 'Tides', description: '' });
    bench.take();
    await moveSection(bench.ctx, editor, tides.id, 'down');
    assert.deepEqual(bench.take(), [], 'the last section cannot move down: nothing changed, nothing announced');
    await moveSection(bench.ctx, editor, tides.id, 'up');
    const [moved] = bench.take();
    assert.equal(moved?.change.what, 'sections');
    assert.ok(moved?.change.what === 'sections' && moved.change.kind === 'reordered' && moved.change.sectionIds.indexOf(tides.id) < moved.change.sectionIds.indexOf(weather.id));
  });

  it('tags: a rename announces the old and new tag pages; a clash or a merge into itself is refused', async () => {
    const editor = await bench.person('editor');
    const db = bench.ctx.store.db;
    const [storms, gales] = await Promise.all([
      db.insertInto('tags').values({ slug: 'storms', name: 'Storms' }).returningAll().executeTakeFirstOrThrow(),
      db.insertInto('tags').values({ slug: 'gales', name: 'Gales' }).returningAll().executeTakeFirstOrThrow(),
    ]);
    await assertRefused(bench, renameTag(bench.ctx, editor, storms.id, { name: 'Storms', slug: 'gales' }), 'conflict');
    await renameTag(bench.ctx, editor, storms.id, { name: 'Big storms', slug: 'big-storms' });
    assert.deepEqual(bench.take(), [{ event: 'site.changed', change: { what: 'tags', kind: 'renamed', tagId: storms.id, oldPath: '/tag/storms', newPath: '/tag/big-storms', articleIds: [] } }]);
    await assertRefused(bench, mergeTags(bench.ctx, editor, gales.id, { id: gales.id }), 'invalid');
    await assertRefused(bench, mergeTags(bench.ctx, editor, gales.id, { nameOrSlug: 'no such tag' }), 'invalid');
    const merged = await mergeTags(bench.ctx, editor, gales.id, { nameOrSlug: 'Big storms' });
    assert.equal(merged.into.id, storms.id);
    assert.deepEqual(bench.take(), [{ event: 'site.changed', change: { what: 'tags', kind: 'merged', tagId: storms.id, oldPath: '/tag/gales', newPath: '/tag/big-storms', articleIds: [] } }]);
  });

  it('media: anyone in the newsroom uploads and describes, editors delete; a new or deleted image purges no public page', async () => {
    const [contributor, editor] = [await bench.person('contributor'), await bench.person('editor')];
    const files = [{ filename: 'a.png', bytes: await png(1), truncated: false }, { filename: 'b.png', bytes: await png(2), truncated: false }];
    await assertRefused(bench, uploadImages(bench.ctx, contributor, { files: [], alt: '', caption: '', credit: '' }), 'invalid');
    await assertRefused(bench, uploadImages(bench.ctx, contributor, { files: [...files, { filename: 'c.png', bytes: Buffer.from('not an image'), truncated: false }], alt: '', caption: '', credit: '' }), 'unsupported');
    assert.equal((await bench.ctx.store.db.selectFrom('media').select('id').execute()).length, 0, 'a bad file in a batch stores nothing');
    await assertRefused(bench, uploadImages(bench.ctx, contributor, { files: [{ ...files[0]!, truncated: true }], alt: '', caption: '', credit: '' }), 'too_large');

    const stored = await uploadImages(bench.ctx, contributor, { files, alt: 'A blue field', caption: '', credit: '' });
    const [uploaded] = bench.take();
    assert.ok(uploaded?.event === 'site.changed');
    assert.deepEqual(uploaded, { event: 'site.changed', change: { what: 'media', kind: 'uploaded', mediaIds: stored.map((m) => m.id), paths: stored.map((m) => `/media/${m.path}`) } });
    assert.equal(siteChangeSpec(uploaded.change), null, 'an image nothing shows yet purges nothing');

    await assertRefused(bench, describeImage(bench.ctx, contributor, stored[0]!.id, { alt: 'x'.repeat(301), caption: '', credit: '' }), 'invalid');
    const described = await describeImage(bench.ctx, contributor, stored[0]!.id, { alt: 'A blue field at dusk', caption: 'Dusk.', credit: 'Staff' });
    assert.equal(described.alt, 'A blue field at dusk');
    const [updated] = bench.take();
    assert.ok(updated?.event === 'site.changed');
    assert.deepEqual(updated.change, { what: 'media', kind: 'updated', mediaIds: [stored[0]!.id], paths: [`/media/${stored[0]!.path}`] });
    assert.deepEqual(siteChangeSpec(updated.change), { all: true }, 'stories showing it show the new text');

    const offCentre = await assertRefused(bench, describeImage(bench.ctx, contributor, stored[0]!.id, { alt: 'A blue field at dusk', caption: '', credit: '', focalX: '120', focalY: 'top' }), 'invalid');
    assert.deepEqual(Object.keys(offCentre.details).sort(), ['focalX', 'focalY']);
    assert.equal((await findMedia(bench.ctx.store.db, stored[0]!.id))?.focal_x, null, 'nothing saved');
    const focused = await describeImage(bench.ctx, contributor, stored[0]!.id, { alt: 'A blue field at dusk', caption: 'Dusk.', credit: 'Staff', focalX: '23.6', focalY: '80%' });
    assert.deepEqual([focused.focal_x, focused.focal_y], [24, 80]);
    assert.deepEqual(bench.take(), [{ event: 'site.changed', change: { what: 'media', kind: 'updated', mediaIds: [stored[0]!.id], paths: [`/media/${stored[0]!.path}`] } }]);
    const unchanged = await describeImage(bench.ctx, contributor, stored[0]!.id, { alt: 'A blue field at dusk', caption: 'Dusk.', credit: 'Staff' });
    assert.deepEqual([unchanged.focal_x, unchanged.focal_y], [24, 80], 'left out, the focal point stays');
    const cleared = await describeImage(bench.ctx, contributor, stored[0]!.id, { alt: 'A blue field at dusk', caption: 'Dusk.', credit: 'Staff', focalX: '', focalY: '' });
    assert.deepEqual([cleared.focal_x, cleared.focal_y], [null, null], 'both empty: the middle again');
    bench.take();

    await assertRefused(bench, deleteImage(bench.ctx, contributor, stored[1]!.id), 'forbidden');
    await assertRefused(bench, deleteImage(bench.ctx, editor, 999999), 'not_found');
    await deleteImage(bench.ctx, editor, stored[1]!.id);
    assert.deepEqual(bench.take(), [{ event: 'site.changed', change: { what: 'media', kind: 'deleted', mediaIds: [stored[1]!.id], paths: [`/media/${stored[1]!.path}`] } }]);
    assert.equal(fs.existsSync(path.join(mediaDirOf(bench.ctx), stored[1]!.path)), false, 'its file is gone');
  });

  it('media: an image in use is not deleted', async () => {
    const editor = await bench.person('editor');
    const [logo] = await uploadImages(bench.ctx, editor, { files: [{ filename: 'logo.png', bytes: await png(3), truncated: false }], alt: 'Logo', caption: '', credit: '' });
    const admin = await bench.person('admin');
    await changeSiteSettings(bench.ctx, admin, { ...settingsForm, logoMediaId: String(logo!.id) });
    bench.take();
    const refusal = await assertRefused(bench, deleteImage(bench.ctx, editor, logo!.id), 'conflict');
    assert.equal(refusal.code, 'in_use');
  });
});
