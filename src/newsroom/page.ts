/** Sends newsroom pages (never cached) and serves the newsroom's own assets from src/newsroom/assets under /newsroom/assets/. */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { h, type VNode } from 'preact';
import { notFound } from '../http/errors.js';
import { NewsroomPathsContext } from './paths.js';
import { renderDocument } from '../site/render.js';
import { sourcePath } from '../source-files.js';

const assetsDir = sourcePath('newsroom', 'assets');

const contentTypes: Record<string, string> = {
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

interface NewsroomAsset {
  body: Buffer;
  hash: string;
  type: string;
}

const loaded = new Map<string, NewsroomAsset>();

function loadAsset(name: string): NewsroomAsset | undefined {
  if (!/^[a-z0-9][a-z0-9._-]*$/i.test(name) || name.includes('..')) return undefined;
  const cached = loaded.get(name);
  if (cached) return cached;
  const file = path.join(assetsDir, name);
  if (!fs.existsSync(file) || !fs.statSync(file).isFile()) return undefined;
  const body = fs.readFileSync(file);
  const asset = { body, hash: createHash('sha256').update(body).digest('hex').slice(0, 10), type: contentTypes[path.extname(name)] ?? 'application/octet-stream' };
  // Built bundles may be rebuilt while a development server runs: only cache what cannot change under us in production.
  if (process.env.NODE_ENV === 'production') loaded.set(name, asset);
  return asset;
}

/** The URL of a file in src/newsroom/assets, with a content hash so it can be cached for a year. */
export function newsroomAssetUrl(name: string): string {
  const asset = loadAsset(name);
  return asset ? `/newsroom/assets/${name}?v=${asset.hash}` : `/newsroom/assets/${name}`;
}

export async function sendNewsroomPage(reply: FastifyReply, page: VNode, status = 200): Promise<FastifyReply> {
  return reply
    .code(status)
    .type('text/html; charset=utf-8')
    .header('cache-control', 'no-store')
    .header('x-robots-tag', 'noindex, nofollow')
    .send(renderDocument(h(NewsroomPathsContext.Provider, { value: reply.server.newsroomPaths }, page) as VNode));
}

export async function newsroomAssetRoutes(app: FastifyInstance): Promise<void> {
  app.get<{ Params: { name: string }; Querystring: { v?: string } }>('/newsroom/assets/:name', async (request, reply) => {
    const asset = loadAsset(request.params.name);
    if (!asset) throw notFound('That file');
    const versioned = request.query.v === asset.hash;
    return reply
      .type(asset.type)
      .header('cache-control', versioned ? 'public, max-age=31536000, immutable' : 'no-cache')
      .header('etag', `"${asset.hash}"`)
      .send(asset.body);
  });
}
