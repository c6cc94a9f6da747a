/**
 * How source names are compared and turned into addresses. Two attributions name the same source when their folded
 * keys are equal: case, accents, punctuation, a leading "the", dotted or spaced initialisms ("U.N.", "U N") and a
 * trailing descriptor ("news agency", "Inc.") do not count. Letters of every script are kept, so Arabic, Cyrillic and
 * Chinese names fold to themselves.
 */
import { slugify } from '../slugs.js';

const descriptorSuffixes = ['news agency', 'press agency', 'agency', 'inc', 'ltd', 'llc', 'plc', 'co', 'corp', 'corporation', 'limited', 'gmbh', 'sa'];

/** The folded form two spellings of one name share; '' for a name with no letters or digits. */
export function nameKey(name: string): string {
  let text = name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[’'`]/g, '');
  // Initialisms: "u.n." / "u. n." / "u n" become "un" (single letters joined, whatever separates them).
  text = text.replace(/(?<![\p{L}\p{N}])(\p{L})(?:[.\s]+(\p{L})(?![\p{L}\p{N}]))+\.?/gu, (match) => match.replace(/[.\s]+/g, ''));
  const words = text.split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  if (words[0] === 'the' && words.length > 1) words.shift();
  for (const suffix of descriptorSuffixes) {
    const parts = suffix.split(' ');
    if (words.length > parts.length && words.slice(-parts.length).join(' ') === suffix) {
      words.splice(words.length - parts.length, parts.length);
      break;
    }
  }
  return words.join(' ');
}

const cyrillic: Record<string, string> = {
  а: 'a', б: 'b', в: 'v', г: 'g', ґ: 'g', д: 'd', е: 'e', ё: 'e', є: 'ye', ж: 'zh', з: 'z', и: 'i', і: 'i', ї: 'yi', й: 'y', к: 'k', л: 'l', м: 'm',
  н: 'n', о: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ф: 'f', х: 'kh', ц: 'ts', ч: 'ch', ш: 'sh', щ: 'shch', ъ: '', ы: 'y', ь: '', э: 'e',
  ю: 'yu', я: 'ya',
};

/** A readable ASCII slug for a name: Latin and Cyrillic names are spelled out; other scripts fall back to the kind. */
export function sourceSlugBase(name: string, fallback: string): string {
  const latin = name.toLowerCase().replace(/[\u0400-\u04ff]/g, (ch) => cyrillic[ch] ?? '');
  const slug = slugify(latin);
  return slug === 'untitled' ? fallback : slug;
}
