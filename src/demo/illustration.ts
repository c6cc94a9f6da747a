/**
 * The demo newsroom's pictures, drawn as SVG and rasterised by sharp: charts from the figures in the stories, locator
 * maps of the demo world's places, and flat editorial illustrations, all in one house style (a paper ground, navy
 * ink, one red, ochre and teal, a fine dot screen). Subjects sit in the middle so 3:2 card crops keep them.
 */
import sharp from 'sharp';

type Point = [x: number, y: number];

export type Artwork =
  /** A locator map: a river from the hills to the coast, places (one in focus), a route or a flooded area. Coordinates are 0–1. */
  | { kind: 'map'; title: string; river: { name: string; path: Point[] }; places: { name: string; at: Point; focus?: boolean }[]; route?: Point[]; flood?: { at: Point; radius: number }; sea?: string; scale: string }
  /** A parliament of `total` seats drawn as a half-circle, `held` of them in the highlighted block. */
  | { kind: 'seats'; title: string; held: number; total: number; heldLabel: string; otherLabel: string }
  /** One share of a whole, as a filling tank. */
  | { kind: 'gauge'; title: string; percent: number; label: string; note: string }
  | { kind: 'bars'; title: string; unit: string; bars: { label: string; value: number; highlight?: boolean }[]; line?: { value: number; label: string } }
  /** A line over time: a river gauge rising past its alert levels, or a seismometer's trace. */
  | { kind: 'trace'; title: string; style: 'hydrograph' | 'seismogram'; marks: { at: number; label: string }[] }
  | { kind: 'harbour'; time: 'day' | 'dusk' | 'night'; with: ('cranes' | 'containers' | 'ships' | 'lanterns' | 'ferry')[] }
  | { kind: 'building'; type: 'offices' | 'parliament' | 'timber-hall' | 'shelter' }
  | { kind: 'object'; type: 'ledger' | 'battery' | 'house' | 'seagrass' };

const colours = {
  paper: '#efe7da',
  paperDeep: '#e3d8c4',
  ink: '#1d2b3a',
  red: '#c23b2e',
  ochre: '#e0a43a',
  teal: '#2e6e6a',
  sky: '#b9cbd3',
  water: '#3f6f8f',
  night: '#18243a',
  dusk: '#f0b48a',
};
const sans = "font-family=\"DejaVu Sans, Liberation Sans, Arial, sans-serif\"";

function random(seed: number): () => number {
  let state = seed * 2654435761 % 4294967296 || 1;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return ((state >>> 0) % 10000) / 10000;
  };
}

const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const r1 = (n: number) => Math.round(n * 10) / 10;

function text(x: number, y: number, value: string, size: number, options: { weight?: number; fill?: string; anchor?: 'start' | 'middle' | 'end'; spacing?: number } = {}): string {
  return `<text x="${r1(x)}" y="${r1(y)}" ${sans} font-size="${size}" font-weight="${options.weight ?? 400}" fill="${options.fill ?? colours.ink}" text-anchor="${options.anchor ?? 'start'}" letter-spacing="${options.spacing ?? 0}">${escapeXml(value)}</text>`;
}

/** A smooth path through points (Catmull-Rom turned into cubic Béziers). */
function smooth(points: Point[]): string {
  if (points.length < 2) return '';
  let d = `M${r1(points[0]![0])} ${r1(points[0]![1])}`;
  for (let i = 0; i < points.length - 1; i++) {
    const p0 = points[i - 1] ?? points[i]!;
    const p1 = points[i]!;
    const p2 = points[i + 1]!;
    const p3 = points[i + 2] ?? p2;
    const c1: Point = [p1[0] + (p2[0] - p0[0]) / 6, p1[1] + (p2[1] - p0[1]) / 6];
    const c2: Point = [p2[0] - (p3[0] - p1[0]) / 6, p2[1] - (p3[1] - p1[1]) / 6];
    d += ` C${r1(c1[0])} ${r1(c1[1])} ${r1(c2[0])} ${r1(c2[1])} ${r1(p2[0])} ${r1(p2[1])}`;
  }
  return d;
}

/** The chart heading every graphic carries, top left, inside the 3:2 crop. */
function heading(title: string, fill = colours.ink): string {
  return `<rect x="160" y="70" width="56" height="8" fill="${colours.red}"/>` + text(160, 122, title.toUpperCase(), 30, { weight: 700, fill, spacing: 1.5 });
}

