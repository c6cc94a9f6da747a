/**
 * Proposals: the places a story names in its headline, summary and first paragraph, for the journalist to confirm.
 * Candidates are runs of capitalised words (in any script with case; words of scripts without case are taken as they
 * are). A name matches the newsroom's own places first, then the gazetteer; among gazetteer places of one name, one in
 * a country the text also names wins, then the most populous. A gazetteer town must be a capital or have 50,000
 * people unless its country is named too, so "Reading" or "Nice" in a sentence do not become proposals by accident.
 */
import type { Db } from '../db/index.js';
import { htmlToText } from '../html-text.js';
import { countryName } from './countries.js';
import { placesNamed } from './gazetteer.js';
import { placeKey } from './normalize.js';
import { placeRef } from './commands.js';

export interface PlaceProposal {
  /** As setStoryPlaces takes it: `p12` or `g2988507`. */
  ref: string;
  name: string;
  countryCode: string;
  region: string;
  population: number;
  lat: number;
  lon: number;
  /** The words in the text that named it. */
  matched: string;
  /** How many other places share the name (the journalist may want another). */
  others: number;
}

/** Capitalised words that start sentences or name things other than places far more often than they name a town. */
const notPlaces = new Set([
  'a', 'an', 'the', 'in', 'on', 'at', 'as', 'after', 'before', 'later', 'when', 'while', 'but', 'and', 'or', 'if', 'it', 'its', 'this', 'that', 'these',
  'those', 'there', 'here', 'they', 'we', 'he', 'she', 'i', 'you', 'his', 'her', 'our', 'their', 'for', 'from', 'with', 'by', 'of', 'to', 'up', 'so',
  'no', 'not', 'yes', 'one', 'two', 'three', 'first', 'last', 'new', 'old', 'more', 'most', 'many', 'some', 'all', 'every', 'each', 'monday', 'tuesday',
  'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september',
  'october', 'november', 'december', 'president', 'minister', 'mr', 'mrs', 'ms', 'dr', 'talks', 'police', 'army', 'court', 'government', 'parliament',
  'university', 'news', 'officials', 'north', 'south', 'east', 'west', 'central', 'city', 'river', 'state', 'union', 'national', 'ceasefire',
]);

const wordPattern = /[\p{Lu}][\p{L}\p{M}'’.-]*|[\p{Lo}]+/gu;

/** Runs of one to three capitalised words, and each shorter run inside them ("Port Amsel" and "Amsel"). */
function candidates(text: string): string[] {
  const found: string[] = [];
  for (const sentence of text.split(/[.!?;:,()"“”«»]+\s*/u)) {
    const words = [...sentence.matchAll(/\S+/gu)].map((m) => m[0]);
    let run: string[] = [];
    const flush = () => {
      for (let length = Math.min(3, run.length); length >= 1; length--) {
        for (let start = 0; start + length <= run.length; start++) found.push(run.slice(start, start + length).join(' '));
      }
      run = [];
    };
    for (const word of words) {
      const clean = word.replace(/^[^\p{L}]+|[^\p{L}]+$/gu, '').replace(/[’']s$/u, '');
      const capitalised = new RegExp(`^${wordPattern.source}$`, 'u').test(clean);
      if (capitalised) run.push(clean);
      else if (run.length && ['de', 'del', 'la', 'el', 'al', 'upon', 'on'].includes(clean)) run.push(clean);
      else flush();
    }
    flush();
  }
  return [...new Set(found.filter((c) => !notPlaces.has(placeKey(c)) && !/^(de|del|la|el|al|upon|on)$/.test(c.split(' ').at(-1)!)))];
}

/** Country codes the text names ("Kenya", "France"), to prefer the Nairobi of Kenya and the Paris of France. */
function countriesNamed(text: string, language: string): Set<string> {
  const key = ` ${placeKey(text)} `;
  const codes = new Set<string>();
  for (let a = 65; a <= 90; a++) {
    for (let b = 65; b <= 90; b++) {
      const code = String.fromCharCode(a, b);
      const name = countryName(code, language);
      if (name && key.includes(` ${placeKey(name)} `)) codes.add(code);
    }
  }
  return codes;
}

export interface ProposalText {
  title: string;
  dek: string;
  bodyHtml: string;
}

/** The story's first paragraph, as text. */
function firstParagraph(bodyHtml: string): string {
  const match = /<p\b[^>]*>([\s\S]*?)<\/p>/i.exec(bodyHtml);
  return htmlToText(match ? match[0] : bodyHtml).slice(0, 2000);
}

export async function proposePlaces(db: Db, story: ProposalText, language = 'en'): Promise<PlaceProposal[]> {
  const text = [story.title, story.dek, firstParagraph(story.bodyHtml)].join('. ');
  const countries = countriesNamed(text, language);
  const proposals: PlaceProposal[] = [];
  const seen = new Set<string>();
  const covered: string[] = [];
  for (const candidate of candidates(text)) {
    const key = placeKey(candidate);
    // "Port Amsel" matched: "Amsel" alone is not proposed again.
    if (covered.some((c) => ` ${c} `.includes(` ${key} `))) continue;
    const custom = await db
      .selectFrom('places')
      .selectAll()
      .where('custom', '=', 1)
      .where((eb) => eb.or([eb('search_key', '=', key), eb('search_key', 'like', `${key} |%`), eb('search_key', 'like', `%| ${key}`), eb('search_key', 'like', `%| ${key} |%`)]))
      .execute();
    if (custom.length) {
      const place = custom[0]!;
      covered.push(key);
      if (seen.has(`p${place.id}`)) continue;
      seen.add(`p${place.id}`);
      proposals.push({ ref: `p${place.id}`, name: place.name, countryCode: place.country_code, region: place.region, population: place.population, lat: place.lat, lon: place.lon, matched: candidate, others: custom.length - 1 });
      continue;
    }
    const named = placesNamed(candidate);
    if (!named.length) continue;
    const inNamedCountry = named.filter((p) => countries.has(p.countryCode));
    const best = inNamedCountry[0] ?? named[0]!;
    if (!inNamedCountry.length && !best.capital && best.population < 50_000) continue;
    covered.push(key);
    const ref = placeRef(best);
    if (seen.has(ref)) continue;
    seen.add(ref);
    proposals.push({ ref, name: best.name, countryCode: best.countryCode, region: '', population: best.population, lat: best.lat, lon: best.lon, matched: candidate, others: named.length - 1 });
  }
  return proposals;
}
