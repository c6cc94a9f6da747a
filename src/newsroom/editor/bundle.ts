/** Builds the browser editor (editor.ts and its imports) with esbuild once per process, in memory, and serves it with a content hash. */
import { createHash } from 'node:crypto';
import path from 'node:path';
import { build } from 'esbuild';
import { sourcePath } from '../../source-files.js';

const here = sourcePath('newsroom', 'editor');

export interface EditorAsset {
  body: string;
  hash: string;
  type: string;
}

export interface EditorBundle {
  'editor.js': EditorAsset;
  'editor.css': EditorAsset;
}

let building: Promise<EditorBundle> | null = null;

function asset(body: string, type: string): EditorAsset {
  return { body, hash: createHash('sha256').update(body).digest('hex').slice(0, 10), type };
}

async function buildBundle(): Promise<EditorBundle> {
  const result = await build({
    entryPoints: [path.join(here, 'editor.ts')],
    bundle: true,
    write: false,
    format: 'esm',
    target: ['es2020'],
    minify: true,
    legalComments: 'none',
    logLevel: 'silent',
  });
  const js = result.outputFiles[0]?.text;
  if (!js) throw new Error('esbuild produced no editor bundle');
  const { readFile } = await import('node:fs/promises');
  const css = await readFile(path.join(here, 'editor.css'), 'utf8');
  return { 'editor.js': asset(js, 'text/javascript; charset=utf-8'), 'editor.css': asset(css, 'text/css; charset=utf-8') };
}

/** The built editor; the first call builds it (well under a second), later calls reuse the result. */
export function editorBundle(): Promise<EditorBundle> {
  building ??= buildBundle().catch((err: unknown) => {
    building = null;
    throw err;
  });
  return building;
}
