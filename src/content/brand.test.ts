/** Brand colour rules: WCAG contrast from relative luminance, checked against known pairs, and the theme backgrounds kept in step with site.css. */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { describe, it } from 'node:test';
import { sourcePath } from '../source-files.js';
import { accentProblem, contrastRatio, darkAccentFor, formatRatio, houseAccent, normaliseHex, onAccent, relativeLuminance, themeBackgrounds, themeContrast } from './brand.js';

const close = (actual: number, expected: number, places = 2) => assert.equal(actual.toFixed(places), expected.toFixed(places), `${actual} ≈ ${expected}`);

describe('brand colours', () => {
  it('computes WCAG relative luminance and contrast for known pairs', () => {
    close(relativeLuminance('#ffffff'), 1);
    close(relativeLuminance('#000000'), 0);
    close(relativeLuminance('#808080'), 0.2159, 4);
    close(contrastRatio('#000000', '#ffffff'), 21);
    close(contrastRatio('#ffffff', '#000000'), 21);
    close(contrastRatio('#777777', '#ffffff'), 4.48);
    close(contrastRatio('#767676', '#ffffff'), 4.54);
    close(contrastRatio('#ff0000', '#ffffff'), 4.0, 1);
    close(contrastRatio('#0000ff', '#ffffff'), 8.59);
    close(contrastRatio('#fff', '#ffffff'), 1);
    assert.equal(normaliseHex('#AbC'), '#aabbcc');
    assert.equal(formatRatio(4.499), '4.4:1', 'rounded down, never up to a pass');
  });

  it('refuses an accent that is too faint on a theme, naming the ratios; the house accents pass', () => {
    assert.equal(accentProblem(houseAccent.light, 'light'), null);
    assert.equal(accentProblem(houseAccent.dark, 'dark'), null);
    const light = accentProblem('#e8833a', 'light');
    assert.match(light ?? '', /#e8833a is too faint for text on the light theme: 2\.\d:1 on its page \(#fdfcfa\) and 2\.\d:1 on its boxes \(#f3f0e9\); WCAG AA needs at least 4\.5:1\. Choose a darker shade\./);
    const dark = accentProblem('#1d3c8a', 'dark');
    assert.match(dark ?? '', /too faint for text on the dark theme: 1\.\d:1 on its page \(#121416\).*Choose a lighter shade/);
  });

  it('works out a dark-theme accent of the same hue that reads, and the text colour for an accent fill', () => {
    for (const accent of ['#1d3c8a', '#b01c2e', '#0a5c36', '#000000']) {
      const dark = darkAccentFor(accent);
      assert.ok(themeContrast(dark, 'dark') >= 4.5, `${dark} from ${accent}`);
    }
    assert.equal(onAccent('#1d3c8a'), '#ffffff');
    assert.equal(onAccent('#ffd45c'), '#15171a');
  });

  it("uses the same backgrounds as the stylesheet's --paper and --soft tokens", () => {
    const css = fs.readFileSync(sourcePath('site', 'assets', 'site.css'), 'utf8');
    const light = /\n:root \{([^}]*)\}/.exec(css)?.[1] ?? '';
    const dark = /@media \(prefers-color-scheme: dark\) \{\s*:root \{([^}]*)\}/.exec(css)?.[1] ?? '';
    const token = (block: string, name: string) => new RegExp(`--${name}:\\s*(#[0-9a-f]+)`, 'i').exec(block)?.[1];
    assert.deepEqual({ page: token(light, 'paper'), box: token(light, 'soft') }, themeBackgrounds.light);
    assert.deepEqual({ page: token(dark, 'paper'), box: token(dark, 'soft') }, themeBackgrounds.dark);
    assert.equal(token(light, 'brand'), houseAccent.light);
    assert.equal(token(dark, 'brand'), houseAccent.dark);
  });
});
