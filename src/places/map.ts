/**
 * Maps drawn on the server as SVG with d3-geo from Natural Earth's outlines (`world-atlas`): no tile server, no script.
 * Colours come from CSS classes (`map-*` in site.css), so a map follows the reader's light or dark scheme.
 *
 * - A locator map: the region around one place (Mercator, the projection readers know from street maps), its country
 *   shaded, a dot, a scale bar, other places named. The 1:50m outlines are projected once per process, straight from
 *   their TopoJSON arcs; each map clips the rings near its place to its frame, coordinates rounded to a tenth of a
 *   pixel: 5–50 KB. A frame of open sea (an invented country) gets labelled lines of latitude and longitude instead.
 * - A world map: the 1:110m outlines in Natural Earth projection, with a linked marker per place. The projected
 *   outlines are computed once per process and reused; only the markers are drawn per page.
 *
 * Outlines are read on first use, so a process that never draws a map never parses them.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { geoNaturalEarth1, geoPath, type GeoPermissibleObjects } from 'd3-geo';
import { feature } from 'topojson-client';
import type { FeatureCollection, Geometry } from 'geojson';
import type { GeometryCollection, Topology } from 'topojson-specification';

const require = createRequire(import.meta.url);

/** Whether outlines are in memory (the bench and tests check a public worker that drew no map has none). */
export function outlinesLoaded(): boolean {
  return mercatorCountries !== null || worldBase !== null;
}

