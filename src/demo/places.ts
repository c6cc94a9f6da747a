/**
 * The demo newsroom's places. Its foreign desk reports on invented countries (Korvath, Virelia, Saranto, Dravonia…),
 * added as the newsroom's own places; they sit in the open South Pacific, so no real country is drawn around an
 * invented siege. Two stories are datelined in real cities of the gazetteer (Geneva, Brussels).
 */
import { systemActor } from '../accounts/actor.js';
import type { AppContext } from '../context.js';
import { addPlace, setStoryPlaces, storeGazetteerPlace, type PlaceInput } from '../places/commands.js';
import type { GazetteerPlace } from '../places/gazetteer.js';

const invented: (PlaceInput & { key: string })[] = [
  { key: 'tarsel', name: 'Tarsel', altNames: 'Тарсел', region: 'Korvath', lat: -31.42, lon: -118.65, population: 140000 },
  { key: 'port-amsel', name: 'Port Amsel', region: 'Korvath', lat: -33.9, lon: -121.3, population: 410000 },
  { key: 'upper-venn', name: 'Upper Venn', region: 'Korvath', lat: -29.8, lon: -117.2, population: 0 },
  { key: 'saranto', name: 'Saranto', region: 'Saranto', lat: -37.2, lon: -127.8, population: 920000 },
  { key: 'lendria', name: 'Lendria', region: 'Lendria', lat: -40.1, lon: -124.6, population: 300000 },
  { key: 'kallis-pass', name: 'Kallis Pass', region: 'Saranto', lat: -38.7, lon: -126.1, population: 0 },
  { key: 'virelia', name: 'Virelia', altNames: 'Вирелия', region: 'Virelia', lat: -26.5, lon: -131.4, population: 0 },
  { key: 'brascoe', name: 'Brascoe', region: 'Lessar', lat: -23.7, lon: -112.9, population: 48000 },
  { key: 'dunmere', name: 'Dunmere', region: 'Ostrel', lat: -35.1, lon: -112.4, population: 26000 },
  { key: 'dravonia', name: 'Dravonia', region: 'Dravonia', lat: -42.5, lon: -115.6, population: 0 },
  { key: 'ostrel', name: 'Ostrel', region: 'Ostrel', lat: -36.8, lon: -109.9, population: 0 },
  { key: 'caradine-islands', name: 'Caradine Islands', region: 'Caradine Islands', lat: -18.3, lon: -137.2, population: 0 },
];

/** Real cities as GeoNames has them (CC BY 4.0). */
const real: Record<string, GazetteerPlace> = {
  geneva: { geonamesId: 2660646, name: 'Genève', countryCode: 'CH', lat: 46.20222, lon: 6.14569, population: 183981, capital: false },
  brussels: { geonamesId: 2800866, name: 'Brussels', countryCode: 'BE', lat: 50.85045, lon: 4.34878, population: 1019022, capital: true },
};

/** Story key → dateline and the places it is about (keys of the lists above). */
const storyPlaces: Record<string, { dateline: string | null; about: string[] }> = {
  'a-tarsel-encircled': { dateline: 'port-amsel', about: ['tarsel', 'upper-venn'] },
  'a-tarsel-corridor-opens': { dateline: 'tarsel', about: ['tarsel'] },
  'a-tarsel-ceasefire-talks': { dateline: 'port-amsel', about: ['port-amsel', 'tarsel'] },
  'a-saranto-drought-rationing': { dateline: 'saranto', about: ['saranto'] },
  'a-kallis-pass-night-train': { dateline: 'kallis-pass', about: ['kallis-pass', 'saranto', 'lendria'] },
  'a-virelia-reporter-detained': { dateline: 'brussels', about: ['virelia'] },
  'a-lessar-delta-floods': { dateline: 'brascoe', about: ['brascoe'] },
  'b-dunmere-reception-centre': { dateline: 'dunmere', about: ['dunmere'] },
  'b-verna-river-treaty': { dateline: 'geneva', about: ['dravonia', 'ostrel'] },
  'b-caradine-runoff': { dateline: 'caradine-islands', about: ['caradine-islands'] },
};

export async function seedDemoPlaces(ctx: AppContext, articleIds: Map<string, number>): Promise<void> {
  const actor = systemActor('demo');
  const refs = new Map<string, string>();
  for (const { key, ...input } of invented) {
    const existing = await ctx.store.db.selectFrom('places').select('id').where('custom', '=', 1).where('name', '=', input.name).where('region', '=', input.region ?? '').executeTakeFirst();
    refs.set(key, `p${existing ? existing.id : (await addPlace(ctx, actor, input)).id}`);
  }
  for (const [key, place] of Object.entries(real)) refs.set(key, `p${(await storeGazetteerPlace(ctx.store.db, place)).id}`);
  for (const [storyKey, places] of Object.entries(storyPlaces)) {
    const articleId = articleIds.get(storyKey);
    if (articleId === undefined) continue;
    await setStoryPlaces(ctx, actor, articleId, { dateline: places.dateline ? refs.get(places.dateline)! : null, about: places.about.map((k) => refs.get(k)!) });
  }
}
