/**
 * Brand settings the newsroom chooses without code: the accent colour (one per theme, checked for WCAG AA contrast
 * against each theme's backgrounds), a curated typeface pairing and the theme. The site turns them into CSS custom
 * properties (src/site/brand.ts); the backgrounds here are the `--paper` and `--soft` tokens of
 * src/site/assets/site.css (a test keeps the two in step).
 */

export type ThemeChoice = 'auto' | 'light' | 'dark';
export const themeChoices: ReadonlyArray<{ id: ThemeChoice; label: string }> = [
  { id: 'auto', label: "Automatic: follow the reader's device (light or dark)" },
  { id: 'light', label: 'Always light' },
  { id: 'dark', label: 'Always dark' },
];

export type PairingId = 'source-serif' | 'newsreader' | 'fraunces';
export const pairings: ReadonlyArray<{ id: PairingId; label: string; text: string; ui: string }> = [
  { id: 'source-serif', label: 'Source Serif 4 with Inter: sober, for long reading', text: 'Source Serif 4', ui: 'Inter' },
  { id: 'newsreader', label: 'Newsreader with Public Sans: a classic newspaper', text: 'Newsreader', ui: 'Public Sans' },
  { id: 'fraunces', label: 'Fraunces with Libre Franklin: warm, with character', text: 'Fraunces', ui: 'Libre Franklin' },
];

/** Each theme's backgrounds that text in the accent colour sits on: the page and the boxes. */
export const themeBackgrounds = {
  light: { page: '#fdfcfa', box: '#f3f0e9' },
  dark: { page: '#121416', box: '#1c1f23' },
} as const;

/** The house accent, used while the newsroom has chosen none. */
export const houseAccent = { light: '#b01c2e', dark: '#ff7b86' } as const;

/** WCAG 2 AA for body-size text. */
export const minimumContrast = 4.5;

export function isHexColour(value: string): boolean {
  return /^#(?:[0-9a-f]{3}|[0-9a-f]{6})$/i.test(value);
}

/** '#abc' or '#aabbcc' (any case) as lower-case '#aabbcc'. */
export function normaliseHex(value: string): string {
  const hex = value.trim().toLowerCase();
  return hex.length === 4 ? `#${hex[1]}${hex[1]}${hex[2]}${hex[2]}${hex[3]}${hex[3]}` : hex;
}

function channels(hex: string): [number, number, number] {
  const full = normaliseHex(hex);
  return [1, 3, 5].map((i) => parseInt(full.slice(i, i + 2), 16)) as [number, number, number];
}

/** WCAG 2 relative luminance of an sRGB colour. */
export function relativeLuminance(hex: string): number {
  const [r, g, b] = channels(hex).map((c) => {
    const s = c / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG 2 contrast ratio (1 to 21) of two colours, in either order. */
export function contrastRatio(a: string, b: string): number {
  const [hi, lo] = [relativeLuminance(a), relativeLuminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/** The lower of an accent's ratios against a theme's page and boxes. */
export function themeContrast(accent: string, theme: 'light' | 'dark'): number {
  const bg = themeBackgrounds[theme];
  return Math.min(contrastRatio(accent, bg.page), contrastRatio(accent, bg.box));
}

/** Ratio rounded down to one decimal, so a colour shown as "4.5:1" really reaches 4.5. */
export function formatRatio(ratio: number): string {
  return `${(Math.floor(ratio * 10) / 10).toFixed(1)}:1`;
}

/** Why an accent cannot be used on a theme, or null when it reads there. */
export function accentProblem(accent: string, theme: 'light' | 'dark'): string | null {
  const bg = themeBackgrounds[theme];
  const onPage = contrastRatio(accent, bg.page);
  const onBox = contrastRatio(accent, bg.box);
  if (Math.min(onPage, onBox) >= minimumContrast) return null;
  const fix = theme === 'light' ? 'a darker shade' : 'a lighter shade';
  return `${accent} is too faint for text on the ${theme} theme: ${formatRatio(onPage)} on its page (${bg.page}) and ${formatRatio(onBox)} on its boxes (${bg.box}); WCAG AA needs at least 4.5:1. Choose ${fix}.`;
}

function mix(hex: string, toward: string, amount: number): string {
  const a = channels(hex);
  const b = channels(toward);
  return `#${a.map((c, i) => Math.round(c + (b[i]! - c) * amount).toString(16).padStart(2, '0')).join('')}`;
}

/**
 * The dark theme's accent when the newsroom gave only the light one: the same hue mixed with white, step by step,
 * until it reads on the dark page and boxes.
 */
export function darkAccentFor(light: string): string {
  for (let step = 0; step <= 20; step++) {
    const candidate = mix(normaliseHex(light), '#ffffff', step / 20);
    if (themeContrast(candidate, 'dark') >= minimumContrast + 0.1) return candidate;
  }
  return '#ffffff';
}

/** Text set on a fill of the accent: white or near-black, whichever reads better. */
export function onAccent(accent: string): string {
  return contrastRatio(accent, '#ffffff') >= contrastRatio(accent, '#15171a') ? '#ffffff' : '#15171a';
}
