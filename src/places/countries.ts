/**
 * Country names in the site's language (`i18n-iso-countries`), loaded per language on first use: only the core codes
 * table and the one language file the site speaks are read, never the package's hundred-odd languages.
 */
import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';
import type * as Countries from 'i18n-iso-countries';

const require = createRequire(import.meta.url);
let countries: typeof Countries | null = null;
const registered = new Set<string>();

function library(): typeof Countries {
  countries ??= require('i18n-iso-countries/index.js') as typeof Countries;
  return countries;
}

/** The language's base ("pt" of "pt-BR"), when the package has names in it, else English. */
function languageOf(language: string): string {
  const base = language.toLowerCase().split(/[-_]/)[0] ?? 'en';
  if (registered.has(base)) return base;
  let file: string;
  try {
    file = require.resolve(`i18n-iso-countries/langs/${base}.json`);
  } catch {
    file = '';
  }
  const chosen = file && existsSync(file) ? base : 'en';
  if (!registered.has(chosen)) {
    library().registerLocale(require(`i18n-iso-countries/langs/${chosen}.json`) as Countries.LocaleData);
    registered.add(chosen);
  }
  return chosen;
}

/** "FR" → "France" (or "Frankreich" on a German site); null for a code that is not a country. */
export function countryName(code: string, language = 'en'): string | null {
  if (!/^[A-Za-z]{2}$/.test(code)) return null;
  return library().getName(code.toUpperCase(), languageOf(language)) ?? null;
}

export function isCountryCode(code: string): boolean {
  return /^[A-Z]{2}$/.test(code) && library().alpha2ToNumeric(code) !== undefined;
}

/** Natural Earth's numeric id (ISO 3166-1 numeric, as world-atlas keys its shapes) for an alpha-2 code. */
export function countryNumeric(code: string): string | null {
  return library().alpha2ToNumeric(code.toUpperCase()) ?? null;
}