function drawMap(art: Extract<Artwork, { kind: 'map' }>, rand: () => number, w: number, h: number): string {
  const at = ([x, y]: Point): Point => [x * w, y * h];
  const parts: string[] = [`<rect width="${w}" height="${h}" fill="${colours.sky}"/>`];
  // The land: everything above a ragged coastline across the lower part of the frame.
  const coast: Point[] = [];
  for (let i = 0; i <= 16; i++) coast.push([(i / 16) * (w + 80) - 40, h * (0.8 + (rand() - 0.5) * 0.08)]);
  parts.push(`<path d="M-40 -40 L${w + 40} -40 L${w + 40} ${r1(coast.at(-1)![1])} ${smooth([...coast].reverse()).replace(/^M[^C]*/, '')} Z" fill="${colours.paper}" stroke="${colours.ink}" stroke-width="3"/>`);
  // Contour-like hills in the upper corners.
  for (let i = 0; i < 5; i++) {
    const cx = rand() < 0.5 ? rand() * w * 0.3 : w - rand() * w * 0.3;
    const cy = rand() * h * 0.35;
    for (let ring = 3; ring >= 1; ring--) parts.push(`<ellipse cx="${r1(cx)}" cy="${r1(cy)}" rx="${ring * 46}" ry="${ring * 26}" fill="none" stroke="${colours.paperDeep}" stroke-width="4"/>`);
  }
  // A grid of faint graticule lines.
  for (let x = 200; x < w; x += 200) parts.push(`<line x1="${x}" y1="0" x2="${x}" y2="${h}" stroke="${colours.ink}" stroke-opacity="0.07" stroke-width="2"/>`);
  for (let y = 150; y < h; y += 150) parts.push(`<line x1="0" y1="${y}" x2="${w}" y2="${y}" stroke="${colours.ink}" stroke-opacity="0.07" stroke-width="2"/>`);
  if (art.flood) {
    const [fx, fy] = at(art.flood.at);
    const radius = art.flood.radius * w;
    parts.push(`<defs><pattern id="hatch" width="14" height="14" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="14" height="14" fill="${colours.water}" fill-opacity="0.25"/><line x1="0" y1="0" x2="0" y2="14" stroke="${colours.water}" stroke-width="5"/></pattern></defs>`);
    const blob: Point[] = [];
    for (let i = 0; i < 12; i++) {
      const angle = (i / 12) * Math.PI * 2;
      const reach = radius * (0.75 + rand() * 0.4);
      blob.push([fx + Math.cos(angle) * reach * 1.4, fy + Math.sin(angle) * reach * 0.8]);
    }
    parts.push(`<path d="${smooth([...blob, blob[0]!, blob[1]!])}" fill="url(#hatch)" stroke="${colours.water}" stroke-width="3"/>`);
  }
  const river = art.river.path.map(at);
  parts.push(`<path d="${smooth(river)}" fill="none" stroke="${colours.water}" stroke-width="14" stroke-linecap="round"/>`);
  parts.push(`<path d="${smooth(river)}" fill="none" stroke="${colours.sky}" stroke-width="5" stroke-linecap="round"/>`);
  const mid = river[Math.floor(river.length / 2)]!;
  parts.push(text(mid[0] + 28, mid[1] - 18, art.river.name, 26, { fill: colours.water, weight: 700, spacing: 4 }));
  if (art.route) parts.push(`<path d="${smooth(art.route.map(at))}" fill="none" stroke="${colours.red}" stroke-width="7" stroke-dasharray="18 12" stroke-linecap="round"/>`);
  if (art.sea) parts.push(text(w / 2, h - 40, art.sea, 26, { fill: colours.water, weight: 700, anchor: 'middle', spacing: 8 }));
  for (const place of art.places) {
    const [x, y] = at(place.at);
    if (place.focus) {
      const labelWidth = place.name.length * 22 + 40;
      parts.push(`<circle cx="${r1(x)}" cy="${r1(y)}" r="34" fill="${colours.red}" fill-opacity="0.18" stroke="${colours.red}" stroke-width="4"/>`);
      parts.push(`<circle cx="${r1(x)}" cy="${r1(y)}" r="13" fill="${colours.red}" stroke="${colours.paper}" stroke-width="4"/>`);
      parts.push(`<rect x="${r1(x + 46)}" y="${r1(y - 30)}" width="${labelWidth}" height="58" fill="${colours.ink}"/>`);
      parts.push(text(x + 66, y + 11, place.name, 34, { weight: 700, fill: colours.paper }));
    } else {
      parts.push(`<rect x="${r1(x - 9)}" y="${r1(y - 9)}" width="18" height="18" fill="${colours.ink}"/>`);
      parts.push(text(x + 20, y + 9, place.name, 26, { weight: 600 }));
    }
  }
  // Compass and scale bar, bottom right inside the crop.
  parts.push(`<g transform="translate(${w - 230} ${h - 190})"><path d="M0 -40 L14 10 L0 2 L-14 10 Z" fill="${colours.ink}"/>${text(0, -52, 'N', 24, { weight: 700, anchor: 'middle' })}</g>`);
  parts.push(`<g transform="translate(${w - 330} ${h - 120})"><rect width="160" height="12" fill="${colours.ink}"/><rect width="80" height="12" fill="${colours.paper}" stroke="${colours.ink}" stroke-width="2"/>${text(80, 44, art.scale, 22, { anchor: 'middle' })}</g>`);
  parts.push(`<rect x="140" y="50" width="${art.title.length * 20 + 60}" height="96" fill="${colours.paper}" fill-opacity="0.9"/>`);
  parts.push(heading(art.title));
  return parts.join('');
}

