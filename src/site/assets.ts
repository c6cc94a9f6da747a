/** The site's static assets (CSS, JS, icons): read once, served with a content hash in the URL and cached for a year. */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { sourcePath } from '../source-files.js';

export const assetsDir = sourcePath('site', 'assets');

interface Asset {
  body: Buffer;
  hash: string;
  type: string;
}

const types: Record<string, string> = {
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.webp': 'image/webp',
};

const assets = new Map<string, Asset>();

function load(name: string): Asset | undefined {
  const cached = assets.get(name);
  if (cached) return cached;
  const file = path.join(assetsDir, name);
  if (!name || name.includes('/') || name.includes('..') || !fs.existsSync(file)) return undefined;
  const body = fs.readFileSync(file);
  const asset = { body, hash: createHash('sha256').update(body).digest('hex').slice(0, 10), type: types[path.extname(name)] ?? 'application/octet-stream' };
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
