/**
 * The newsroom's brand settings as CSS: a small stylesheet of custom properties (accent, faces, theme) loaded after
 * site.css. The CSP allows no inline styles, so it is served at /brand.css?v=<hash of its text>, cached for a year;
 * a settings change gives it a new hash, and the page cache (purged by site.changed settings) carries the new URL.
 * With the house settings there is no brand stylesheet at all.
 */
import { createHash } from 'node:crypto';
import { darkAccentFor, houseAccent, onAccent, type PairingId } from '../content/brand.js';
import type { SiteSettings } from '../content/settings.js';
import { assetSource, assetUrl, interfaceFont, textFont } from './assets.js';

const latin =
  'U+0000-00FF, U+0131, U+0152-0153, U+02BB-02BC, U+02C6, U+02DA, U+02DC, U+0304, U+0308, U+0329, U+2000-206F, U+20AC, U+2122, U+2191, U+2193, U+2212, U+2215, U+FEFF, U+FFFD';

interface Face {
  family: string;
  file: string;
  weights: string;
  fallback: string;
}

const serifFallback = "Georgia, 'Times New Roman', serif";
const sansFallback = "system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif";

/** Each pairing's files (Latin, variable weight, upright; all in assets.ts `packaged`). */
export const pairingFaces: Record<PairingId, { text: Face; ui: Face }> = {
  'source-serif': {
    text: { family: 'Source Serif 4 Variable', file: textFont, weights: '200 900', fallback: serifFallback },
    ui: { family: 'Inter Variable', file: interfaceFont, weights: '100 900', fallback: sansFallback },
  },
  newsreader: {
    text: { family: 'Newsreader Variable', file: 'newsreader-latin-wght-normal.woff2', weights: '200 800', fallback: serifFallback },
    ui: { family: 'Public Sans Variable', file: 'public-sans-latin-wght-normal.woff2', weights: '100 900', fallback: sansFallback },
  },
  fraunces: {
    text: { family: 'Fraunces Variable', file: 'fraunces-latin-wght-normal.woff2', weights: '100 900', fallback: serifFallback },
    ui: { family: 'Libre Franklin Variable', file: 'libre-franklin-latin-wght-normal.woff2', weights: '100 900', fallback: sansFallback },
  },
};

/** The headline face of the chosen pairing: the one font a page preloads. */
export function headlineFont(settings: SiteSettings): string {
  return (pairingFaces[settings.typePairing] ?? pairingFaces['source-serif']).text.file;
}

/** site.css's colour tokens for each theme: the `:root` block and the `prefers-color-scheme: dark` one. */
function themeTokens(): { light: string; dark: string } {
  const css = assetSource('site.css');
  const darkBlock = /@media \(prefers-color-scheme: dark\) \{\s*:root \{([^}]*)\}/.exec(css)?.[1] ?? '';
  const lightBlock = /\n:root \{([^}]*)\}/.exec(css)?.[1] ?? '';
  const declarations = (block: string) => new Map([...block.matchAll(/(--[\w-]+):\s*([^;]+);/g)].map((m) => [m[1]!, m[2]!.trim()]));
  const dark = declarations(darkBlock);
  const light = declarations(lightBlock);
  const list = (from: Map<string, string>) => [...dark.keys()].filter((name) => from.has(name)).map((name) => `${name}: ${from.get(name)};`).join(' ');
  return { light: list(light), dark: list(dark) };
}

function face(f: Face): string {
  return `@font-face { font-family: '${f.family}'; font-style: normal; font-display: swap; font-weight: ${f.weights}; src: url(${assetUrl(f.file)}) format('woff2'); unicode-range: ${latin}; }`;
}

export function brandAccents(settings: SiteSettings): { light: string; dark: string } {
  const light = settings.accentColor || houseAccent.light;
  const dark = settings.accentColorDark || (settings.accentColor ? darkAccentFor(settings.accentColor) : houseAccent.dark);
  return { light, dark };
}

/** The brand stylesheet's text, or '' when every brand setting is the house one. */
export function brandCss(settings: SiteSettings): string {
  const lines: string[] = [];
  if (settings.typePairing !== 'source-serif' && pairingFaces[settings.typePairing]) {
    const faces = pairingFaces[settings.typePairing];
    lines.push(face(faces.text), face(faces.ui));
    lines.push(`:root { --font-text: '${faces.text.family}', ${faces.text.fallback}; --font-ui: '${faces.ui.family}', ${faces.ui.fallback}; }`);
  }
  const custom = settings.accentColor !== '' || settings.accentColorDark !== '';
  const { light, dark } = brandAccents(settings);
  const lightAccent = `--brand: ${light}; --on-brand: ${onAccent(light)};`;
  const darkAccent = `--brand: ${dark}; --on-brand: ${onAccent(dark)};`;
  if (settings.theme === 'light') {
    lines.push(`:root { color-scheme: light; ${lightAccent} }`);
    lines.push(`@media (prefers-color-scheme: dark) { :root { ${themeTokens().light} ${lightAccent} } img { filter: none; } }`);
  } else if (settings.theme === 'dark') {
    lines.push(`:root { color-scheme: dark; ${themeTokens().dark} ${darkAccent} }`, 'img { filter: brightness(0.92); }');
  } else if (custom) {
    lines.push(`:root { ${lightAccent} }`, `@media (prefers-color-scheme: dark) { :root { ${darkAccent} } }`);
  }
  return lines.length ? `/* Brand settings from the newsroom (src/site/brand.ts). */\n${lines.join('\n')}\n` : '';
}

const memo = new Map<string, { css: string; hash: string }>();

function brandKey(settings: SiteSettings): string {
  return JSON.stringify([settings.accentColor, settings.accentColorDark, settings.typePairing, settings.theme]);
}

export function brandStylesheet(settings: SiteSettings): { css: string; hash: string } {
  const key = brandKey(settings);
  let entry = memo.get(key);
  if (!entry) {
    const css = brandCss(settings);
    entry = { css, hash: createHash('sha256').update(css).digest('hex').slice(0, 10) };
    if (memo.size > 50) memo.clear();
    memo.set(key, entry);
  }
  return entry;
}

/** The URL of the brand stylesheet for these settings, or null when there is none. */
export function brandStylesheetUrl(settings: SiteSettings): string | null {
  const sheet = brandStylesheet(settings);
  return sheet.css ? `/brand.css?v=${sheet.hash}` : null;
}