function drawSeats(art: Extract<Artwork, { kind: 'seats' }>, w: number, h: number): string {
  const parts = [`<rect width="${w}" height="${h}" fill="${colours.paper}"/>`, heading(art.title)];
  const cx = w / 2;
  const cy = h - 260;
  const rows = 8;
  // Seats per row in proportion to the row's radius, so they sit evenly in the half-circle.
  const radii = Array.from({ length: rows }, (_, i) => 220 + i * 44);
  const sum = radii.reduce((a, b) => a + b, 0);
  const perRow = radii.map((r) => Math.round((r / sum) * art.total));
  perRow[rows - 1]! += art.total - perRow.reduce((a, b) => a + b, 0);
  const seats: { x: number; y: number; angle: number }[] = [];
  radii.forEach((radius, row) => {
    const n = perRow[row]!;
    for (let i = 0; i < n; i++) {
      const angle = Math.PI - (i / (n - 1)) * Math.PI;
      seats.push({ x: cx + Math.cos(angle) * radius, y: cy - Math.sin(angle) * radius, angle });
    }
  });
  seats.sort((a, b) => b.angle - a.angle);
  seats.forEach((seat, i) => {
    parts.push(`<circle cx="${r1(seat.x)}" cy="${r1(seat.y)}" r="17" fill="${i < art.held ? colours.red : colours.paperDeep}" stroke="${i < art.held ? colours.red : colours.ink}" stroke-opacity="0.35" stroke-width="2"/>`);
  });
  const majority = Math.floor(art.total / 2) + 1;
  parts.push(`<line x1="${cx}" y1="${cy - radii.at(-1)! - 50}" x2="${cx}" y2="${cy + 10}" stroke="${colours.ink}" stroke-width="4" stroke-dasharray="10 8"/>`);
  parts.push(text(cx, cy - radii.at(-1)! - 62, `${majority} for a majority`, 26, { anchor: 'middle', weight: 600 }));
  parts.push(text(cx - 300, cy + 120, String(art.held), 100, { anchor: 'middle', weight: 700, fill: colours.red }));
  parts.push(text(cx - 300, cy + 164, art.heldLabel, 28, { anchor: 'middle', weight: 600 }));
  parts.push(text(cx + 300, cy + 120, String(art.total - art.held), 100, { anchor: 'middle', weight: 700, fill: colours.ink }));
  parts.push(text(cx + 300, cy + 164, art.otherLabel, 28, { anchor: 'middle', weight: 600 }));
  return parts.join('');
}

function drawGauge(art: Extract<Artwork, { kind: 'gauge' }>, w: number, h: number): string {
  const parts = [`<rect width="${w}" height="${h}" fill="${colours.paper}"/>`, heading(art.title)];
  const x = w / 2 - 420;
  const y = 200;
  const tankWidth = 360;
  const tankHeight = 560;
  const level = tankHeight * (art.percent / 100);
  parts.push(`<rect x="${x}" y="${y}" width="${tankWidth}" height="${tankHeight}" fill="${colours.paperDeep}" stroke="${colours.ink}" stroke-width="6"/>`);
  parts.push(`<path d="M${x + 3} ${y + tankHeight - level} q 45 -18 90 0 t 90 0 t 90 0 t 87 0 V${y + tankHeight - 3} H${x + 3} Z" fill="${colours.water}"/>`);
  for (let p = 25; p <= 75; p += 25) {
    const ty = y + tankHeight - (tankHeight * p) / 100;
    parts.push(`<line x1="${x + tankWidth}" y1="${ty}" x2="${x + tankWidth + 30}" y2="${ty}" stroke="${colours.ink}" stroke-width="4"/>`);
    parts.push(text(x + tankWidth + 42, ty + 10, `${p}%`, 26));
  }
  parts.push(text(x + tankWidth + 130, y + 250, `${art.percent}%`, 190, { weight: 700, fill: colours.red }));
  parts.push(text(x + tankWidth + 140, y + 320, art.label, 34, { weight: 700 }));
  parts.push(text(x + tankWidth + 140, y + 370, art.note, 28, { fill: colours.ink }));
  return parts.join('');
}

