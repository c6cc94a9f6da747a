/**
 * Locator maps: land drawn where the outlines have it (across the antimeridian too), and a map of a place with no
 * coast in reach still shows where it is.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { locatorMap } from './map.js';

/** The rings of one path of the SVG, as pixel points. */
function rings(svg: string, className: string): [number, number][][] {
  const d = new RegExp(`<path class="${className}" d="([^"]*)"`).exec(svg)?.[1] ?? '';
  return d.split('Z').filter(Boolean).map((ring) => ring.split(/[ML]/).filter(Boolean).map((pair) => pair.split(',').map(Number) as [number, number]));
}

/** Even-odd rule: whether a pixel is inside the path's rings. */
function inside(svg: string, className: string, [x, y]: [number, number]): boolean {
  let within = false;
  for (const ring of rings(svg, className)) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [xi, yi] = ring[i]!;
      const [xj, yj] = ring[j]!;
      if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) within = !within;
    }
  }
  return within;
}

const centre: [number, number] = [200, 130];
const at = (lat: number, lon: number, countryNumeric: string | null = null) => locatorMap({ id: 't', name: 'Here', label: 'Here', lat, lon, countryNumeric });

describe('locator maps', () => {
  test('land is land and sea is sea on both sides of the antimeridian', () => {
    for (const [lat, lon] of [[67.5, 172], [66.2, -171], [68.5, 179.5], [66, 179.9], [65.6, -179.5]] as const) {
      assert.ok(inside(at(lat, lon, '643'), 'map-land map-land--focus', centre), `${lat},${lon} is in Russia`);
    }
    for (const [lat, lon] of [[60, -178], [58, 179], [62.5, -176]] as const) {
      const svg = at(lat, lon, '643');
      assert.ok(!inside(svg, 'map-land map-land--focus', centre) && !inside(svg, 'map-land', centre), `${lat},${lon} is in the Bering Sea`);
    }
    assert.ok(inside(at(-17.8, 178, '242'), 'map-land map-land--focus', centre), 'Viti Levu is in Fiji');
    assert.ok(inside(at(48.85, 2.35, '250'), 'map-land map-land--focus', centre), 'Paris is in France');
    assert.ok(!inside(at(45, -30, '250'), 'map-land', centre), 'the mid-Atlantic is sea');
  });

  test('a place in open sea (an invented country) gets labelled lines of latitude and longitude, its region and its neighbours', () => {
    const svg = locatorMap({ id: 's', name: 'Tarsel', label: 'Tarsel, Korvath', lat: -31.42, lon: -118.65, countryNumeric: null, region: 'Korvath', neighbours: [{ name: 'Port Amsel', lat: -33.9, lon: -121.3 }, { name: 'Far Away', lat: 10, lon: 10 }] });
    assert.match(svg, /<path class="map-graticule" d="M[^"]+V260[^"]*H400/);
    const labels = [...svg.matchAll(/<text class="map-graticule-label"[^>]*>([^<]+)<\/text>/g)].map((m) => m[1]);
    assert.ok(labels.includes('120°W') && labels.includes('30°S'), labels.join(', '));
    assert.match(svg, /<text class="map-region" x="12" y="24">Korvath<\/text>/);
    assert.match(svg, /<text class="map-label"[^>]*>Port Amsel<\/text>/);
    assert.doesNotMatch(svg, /Far Away<\/text>/, 'a neighbour outside the frame is left off');
    assert.match(svg, /<desc[^>]*>[^<]*in Korvath, in open sea; also marked: Port Amsel\.<\/desc>/);
    assert.match(svg, /<g class="map-scale">.*<text[^>]*>\d+ km<\/text><\/g>/);
    // On land, no grid and no region: the coasts say where it is.
    const paris = locatorMap({ id: 'p', name: 'Paris', label: 'Paris, France', lat: 48.85, lon: 2.35, countryNumeric: '250', region: 'Île-de-France' });
    assert.doesNotMatch(paris, /map-graticule|map-region/);
    assert.match(paris, /<g class="map-scale">/);
  });
});
