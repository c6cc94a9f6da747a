/** The brand stylesheet written from the settings: nothing for the house settings, the faces of a pairing, and each theme's tokens taken from site.css. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { defaultSettings } from '../content/settings.js';
import { brandCss, brandStylesheetUrl, headlineFont } from './brand.js';

describe('brand stylesheet', () => {
  it('is absent for the house settings, so the default pages make no extra request', () => {
    assert.equal(brandCss(defaultSettings), '');
    assert.equal(brandStylesheetUrl(defaultSettings), null);
    assert.equal(headlineFont(defaultSettings), 'source-serif-4-latin-wght-normal.woff2');
  });

  it('forces the light theme on dark devices with the light tokens of site.css, and the dark one everywhere', () => {
    const light = brandCss({ ...defaultSettings, theme: 'light' });
    assert.match(light, /^:root \{ color-scheme: light; --brand: #b01c2e; --on-brand: #ffffff; \}$/m);
    assert.match(light, /@media \(prefers-color-scheme: dark\) \{ :root \{ [^}]*--ink: #15171a;[^}]*--paper: #fdfcfa;[^}]*--soft: #f3f0e9;[^}]*--brand: #b01c2e; [^}]*\} img \{ filter: none; \} \}/);
    const dark = brandCss({ ...defaultSettings, theme: 'dark' });
    assert.match(dark, /^:root \{ color-scheme: dark; [^}]*--ink: #ecebe7;[^}]*--paper: #121416;[^}]*--brand: #ff7b86; --on-brand: #15171a; \}$/m);
    assert.doesNotMatch(dark, /@media/);
  });

  it('writes the pairing faces with their hashed URLs and the accent per theme', () => {
    const css = brandCss({ ...defaultSettings, typePairing: 'newsreader', accentColor: '#1d3c8a', accentColorDark: '#9db4f0' });
    assert.match(css, /font-family: 'Newsreader Variable'; font-style: normal; font-display: swap; font-weight: 200 800; src: url\(\/assets\/newsreader-latin-wght-normal\.woff2\?v=\w{10}\) format\('woff2'\)/);
    assert.match(css, /font-family: 'Public Sans Variable'/);
    assert.match(css, /--font-text: 'Newsreader Variable', Georgia/);
    assert.match(css, /^:root \{ --brand: #1d3c8a; --on-brand: #ffffff; \}\n@media \(prefers-color-scheme: dark\) \{ :root \{ --brand: #9db4f0; --on-brand: #15171a; \} \}$/m);
    assert.equal(headlineFont({ ...defaultSettings, typePairing: 'newsreader' }), 'newsreader-latin-wght-normal.woff2');
    assert.match(brandStylesheetUrl({ ...defaultSettings, typePairing: 'fraunces' }) ?? '', /^\/brand\.css\?v=\w{10}$/);
  });
});