function drawBars(art: Extract<Artwork, { kind: 'bars' }>, w: number, h: number): string {
  const parts = [`<rect width="${w}" height="${h}" fill="${colours.paper}"/>`, heading(art.title)];
  const left = 220;
  const right = w - 200;
  const top = 200;
  const rowHeight = Math.min(210, 600 / art.bars.length);
  const max = Math.max(...art.bars.map((b) => b.value), art.line?.value ?? 0) * 1.4;
  const scale = (v: number) => ((right - left) * v) / max;
  art.bars.forEach((bar, i) => {
    const y = top + i * rowHeight + 60;
    const barHeight = Math.min(90, rowHeight * 0.5);
    parts.push(text(left + 20, y - 16, bar.label, 32, { weight: 600 }));
    parts.push(`<rect x="${left}" y="${r1(y)}" width="${r1(scale(bar.value))}" height="${r1(barHeight)}" fill="${bar.highlight ? colours.red : colours.teal}"/>`);
    parts.push(text(left + scale(bar.value) + 20, y + barHeight / 2 + 16, `${bar.value.toLocaleString('en-GB')}${art.unit}`, 46, { weight: 700 }));
  });
  if (art.line) {
    const x = left + scale(art.line.value);
    const bottom = top + art.bars.length * rowHeight + 20;
    parts.push(`<line x1="${r1(x)}" y1="${top}" x2="${r1(x)}" y2="${bottom}" stroke="${colours.ink}" stroke-width="4" stroke-dasharray="10 8"/>`);
    parts.push(text(x, bottom + 40, art.line.label, 26, { anchor: 'middle', weight: 600 }));
  }
  parts.push(`<line x1="${left}" y1="${top}" x2="${left}" y2="${top + art.bars.length * rowHeight + 20}" stroke="${colours.ink}" stroke-width="4"/>`);
  return parts.join('');
}

function drawTrace(art: Extract<Artwork, { kind: 'trace' }>, rand: () => number, w: number, h: number): string {
  const parts = [`<rect width="${w}" height="${h}" fill="${colours.paper}"/>`, heading(art.title)];
  const left = 170;
  const right = w - 170;
  const base = h - 170;
  for (let y = base; y > 200; y -= 100) parts.push(`<line x1="${left}" y1="${y}" x2="${right}" y2="${y}" stroke="${colours.ink}" stroke-opacity="0.12" stroke-width="2"/>`);
  const points: Point[] = [];
  if (art.style === 'hydrograph') {
    for (let i = 0; i <= 60; i++) {
      const t = i / 60;
      const rise = Math.exp(-((t - 0.72) ** 2) / 0.018);
      points.push([left + t * (right - left), base - 60 - rise * 470 - rand() * 10]);
    }
    parts.push(`<path d="${smooth(points)} L${right} ${base} L${left} ${base} Z" fill="${colours.water}" fill-opacity="0.25"/>`);
    parts.push(`<path d="${smooth(points)}" fill="none" stroke="${colours.water}" stroke-width="7"/>`);
    parts.push(`<line x1="${left}" y1="${base - 330}" x2="${right}" y2="${base - 330}" stroke="${colours.red}" stroke-width="3" stroke-dasharray="12 8"/>`);
    parts.push(text(right, base - 344, 'Flood level', 24, { anchor: 'end', fill: colours.red, weight: 600 }));
  } else {
    for (let i = 0; i <= 700; i++) {
      const t = i / 700;
      const burst = Math.exp(-((t - 0.3) ** 2) / 0.004) + 0.7 * Math.exp(-((t - 0.68) ** 2) / 0.01);
      points.push([left + t * (right - left), base - 250 + Math.sin(i * 1.7) * (8 + burst * 230) * (0.5 + rand() * 0.5)]);
    }
    parts.push(`<polyline points="${points.map(([x, y]) => `${r1(x)},${r1(y)}`).join(' ')}" fill="none" stroke="${colours.ink}" stroke-width="2.5"/>`);
  }
  for (const mark of art.marks) {
    const x = left + mark.at * (right - left);
    parts.push(`<line x1="${r1(x)}" y1="200" x2="${r1(x)}" y2="${base}" stroke="${colours.red}" stroke-width="4"/>`);
    parts.push(`<rect x="${r1(x - 8)}" y="186" width="16" height="16" fill="${colours.red}"/>`);
    parts.push(text(x + 14, 230, mark.label, 26, { weight: 700, fill: colours.red }));
  }
  parts.push(`<line x1="${left}" y1="${base}" x2="${right}" y2="${base}" stroke="${colours.ink}" stroke-width="4"/>`);
  return parts.join('');
}

