// Settings → Brand: previews the accent colours as kickers on each theme's page, with their contrast ratios, while
// they are typed. The server checks them again on save (src/content/brand.ts); this only shows what it will say.
// Colours are set through the CSSOM: the CSP allows no style attributes.
const preview = document.querySelector('[data-brand-preview]');
const lightField = document.querySelector('#accentColor');
const darkField = document.querySelector('#accentColorDark');
const backgrounds = { light: ['#fdfcfa', '#f3f0e9'], dark: ['#121416', '#1c1f23'] };
const house = { light: '#b01c2e', dark: '#ff7b86' };

function hex(value) {
  const v = String(value).trim().toLowerCase();
  if (!/^#([0-9a-f]{3}|[0-9a-f]{6})$/.test(v)) return null;
  return v.length === 4 ? `#${v[1]}${v[1]}${v[2]}${v[2]}${v[3]}${v[3]}` : v;
}
const channels = (h) => [1, 3, 5].map((i) => parseInt(h.slice(i, i + 2), 16));
function luminance(h) {
  const [r, g, b] = channels(h).map((c) => {
    const s = c / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}
function ratio(a, b) {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}
const lowest = (colour, theme) => Math.min(...backgrounds[theme].map((bg) => ratio(colour, bg)));
function darkFor(light) {
  const a = channels(light);
  for (let step = 0; step <= 20; step++) {
    const c = `#${a.map((x) => Math.round(x + (255 - x) * (step / 20)).toString(16).padStart(2, '0')).join('')}`;
    if (lowest(c, 'dark') >= 4.6) return c;
  }
  return '#ffffff';
}

function show() {
  const typedLight = lightField.value.trim() ? hex(lightField.value) : house.light;
  const typedDark = darkField.value.trim() ? hex(darkField.value) : !lightField.value.trim() ? house.dark : typedLight ? darkFor(typedLight) : null;
  for (const [theme, colour] of [['light', typedLight], ['dark', typedDark]]) {
    const pane = preview.querySelector(`[data-theme-pane="${theme}"]`);
    const note = pane.querySelector('[data-ratio]');
    if (!colour) {
      pane.style.removeProperty('--preview-accent');
      note.textContent = 'Not a hex colour yet.';
      continue;
    }
    pane.style.setProperty('--preview-accent', colour);
    const r = lowest(colour, theme);
    note.textContent = `${colour}: ${(Math.floor(r * 10) / 10).toFixed(1)}:1 — ${r >= 4.5 ? 'reads (AA)' : 'too faint, will be refused'}`;
  }
}

if (preview && lightField && darkField) {
  preview.hidden = false;
  lightField.addEventListener('input', show);
  darkField.addEventListener('input', show);
  show();
}