function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&${({ '&': 'amp', '<': 'lt', '>': 'gt', '"': 'quot', "'": 'apos' } as Record<string, string>)[c]};`);
}

function round(n: number): string {
  return String(Math.round(n * 10) / 10);
}

export interface LocatorInput {
  /** For ids inside the SVG: unique on the page. */
  id: string;
  name: string;
  /** What the map shows in words, for screen readers: "Tarsel, Virelia". */
  label: string;
  lat: number;
  lon: number;
  /** ISO 3166-1 numeric code of its country (as world-atlas keys its shapes), to shade it. */
  countryNumeric: string | null;
  /** Kilometres from the place to the frame's side. */
  radiusKm?: number;
  /** Other places to mark smaller and name on the map (nearby places with stories). */
  neighbours?: { name: string; lat: number; lon: number }[];
  /**
   * The country or region of a place in no recognised country (an invented one, a disputed territory): named on a
   * map whose frame holds no coast, which then also draws its lines of latitude and longitude.
   */
  region?: string;
}

const locatorWidth = 400;
const locatorHeight = 260;

/** A projected ring (x, y pairs in Mercator units, one unit = one Earth radius) and its box. */
interface Ring {
  points: Float64Array;
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
}

interface ProjectedCountry {
  id: string;
  rings: Ring[];
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
}

let mercatorCountries: ProjectedCountry[] | null = null;
const mercatorLimit = Math.log(Math.tan(Math.PI / 4 + (85 * Math.PI) / 360));

/**
 * The 1:50m outlines projected once to Mercator (unit scale, centred on 0,0): a locator map then only clips the rings
 * near its place to its frame, a plain rectangle clip instead of projecting the world's coastlines again. The
 * TopoJSON arcs are decoded and projected straight from their quantized points (80,000, each shared border once):
 * a few milliseconds, where streaming every country through d3-geo's resampling and clipping took close to a second
 * of a worker's first place page. Natural Earth already splits its shapes at the antimeridian, so nothing is lost.
 */
function projectedCountries(): ProjectedCountry[] {
  if (mercatorCountries) return mercatorCountries;
  const topology = JSON.parse(readFileSync(require.resolve('world-atlas/countries-50m.json'), 'utf8')) as Topology<{ countries: GeometryCollection<{ name: string }> }>;
  const [scaleX, scaleY] = topology.transform?.scale ?? [1, 1];
  const [translateX, translateY] = topology.transform?.translate ?? [0, 0];
  const radians = Math.PI / 180;
  const arcs = topology.arcs.map((arc) => {
    const points = new Float64Array(arc.length * 2);
    let qx = 0;
    let qy = 0;
    arc.forEach((position, i) => {
      qx += position[0]!;
      qy += position[1]!;
      const lat = Math.max(-89.9, Math.min(89.9, qy * scaleY + translateY));
      points[i * 2] = (qx * scaleX + translateX) * radians;
      points[i * 2 + 1] = Math.max(-mercatorLimit, Math.min(mercatorLimit, -Math.log(Math.tan(Math.PI / 4 + (lat * radians) / 2))));
    });
    return points;
  });
  const ringOf = (indexes: number[]): Ring | null => {
    // Arcs join end to start: each arc after the first skips its first point, the previous arc's last.
    const parts = indexes.map((index) => (index >= 0 ? { arc: arcs[index]!, reversed: false } : { arc: arcs[~index]!, reversed: true }));
    const length = parts.reduce((sum, part, i) => sum + part.arc.length - (i ? 2 : 0), 0);
    if (length < 6) return null;
    const points = new Float64Array(length);
    let at = 0;
    // A ring that crosses the antimeridian (Russia's far east, Fiji) is made continuous, running past ±π, and
    // drawn one world-width to either side (drawLocator's shifts); one that circles a pole (Antarctica) is kept as
    // it is, its jump running along the frame's edge of the world.
    let offset = 0;
    parts.forEach(({ arc, reversed }, i) => {
      const n = arc.length / 2;
      for (let k = i ? 1 : 0; k < n; k++) {
        const from = (reversed ? n - 1 - k : k) * 2;
        const x = arc[from]! + offset;
        if (at > 0 && Math.abs(x - points[at - 2]!) > Math.PI) offset += x > points[at - 2]! ? -2 * Math.PI : 2 * Math.PI;
        points[at++] = arc[from]! + offset;
        points[at++] = arc[from + 1]!;
      }
    });
    if (offset !== 0) {
      at = 0;
      parts.forEach(({ arc, reversed }, i) => {
        const n = arc.length / 2;
        for (let k = i ? 1 : 0; k < n; k++) {
          const from = (reversed ? n - 1 - k : k) * 2;
          points[at++] = arc[from]!;
          points[at++] = arc[from + 1]!;
        }
      });
    }
    let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
    for (let i = 0; i < points.length; i += 2) {
      minX = Math.min(minX, points[i]!); maxX = Math.max(maxX, points[i]!);
      minY = Math.min(minY, points[i + 1]!); maxY = Math.max(maxY, points[i + 1]!);
    }
    return { points, minX, minY, maxX, maxY };
  };
  const found: ProjectedCountry[] = [];
  for (const country of topology.objects.countries.geometries) {
    const polygons = country.type === 'Polygon' ? [country.arcs] : country.type === 'MultiPolygon' ? country.arcs : [];
    const rings = polygons.flat().map(ringOf).filter((ring): ring is Ring => ring !== null);
    if (!rings.length) continue;
    found.push({
      id: String(country.id ?? ''),
      rings,
      minX: Math.min(...rings.map((r) => r.minX)),
      minY: Math.min(...rings.map((r) => r.minY)),
      maxX: Math.max(...rings.map((r) => r.maxX)),
      maxY: Math.max(...rings.map((r) => r.maxY)),
    });
  }
  mercatorCountries = found;
  return found;
}

/** Sutherland–Hodgman: a ring clipped to a rectangle (the frame plus a margin), as pixel coordinates. */
function clipRing(points: Float64Array, x0: number, y0: number, x1: number, y1: number, shift: number, toPixel: (x: number, y: number) => [number, number], drawn: { area: number }): string {
  let poly: number[] = [];
  for (let i = 0; i < points.length; i += 2) poly.push(points[i]! + shift, points[i + 1]!);
  const edges: [(x: number, y: number) => boolean, (ax: number, ay: number, bx: number, by: number) => [number, number]][] = [
    [(x) => x >= x0, (ax, ay, bx, by) => [x0, ay + ((by - ay) * (x0 - ax)) / (bx - ax)]],
    [(x) => x <= x1, (ax, ay, bx, by) => [x1, ay + ((by - ay) * (x1 - ax)) / (bx - ax)]],
    [(_x, y) => y >= y0, (ax, ay, bx, by) => [ax + ((bx - ax) * (y0 - ay)) / (by - ay), y0]],
    [(_x, y) => y <= y1, (ax, ay, bx, by) => [ax + ((bx - ax) * (y1 - ay)) / (by - ay), y1]],
  ];
  for (const [inside, cross] of edges) {
    const out: number[] = [];
    const n = poly.length / 2;
    for (let i = 0; i < n; i++) {
      const ax = poly[((i + n - 1) % n) * 2]!, ay = poly[((i + n - 1) % n) * 2 + 1]!;
      const bx = poly[i * 2]!, by = poly[i * 2 + 1]!;
      const aIn = inside(ax, ay), bIn = inside(bx, by);
      if (bIn) {
        if (!aIn) out.push(...cross(ax, ay, bx, by));
        out.push(bx, by);
      } else if (aIn) out.push(...cross(ax, ay, bx, by));
    }
    poly = out;
    if (poly.length < 6) return '';
  }
  // Its area inside the frame (shoelace), to tell a map of land from one of open sea.
  let twiceArea = 0;
  for (let i = 0, j = poly.length - 2; i < poly.length; j = i, i += 2) twiceArea += (poly[j]! - poly[i]!) * (poly[j + 1]! + poly[i + 1]!);
  drawn.area += Math.abs(twiceArea) / 2;
  let d = '';
  let lastX = NaN, lastY = NaN;
  for (let i = 0; i < poly.length; i += 2) {
    const [px, py] = toPixel(poly[i]!, poly[i + 1]!);
    const x = Math.round(px * 10) / 10, y = Math.round(py * 10) / 10;
    if (x === lastX && y === lastY) continue;
    d += `${d ? 'L' : 'M'}${x},${y}`;
    lastX = x; lastY = y;
  }
  return `${d}Z`;
}

/** An accessible locator map: `role="img"` with a title and a description a screen reader reads out. */
export function locatorMap(input: LocatorInput): string {
  const key = JSON.stringify(input);
  const drawn = drawnLocators.get(key);
  if (drawn) return drawn;
  const svg = drawLocator(input);
  if (drawnLocators.size >= 500) drawnLocators.delete(drawnLocators.keys().next().value!);
  drawnLocators.set(key, svg);
  return svg;
}

/** Maps already drawn, by what they show: a place's page and its stories' pages draw the same map. */
const drawnLocators = new Map<string, string>();

function drawLocator(input: LocatorInput): string {
  const radius = input.radiusKm ?? 900;
  const all = projectedCountries();
  const lat = Math.max(-80, Math.min(80, input.lat));
  const cx = (input.lon * Math.PI) / 180;
  const cy = -Math.log(Math.tan(Math.PI / 4 + (lat * Math.PI) / 360));
  // Mercator stretches distances by 1/cos(latitude): the frame spans `radius` on the ground at the place's latitude.
  const half = radius / 6371 / Math.cos((lat * Math.PI) / 180);
  const pixels = locatorWidth / 2 / half;
  const halfY = locatorHeight / 2 / pixels;
  const margin = 4 / pixels;
  const [x0, x1, y0, y1] = [cx - half - margin, cx + half + margin, cy - halfY - margin, cy + halfY + margin];
  const toPixel = (x: number, y: number): [number, number] => [(x - cx) * pixels + locatorWidth / 2, (y - cy) * pixels + locatorHeight / 2];
  const focus = input.countryNumeric?.padStart(3, '0') ?? null;
  let land = '';
  let focusLand = '';
  const drawn = { area: 0 };
  // Shapes are also drawn one world-width to either side: a frame across the antimeridian, or a ring running past it.
  const shifts = [0, -2 * Math.PI, 2 * Math.PI];
  for (const shift of shifts) {
    for (const country of all) {
      if (country.maxX + shift < x0 || country.minX + shift > x1 || country.maxY < y0 || country.minY > y1) continue;
      let d = '';
      for (const ring of country.rings) {
        if (ring.maxX + shift < x0 || ring.minX + shift > x1 || ring.maxY < y0 || ring.minY > y1) continue;
        d += clipRing(ring.points, x0, y0, x1, y1, shift, toPixel, drawn);
      }
      if (focus && country.id === focus) focusLand += d;
      else land += d;
    }
  }
  const [x, y] = toPixel(cx, cy);
  const mercatorY = (lat: number) => -Math.log(Math.tan(Math.PI / 4 + (Math.max(-80, Math.min(80, lat)) * Math.PI) / 360));
  const others = (input.neighbours ?? [])
    .map((n) => ({ name: n.name, point: toPixel((n.lon * Math.PI) / 180, mercatorY(n.lat)) }))
    .filter(({ point: [px, py] }) => px > 6 && px < locatorWidth - 6 && py > 6 && py < locatorHeight - 6);
  const labels = others
    .map(({ name, point: [px, py] }) => {
      const right = px < locatorWidth * 0.7;
      return `<circle class="map-neighbour" cx="${round(px)}" cy="${round(py)}" r="3"/><text class="map-label" x="${round(right ? px + 6 : px - 6)}" y="${round(py + 4)}" text-anchor="${right ? 'start' : 'end'}">${escapeXml(name)}</text>`;
    })
    .join('');
  // With (almost) no land in the frame the map would be a blue square: its lines of latitude and longitude, labelled,
  // and the region's name say where on the globe the marked places are.
  const openSea = drawn.area < 0.02 * (x1 - x0) * (y1 - y0);
  const grid = openSea ? graticule(cx, cy, half, halfY, toPixel) : '';
  const region = openSea && input.region ? `<text class="map-region" x="12" y="24">${escapeXml(input.region)}</text>` : '';
  const titleId = `${input.id}-title`;
  const descId = `${input.id}-desc`;
  return [
    `<svg class="map map--locator" viewBox="0 0 ${locatorWidth} ${locatorHeight}" role="img" aria-labelledby="${titleId} ${descId}" xmlns="http://www.w3.org/2000/svg">`,
    `<title id="${titleId}">Map: ${escapeXml(input.label)}</title>`,
    `<desc id="${descId}">A locator map of the region around ${escapeXml(input.name)}, at latitude ${input.lat.toFixed(2)} and longitude ${input.lon.toFixed(2)}, marked with a dot${focusLand ? ' in its shaded country' : ''}${openSea ? `${input.region ? ` in ${escapeXml(input.region)}` : ''}, in open sea` : ''}${others.length ? `; also marked: ${escapeXml(others.map((o) => o.name).join(', '))}` : ''}.</desc>`,
    `<rect class="map-sea" width="${locatorWidth}" height="${locatorHeight}"/>`,
    land ? `<path class="map-land" d="${land}"/>` : '',
    focusLand ? `<path class="map-land map-land--focus" d="${focusLand}"/>` : '',
    grid,
    region,
    scaleBar(lat, pixels),
    labels,
    `<circle class="map-dot-halo" cx="${round(x)}" cy="${round(y)}" r="9"/>`,
    `<circle class="map-dot" cx="${round(x)}" cy="${round(y)}" r="5"/>`,
    `<text class="map-label map-label--main" x="${round(x < locatorWidth * 0.7 ? x + 12 : x - 12)}" y="${round(y - 8)}" text-anchor="${x < locatorWidth * 0.7 ? 'start' : 'end'}">${escapeXml(input.name)}</text>`,
    '</svg>',
  ].join('');
}

/** Degrees as a map labels them: "30°S", "120°W", "0°". */
function degrees(value: number, positive: string, negative: string): string {
  const rounded = Math.round(Math.abs(value) * 100) / 100;
  return rounded === 0 ? '0°' : `${rounded}°${value > 0 ? positive : negative}`;
}

/** Lines of latitude and longitude across the frame, a round step apart (three to six of each), labelled at its edges. */
function graticule(cx: number, cy: number, half: number, halfY: number, toPixel: (x: number, y: number) => [number, number]): string {
  const toLat = (y: number) => ((2 * Math.atan(Math.exp(-y)) - Math.PI / 2) * 180) / Math.PI;
  const west = ((cx - half) * 180) / Math.PI;
  const east = ((cx + half) * 180) / Math.PI;
  const north = toLat(cy - halfY);
  const south = toLat(cy + halfY);
  const step = [0.5, 1, 2, 5, 10, 15, 20, 30, 45].find((s) => (east - west) / s <= 6) ?? 90;
  let d = '';
  let text = '';
  for (let lon = Math.ceil(west / step) * step; lon <= east; lon += step) {
    const [x] = toPixel((lon * Math.PI) / 180, cy);
    d += `M${round(x)},0V${locatorHeight}`;
    // Longitudes past the antimeridian are named as the globe has them.
    const named = ((((lon + 180) % 360) + 360) % 360) - 180;
    if (x > locatorWidth - 40) continue;
    text += `<text class="map-graticule-label" x="${round(x + 3)}" y="${locatorHeight - 6}">${degrees(named, 'E', 'W')}</text>`;
  }
  for (let latitude = Math.ceil(south / step) * step; latitude <= north; latitude += step) {
    const [, y] = toPixel(cx, -Math.log(Math.tan(Math.PI / 4 + (latitude * Math.PI) / 360)));
    d += `M0,${round(y)}H${locatorWidth}`;
    if (y < 16 || y > locatorHeight - 20) continue;
    text += `<text class="map-graticule-label" x="${locatorWidth - 4}" y="${round(y - 3)}" text-anchor="end">${degrees(latitude, 'N', 'S')}</text>`;
  }
  return `<path class="map-graticule" d="${d}"/>${text}`;
}

/** A scale bar of a round distance, about a quarter of the frame wide, true at the place's latitude. */
function scaleBar(lat: number, pixels: number): string {
  const pixelsPerKm = pixels / (6371 * Math.cos((lat * Math.PI) / 180));
  const km = [1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000].reverse().find((k) => k * pixelsPerKm <= locatorWidth / 4) ?? 1;
  const length = km * pixelsPerKm;
  const x = 12;
  const y = locatorHeight - 22;
  return `<g class="map-scale"><path d="M${x},${y - 4}V${y}H${round(x + length)}V${y - 4}"/><text x="${x}" y="${y - 7}">${km.toLocaleString('en-GB')} km</text></g>`;
}

export interface WorldMarker {
  href: string;
  /** Read out and shown on hover: "Tarsel, Virelia: 3 stories". */
  label: string;
  lat: number;
  lon: number;
  /** Marker size grows with it (square root, capped). */
  weight: number;
}

const worldWidth = 960;
const worldHeight = 500;
let worldBase: { land: string; projection: ReturnType<typeof geoNaturalEarth1> } | null = null;

/** The projected world outlines, computed once per process. */
function world(): NonNullable<typeof worldBase> {
  if (worldBase) return worldBase;
  // The land as one outline, without borders, to whole pixels of the 960-wide frame: 39 KB of path where the
  // countries at one decimal took 118 KB, in every section and world page that shows the map.
  const topology = JSON.parse(readFileSync(require.resolve('world-atlas/land-110m.json'), 'utf8')) as Topology<{ land: GeometryCollection }>;
  const landShape = feature(topology, topology.objects.land) as unknown as FeatureCollection<Geometry>;
  const projection = geoNaturalEarth1().fitExtent([[4, 4], [worldWidth - 4, worldHeight - 4]], { type: 'Sphere' });
  const path = geoPath(projection).digits(0);
  const land = landShape.features.map((f) => path(f as GeoPermissibleObjects) ?? '').join('');
  const sphere = path({ type: 'Sphere' }) ?? '';
  worldBase = { land: `<path class="map-sea" d="${sphere}"/><path class="map-land" d="${land}"/>`, projection };
  return worldBase;
}

/**
 * A world map whose markers are links: `role="group"` with a title, each marker an `<a>` with its own label, so a
 * keyboard reaches every place and a screen reader names it. The page also lists the same places as text.
 */
export function worldMap(input: { id: string; title: string; description: string; markers: WorldMarker[] }): string {
  const { land, projection } = world();
  const titleId = `${input.id}-title`;
  const descId = `${input.id}-desc`;
  const markers = [...input.markers]
    .sort((a, b) => b.weight - a.weight)
    .map((m) => {
      const point = projection([m.lon, m.lat]);
      if (!point) return '';
      const r = Math.min(16, 4 + 3 * Math.sqrt(Math.max(0, m.weight - 1)));
      const label = escapeXml(m.label);
      return `<a class="map-marker" href="${escapeXml(m.href)}" aria-label="${label}"><title>${label}</title><circle class="map-dot-halo" cx="${round(point[0])}" cy="${round(point[1])}" r="${round(r + 3)}"/><circle class="map-dot" cx="${round(point[0])}" cy="${round(point[1])}" r="${round(r)}"/></a>`;
    })
    .join('');
  return [
    `<svg class="map map--world" viewBox="0 0 ${worldWidth} ${worldHeight}" role="group" aria-labelledby="${titleId}" aria-describedby="${descId}" xmlns="http://www.w3.org/2000/svg">`,
    `<title id="${titleId}">${escapeXml(input.title)}</title>`,
    `<desc id="${descId}">${escapeXml(input.description)}</desc>`,
    land,
    markers,
    '</svg>',
  ].join('');
}