/** Sky and water in the house palette for a time of day; returns the colour windows and lamps glow in. */
function skyAndWater(time: 'day' | 'dusk' | 'night', w: number, h: number, horizon: number): string {
  const sky = time === 'night' ? colours.night : time === 'dusk' ? colours.dusk : colours.sky;
  const sea = time === 'night' ? '#223552' : colours.water;
  const parts = [`<rect width="${w}" height="${h}" fill="${sky}"/>`, `<rect y="${horizon}" width="${w}" height="${h - horizon}" fill="${sea}"/>`];
  if (time !== 'day') parts.push(`<circle cx="${w * 0.74}" cy="${horizon * 0.38}" r="70" fill="${time === 'night' ? colours.paper : colours.ochre}"/>`);
  for (let y = horizon + 40; y < h; y += 46) parts.push(`<path d="M0 ${y} q 40 -10 80 0 t 80 0 t 80 0 t 80 0 t 80 0 t 80 0 t 80 0 t 80 0 t 80 0 t 80 0 t 80 0 t 80 0 t 80 0 t 80 0 t 80 0 t 80 0 t 80 0 t 80 0 t 80 0 t 80 0" fill="none" stroke="${colours.paper}" stroke-opacity="0.18" stroke-width="3"/>`);
  return parts.join('');
}

function drawHarbour(art: Extract<Artwork, { kind: 'harbour' }>, rand: () => number, w: number, h: number): string {
  const horizon = h * 0.62;
  const glow = colours.ochre;
  const parts = [skyAndWater(art.time, w, h, horizon)];
  const quay = colours.ink;
  if (art.with.includes('cranes')) {
    parts.push(`<rect x="0" y="${horizon - 30}" width="${w}" height="40" fill="${quay}"/>`);
    for (const [i, x] of [330, 700, 1070].entries()) {
      const top = horizon - 360 - i * 20;
      parts.push(`<g fill="none" stroke="${i === 1 ? colours.red : quay}" stroke-width="14" stroke-linejoin="round"><path d="M${x} ${horizon - 30} L${x + 30} ${top} L${x + 90} ${top} L${x + 120} ${horizon - 30}"/><path d="M${x - 120} ${top} H${x + 300}"/><path d="M${x + 60} ${top} L${x + 60} ${top - 70} L${x + 240} ${top}"/></g>`);
      parts.push(`<line x1="${x + 230}" y1="${top}" x2="${x + 230}" y2="${top + 140}" stroke="${quay}" stroke-width="4"/><rect x="${x + 195}" y="${top + 140}" width="70" height="36" fill="${colours.teal}"/>`);
    }
  }
  if (art.with.includes('containers')) {
    const palette = [colours.red, colours.teal, colours.ochre, '#6b7f8e'];
    for (let stack = 0; stack < 9; stack++) {
      const height = 2 + Math.floor(rand() * 3);
      for (let level = 0; level < height; level++) {
        parts.push(`<rect x="${200 + stack * 134}" y="${horizon - 70 - level * 52}" width="128" height="48" fill="${palette[Math.floor(rand() * palette.length)]}" stroke="${quay}" stroke-width="3"/>`);
      }
    }
  }
  if (art.with.includes('ships')) {
    for (let i = 0; i < 5; i++) {
      const x = 180 + i * 250 + rand() * 40;
      const y = horizon + 40 + (i % 2) * 70;
      const length = 180 + rand() * 60;
      parts.push(`<path d="M${r1(x)} ${y} h${r1(length)} l-24 34 h${r1(-length + 48)} Z" fill="${quay}"/>`);
      parts.push(`<rect x="${r1(x + length - 60)}" y="${y - 34}" width="36" height="34" fill="${colours.paper}"/>`);
      for (let c = 0; c < 3; c++) parts.push(`<rect x="${r1(x + 16 + c * 38)}" y="${y - 22}" width="34" height="22" fill="${[colours.red, colours.teal, colours.ochre][(i + c) % 3]}"/>`);
    }
  }
  if (art.with.includes('ferry')) {
    const x = w / 2 - 330;
    const y = horizon + 60;
    parts.push(`<path d="M${x} ${y} h660 l-50 80 h-560 Z" fill="${colours.paper}"/><rect x="${x + 80}" y="${y - 70}" width="460" height="70" fill="${colours.paper}"/><rect x="${x + 200}" y="${y - 130}" width="220" height="60" fill="${colours.paper}"/><rect x="${x + 380}" y="${y - 200}" width="40" height="70" fill="${colours.red}"/>`);
    for (let i = 0; i < 9; i++) parts.push(`<rect x="${x + 100 + i * 48}" y="${y - 50}" width="30" height="26" fill="${glow}"/>`);
    parts.push(`<path d="M${x + 40} ${y + 95} q 290 30 580 0" fill="none" stroke="${glow}" stroke-opacity="0.6" stroke-width="6"/>`);
  }
  if (art.with.includes('lanterns')) {
    for (let i = 0; i < 70; i++) {
      const x = 140 + rand() * (w - 280);
      const y = 120 + rand() * (horizon - 60);
      const size = 10 + (y / horizon) * 18;
      parts.push(`<circle cx="${r1(x)}" cy="${r1(y)}" r="${r1(size * 1.8)}" fill="${glow}" fill-opacity="0.18"/><rect x="${r1(x - size / 2)}" y="${r1(y - size * 0.7)}" width="${r1(size)}" height="${r1(size * 1.4)}" rx="${r1(size / 3)}" fill="${glow}"/>`);
    }
    parts.push(`<path d="M0 ${horizon} h${w} v40 h-${w} Z" fill="${colours.ink}"/>`);
    for (let i = 0; i < 12; i++) parts.push(`<rect x="${120 + i * 115}" y="${horizon - 40 - (i % 3) * 30}" width="90" height="${60 + (i % 3) * 30}" fill="${colours.ink}"/>`);
  }
  return parts.join('');
}

