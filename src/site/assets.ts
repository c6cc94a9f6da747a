/**
 * The site's static assets (CSS, JS, icons, fonts): read once, served with a content hash in the URL and cached for a
 * year. Fonts come from their npm packages (@fontsource-variable/*), so `npm update` updates them.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { projectRoot, sourcePath } from '../source-files.js';

export const assetsDir = sourcePath('site', 'assets');

interface Asset {
  body: Buffer;
  hash: string;
  type: string;
  /** The body compressed, made on first demand: text assets only. */
  encoded: Partial<Record<'br' | 'gzip', Buffer>>;
  compressible: boolean;
}

/** Minified copies of the stylesheets and scripts, written by scripts/build.mjs. */
const minifiedDir = path.join(projectRoot, 'dist', 'assets');

const types: Record<string, string> = {
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.webp': 'image/webp',
  '.woff2': 'font/woff2',
};

/** The headline and reading face: the one font the layout preloads. */
export const textFont = 'source-serif-4-latin-wght-normal.woff2';
/** The interface face (labels, bylines, navigation, forms). */
export const interfaceFont = 'inter-latin-wght-normal.woff2';

/** Assets served from installed packages rather than src/site/assets: only the Latin, variable-weight, upright cuts. */
const packaged: Record<string, string> = {
  [textFont]: '@fontsource-variable/source-serif-4/files/source-serif-4-latin-wght-normal.woff2',
  [interfaceFont]: '@fontsource-variable/inter/files/inter-latin-wght-normal.woff2',
  // The other typeface pairings the newsroom can choose (src/site/brand.ts).
  'newsreader-latin-wght-normal.woff2': '@fontsource-variable/newsreader/files/newsreader-latin-wght-normal.woff2',
  'public-sans-latin-wght-normal.woff2': '@fontsource-variable/public-sans/files/public-sans-latin-wght-normal.woff2',
  'fraunces-latin-wght-normal.woff2': '@fontsource-variable/fraunces/files/fraunces-latin-wght-normal.woff2',
  'libre-franklin-latin-wght-normal.woff2': '@fontsource-variable/libre-franklin/files/libre-franklin-latin-wght-normal.woff2',
};

const assets = new Map<string, Asset>();

function fileOf(name: string): string | undefined {
  const fromPackage = packaged[name];
  if (fromPackage) return path.join(projectRoot, 'node_modules', fromPackage);
  if (!name || name.includes('/') || name.includes('..')) return undefined;
  const source = path.join(assetsDir, name);
  const minified = path.join(minifiedDir, name);
  // The build's copy only while it is at least as new as the source: an edited stylesheet shows without a rebuild.
  try {
    if (fs.statSync(minified).mtimeMs >= fs.statSync(source).mtimeMs) return minified;
  } catch {
    // No minified copy (not built yet, or not a stylesheet or script): serve the source.
  }
  return source;
}

function load(name: string): Asset | undefined {
  const cached = assets.get(name);
  if (cached) return cached;
  const file = fileOf(name);
  if (!file || !fs.existsSync(file)) return undefined;
  let body = fs.readFileSync(file);
  // The stylesheet names fonts as url(/assets/<name>); give them their hashed URLs so a new font is fetched anew.
  if (name.endsWith('.css')) body = Buffer.from(body.toString('utf8').replace(/url\(\/assets\/([\w.-]+)\)/g, (_m, asset: string) => `url(${assetUrl(asset)})`));
  const type = types[path.extname(name)] ?? 'application/octet-stream';
  const compressible = /^text\/|svg/.test(type);
  const asset: Asset = { body, hash: createHash('sha256').update(body).digest('hex').slice(0, 10), type, encoded: {}, compressible };
  assets.set(name, asset);
  return asset;
}

export function assetUrl(name: string): string {
  const asset = load(name);
  return asset ? `/assets/${name}?v=${asset.hash}` : `/assets/${name}`;
}

export function readAsset(name: string): Asset | undefined {
  return load(name);
}

/** An asset's bytes in the encoding the client asked for: compressed once at the highest setting, then kept. */
export function encodedAsset(asset: Asset, encoding: 'br' | 'gzip' | 'identity'): { body: Buffer; encoding: 'br' | 'gzip' | null } {
  if (encoding === 'identity' || !asset.compressible) return { body: asset.body, encoding: null };
  let body = asset.encoded[encoding];
  if (!body) {
    body = encoding === 'br'
      ? zlib.brotliCompressSync(asset.body, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: asset.body.length } })
      : zlib.gzipSync(asset.body, { level: 9 });
    asset.encoded[encoding] = body;
  }
  return { body, encoding };
}

/** The source text of a stylesheet as written (brand.ts reads site.css's colour tokens from it). */
export function assetSource(name: string): string {
  const file = path.join(assetsDir, name);
  return fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
}