function drawBuilding(art: Extract<Artwork, { kind: 'building' }>, rand: () => number, w: number, h: number): string {
  const ground = h * 0.8;
  const parts: string[] = [];
  if (art.type === 'offices') {
    parts.push(skyAndWater('dusk', w, h, ground));
    for (let i = 0; i < 4; i++) {
      const x = 230 + i * 290;
      const top = 170 + (i % 2) * 90;
      parts.push(`<rect x="${x}" y="${top}" width="240" height="${ground - top}" fill="${['#4d5b6a', '#5c6977', '#46525f', '#55616e'][i]}"/>`);
      for (let row = 0; row < (ground - top - 40) / 56; row++) {
        for (let col = 0; col < 4; col++) {
          const lit = rand() < 0.07;
          parts.push(`<rect x="${x + 22 + col * 54}" y="${top + 26 + row * 56}" width="38" height="34" fill="${lit ? colours.ochre : '#2a3541'}"/>`);
        }
      }
    }
    parts.push(`<rect y="${ground}" width="${w}" height="10" fill="${colours.ink}"/>`);
  } else if (art.type === 'parliament') {
    parts.push(`<rect width="${w}" height="${h}" fill="${colours.sky}"/><rect y="${ground}" width="${w}" height="${h - ground}" fill="${colours.paperDeep}"/>`);
    const left = w / 2 - 520;
    parts.push(`<rect x="${left}" y="${ground - 330}" width="1040" height="330" fill="${colours.paper}" stroke="${colours.ink}" stroke-width="6"/>`);
    parts.push(`<path d="M${left - 30} ${ground - 330} L${w / 2} ${ground - 500} L${left + 1070} ${ground - 330} Z" fill="${colours.paper}" stroke="${colours.ink}" stroke-width="6"/>`);
    parts.push(`<path d="M${w / 2 - 150} ${ground - 480} a150 150 0 0 1 300 0 Z" fill="${colours.teal}" stroke="${colours.ink}" stroke-width="6"/><rect x="${w / 2 - 6}" y="${ground - 700}" width="12" height="90" fill="${colours.ink}"/><path d="M${w / 2 + 6} ${ground - 700} h90 l-20 24 l20 24 h-90 Z" fill="${colours.red}"/>`);
    for (let i = 0; i < 10; i++) parts.push(`<rect x="${left + 60 + i * 100}" y="${ground - 300}" width="40" height="300" fill="${colours.paperDeep}" stroke="${colours.ink}" stroke-width="4"/>`);
    for (let i = 0; i < 6; i++) parts.push(`<rect x="${left - 80 - i * 12}" y="${ground + 10 + i * 22}" width="${1200 + i * 24}" height="22" fill="${colours.paper}" stroke="${colours.ink}" stroke-width="3"/>`);
  } else if (art.type === 'timber-hall') {
    parts.push(skyAndWater('day', w, h, ground));
    for (let i = 0; i < 11; i++) {
      const x = 150 + i * 92;
      parts.push(`<path d="M${x} ${ground} C ${x} ${ground - 380}, ${x + 200} ${ground - 540}, ${x + 420} ${ground - 560}" fill="none" stroke="${i % 3 === 0 ? colours.red : colours.ochre}" stroke-width="20" stroke-linecap="round"/>`);
    }
    parts.push(`<rect x="200" y="${ground - 120}" width="1200" height="120" fill="${colours.teal}" fill-opacity="0.55"/><rect y="${ground}" width="${w}" height="16" fill="${colours.ink}"/>`);
  } else {
    // shelter: a sports hall with rows of camp beds under its roof lights.
    parts.push(`<rect width="${w}" height="${h}" fill="${colours.paperDeep}"/><rect y="${ground - 120}" width="${w}" height="${h - ground + 120}" fill="#c9b994"/>`);
    for (let i = 0; i < 7; i++) parts.push(`<rect x="${170 + i * 190}" y="70" width="120" height="60" fill="${colours.paper}" stroke="${colours.ink}" stroke-width="4"/>`);
    parts.push(`<path d="M0 170 H${w}" stroke="${colours.ink}" stroke-width="8"/><rect x="${w / 2 - 140}" y="210" width="280" height="160" fill="none" stroke="${colours.ink}" stroke-width="6"/><circle cx="${w / 2}" cy="${ground - 10}" r="90" fill="none" stroke="${colours.paper}" stroke-width="6"/>`);
    for (let row = 0; row < 3; row++) {
      for (let col = 0; col < 6; col++) {
        const x = 190 + col * 210 + row * 30;
        const y = ground - 150 + row * 100;
        parts.push(`<rect x="${x}" y="${y}" width="170" height="46" rx="8" fill="${(row + col) % 4 === 0 ? colours.red : colours.teal}" stroke="${colours.ink}" stroke-width="3"/><rect x="${x + 8}" y="${y + 8}" width="40" height="22" rx="6" fill="${colours.paper}"/>`);
      }
    }
  }
  return parts.join('');
}

function drawObject(art: Extract<Artwork, { kind: 'object' }>, rand: () => number, w: number, h: number): string {
  const parts: string[] = [];
  if (art.type === 'ledger') {
    parts.push(`<rect width="${w}" height="${h}" fill="${colours.teal}"/>`);
    parts.push(`<path d="M${w / 2} 190 C ${w / 2 - 200} 150, ${w / 2 - 450} 160, ${w / 2 - 540} 200 V 760 C ${w / 2 - 450} 720, ${w / 2 - 200} 720, ${w / 2} 770 Z" fill="${colours.paper}" stroke="${colours.ink}" stroke-width="5"/>`);
    parts.push(`<path d="M${w / 2} 190 C ${w / 2 + 200} 150, ${w / 2 + 450} 160, ${w / 2 + 540} 200 V 760 C ${w / 2 + 450} 720, ${w / 2 + 200} 720, ${w / 2} 770 Z" fill="${colours.paper}" stroke="${colours.ink}" stroke-width="5"/>`);
    for (let row = 0; row < 11; row++) {
      const y = 260 + row * 44;
      parts.push(`<line x1="${w / 2 - 490}" y1="${y}" x2="${w / 2 - 50}" y2="${y}" stroke="${colours.water}" stroke-opacity="0.45" stroke-width="2"/><line x1="${w / 2 + 50}" y1="${y}" x2="${w / 2 + 490}" y2="${y}" stroke="${colours.water}" stroke-opacity="0.45" stroke-width="2"/>`);
      parts.push(`<path d="M${w / 2 - 470} ${y - 10} h${r1(120 + rand() * 150)}" stroke="${colours.ink}" stroke-width="5" stroke-linecap="round"/>`);
      parts.push(text(w / 2 - 70, y - 8, (rand() * 900 + 40).toFixed(2), 22, { anchor: 'end', fill: colours.ink }));
      if (row < 7) parts.push(`<path d="M${w / 2 + 70} ${y - 10} h${r1(200 + rand() * 200)}" stroke="${colours.ink}" stroke-width="5" stroke-linecap="round"/>`);
    }
    parts.push(`<line x1="${w / 2 - 380}" y1="200" x2="${w / 2 - 380}" y2="740" stroke="${colours.red}" stroke-width="3"/><line x1="${w / 2}" y1="190" x2="${w / 2}" y2="770" stroke="${colours.ink}" stroke-width="5"/>`);
  } else if (art.type === 'battery') {
    parts.push(`<rect width="${w}" height="${h}" fill="${colours.night}"/>`);
    for (let i = 0; i < 5; i++) {
      const x = 260 + i * 230;
      const charge = 0.35 + ((i * 37) % 60) / 100;
      parts.push(`<rect x="${x + 55}" y="170" width="70" height="30" fill="${colours.paper}"/><rect x="${x}" y="200" width="180" height="540" rx="18" fill="none" stroke="${colours.paper}" stroke-width="10"/>`);
      parts.push(`<rect x="${x + 18}" y="${r1(722 - 504 * charge)}" width="144" height="${r1(504 * charge)}" rx="8" fill="${i === 2 ? colours.red : colours.teal}"/>`);
    }
    parts.push(`<path d="M${w / 2 - 40} 380 L${w / 2 - 110} 520 H${w / 2 - 20} L${w / 2 - 60} 660 L${w / 2 + 100} 470 H${w / 2 + 5} L${w / 2 + 50} 380 Z" fill="${colours.ochre}" stroke="${colours.night}" stroke-width="8"/>`);
  } else if (art.type === 'house') {
    parts.push(`<rect width="${w}" height="${h}" fill="${colours.sky}"/><rect y="720" width="${w}" height="180" fill="#8aa37b"/>`);
    parts.push(`<rect x="${w / 2 - 300}" y="380" width="600" height="360" fill="${colours.paper}" stroke="${colours.ink}" stroke-width="6"/><path d="M${w / 2 - 350} 390 L${w / 2} 150 L${w / 2 + 350} 390 Z" fill="${colours.red}" stroke="${colours.ink}" stroke-width="6"/>`);
    parts.push(`<rect x="${w / 2 - 50}" y="580" width="100" height="160" fill="${colours.teal}"/><rect x="${w / 2 - 230}" y="450" width="120" height="100" fill="${colours.ochre}"/><rect x="${w / 2 + 110}" y="450" width="120" height="100" fill="${colours.ochre}"/>`);
    // The heat pump beside the house, its fan drawn as three blades.
    parts.push(`<rect x="${w / 2 + 340}" y="590" width="190" height="150" fill="${colours.paper}" stroke="${colours.ink}" stroke-width="5"/><circle cx="${w / 2 + 435}" cy="665" r="52" fill="none" stroke="${colours.ink}" stroke-width="5"/>`);
    for (let i = 0; i < 3; i++) parts.push(`<ellipse cx="${w / 2 + 435}" cy="640" rx="12" ry="26" fill="${colours.ink}" transform="rotate(${i * 120} ${w / 2 + 435} 665)"/>`);
    for (let i = 0; i < 3; i++) parts.push(`<path d="M${w / 2 + 560 + i * 36} 700 q 20 -30 0 -60 t 0 -60" fill="none" stroke="${colours.red}" stroke-width="6" stroke-linecap="round"/>`);
  } else {
    // seagrass: a meadow under water, sunlight from above, a core sampler in the sand.
    parts.push(`<defs><linearGradient id="deep" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#5d95a8"/><stop offset="1" stop-color="${colours.night}"/></linearGradient></defs><rect width="${w}" height="${h}" fill="url(#deep)"/>`);
    for (let i = 0; i < 6; i++) parts.push(`<path d="M${200 + i * 240} 0 L${120 + i * 260} ${h}" stroke="${colours.paper}" stroke-opacity="0.08" stroke-width="60"/>`);
    parts.push(`<path d="M0 760 Q ${w / 2} 700 ${w} 770 V${h} H0 Z" fill="#c9b994"/>`);
    for (let i = 0; i < 60; i++) {
      const x = 100 + rand() * (w - 200);
      const height = 220 + rand() * 260;
      const sway = (rand() - 0.5) * 160;
      parts.push(`<path d="M${r1(x)} 770 q ${r1(sway / 2)} ${r1(-height / 2)} ${r1(sway)} ${r1(-height)}" fill="none" stroke="${rand() < 0.5 ? colours.teal : '#4f8f5b'}" stroke-width="${r1(8 + rand() * 8)}" stroke-linecap="round"/>`);
    }
    parts.push(`<rect x="${w / 2 - 20}" y="520" width="40" height="280" fill="${colours.red}" stroke="${colours.ink}" stroke-width="4"/><rect x="${w / 2 - 50}" y="500" width="100" height="30" fill="${colours.ink}"/>`);
  }
  return parts.join('');
}

/** The house style's dot screen and frame, laid over every picture. */
function finish(w: number, h: number): string {
  return `<defs><pattern id="screen" width="8" height="8" patternUnits="userSpaceOnUse"><circle cx="2" cy="2" r="1.1" fill="#000" fill-opacity="0.09"/></pattern></defs><rect width="${w}" height="${h}" fill="url(#screen)"/>`;
}

export function illustrationSvg(seed: number, art: Artwork | undefined, width = 1600, height = 900): string {
  const rand = random(seed);
  const drawing = !art
    ? drawHarbour({ kind: 'harbour', time: 'dusk', with: ['ships'] }, rand, width, height)
    : art.kind === 'map' ? drawMap(art, rand, width, height)
    : art.kind === 'seats' ? drawSeats(art, width, height)
    : art.kind === 'gauge' ? drawGauge(art, width, height)
    : art.kind === 'bars' ? drawBars(art, width, height)
    : art.kind === 'trace' ? drawTrace(art, rand, width, height)
    : art.kind === 'harbour' ? drawHarbour(art, rand, width, height)
    : art.kind === 'building' ? drawBuilding(art, rand, width, height)
    : drawObject(art, rand, width, height);
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">${drawing}${finish(width, height)}</svg>`;
}

/** A demo picture as a JPEG; `art` says what to draw (without it, a harbour at dusk). */
export async function illustration(seed: number, art?: Artwork, width = 1600, height = 900): Promise<Buffer> {
  return sharp(Buffer.from(illustrationSvg(seed, art, width, height))).jpeg({ quality: 84, mozjpeg: true }).toBuffer();
}
