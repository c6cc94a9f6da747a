#!/usr/bin/env node
/**
 * Bundles the server (src/main.ts, everything it imports and its dependencies) into dist/ with esbuild.
 * Plain node on the bundle starts in a fraction of the time tsx needs and holds less memory: nothing is compiled at
 * run time, and one file replaces some 2,000 module lookups in node_modules. Each CLI command is its own chunk.
 * `node scripts/build.mjs` builds only when a source file is newer than the bundle; `--force` builds regardless.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outdir = path.join(root, 'dist');
export const bundleFile = path.join(outdir, 'gazette.js');

/**
 * Node flags for a server process: `npm start`, the `gazette` command (its #! line) and cluster workers use these.
 * Under load V8 grows each young-generation semi-space to 16 MB, and keeps it: about 50 MB of a worker's RSS for
 * objects that live for one request. At 4 MB, pages render as fast (measured in docs/PERFORMANCE.md) and the peak
 * RSS of a busy worker drops by 20-65 MB.
 */
export const serverNodeFlags = ['--max-semi-space-size=4'];

/**
 * Left to node_modules: native addons (better-sqlite3, sharp, pg's optional pg-native) cannot be bundled, and
 * esbuild is itself run at run time to build the newsroom's editor.
 */
const external = ['better-sqlite3', 'sharp', 'pg-native', 'esbuild'];

/** Bundled CommonJS dependencies call require() and read __dirname; an ES module has neither until given them. */
const commonJsShims = [
  "import { createRequire as gazetteCreateRequire } from 'node:module';",
  "import { fileURLToPath as gazetteFileUrlToPath } from 'node:url';",
  'const require = gazetteCreateRequire(import.meta.url);',
  'const __filename = gazetteFileUrlToPath(import.meta.url);',
  "const __dirname = gazetteFileUrlToPath(new URL('.', import.meta.url));",
].join(' ');

function newestSourceMtime(dir) {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSourceMtime(full));
    else if (/\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name)) newest = Math.max(newest, fs.statSync(full).mtimeMs);
  }
  return newest;
}

export function bundleIsStale() {
  if (!fs.existsSync(bundleFile)) return true;
  const built = fs.statSync(bundleFile).mtimeMs;
  const inputs = [newestSourceMtime(path.join(root, 'src')), ...['package.json', 'package-lock.json', 'tsconfig.json'].map((f) => fs.statSync(path.join(root, f)).mtimeMs)];
  return inputs.some((mtime) => mtime > built);
}

export async function buildBundle() {
  const { build } = await import('esbuild');
  const started = Date.now();
  const result = await build({
    entryPoints: { gazette: path.join(root, 'src', 'main.ts') },
    outdir,
    bundle: true,
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
    platform: 'node',
    format: 'esm',
    target: 'node20',
    external,
    banner: { js: commonJsShims },
    tsconfig: path.join(root, 'tsconfig.json'),
    sourcemap: 'linked',
    minifyWhitespace: true,
    minifySyntax: true,
    legalComments: 'none',
    logLevel: 'warning',
    metafile: true,
  });
  // Chunks of earlier builds (their names carry a content hash) are left behind by esbuild: remove them.
  const written = new Set(Object.keys(result.metafile.outputs).map((file) => path.resolve(root, file)));
  const chunksDir = path.join(outdir, 'chunks');
  for (const name of fs.readdirSync(chunksDir)) {
    if (!written.has(path.join(chunksDir, name))) fs.rmSync(path.join(chunksDir, name));
  }
  return Date.now() - started;
}

/**
 * The site's stylesheets and scripts, minified into dist/assets/ (the server serves a copy only while it is newer than
 * its source, so an edit to src/site/assets shows at once without a build). Whitespace, comments and long names go;
 * the server then compresses what it serves.
 */
export async function minifyAssets({ force = false } = {}) {
  const { transform } = await import('esbuild');
  const sourceDir = path.join(root, 'src', 'site', 'assets');
  const targetDir = path.join(outdir, 'assets');
  fs.mkdirSync(targetDir, { recursive: true });
  let written = 0;
  for (const name of fs.readdirSync(sourceDir)) {
    const loader = name.endsWith('.css') ? 'css' : name.endsWith('.js') ? 'js' : null;
    if (!loader) continue;
    const source = path.join(sourceDir, name);
    const target = path.join(targetDir, name);
    if (!force && fs.existsSync(target) && fs.statSync(target).mtimeMs >= fs.statSync(source).mtimeMs) continue;
    const { code } = await transform(fs.readFileSync(source, 'utf8'), { loader, minify: true, legalComments: 'none', target: loader === 'css' ? ['chrome100', 'firefox100', 'safari15'] : 'es2020' });
    fs.writeFileSync(target, code);
    written++;
  }
  return written;
}

/** Where the SQLite ranking extension is built (src/search/native/rank.c); the server loads it from here. */
export const rankingExtensionFile = path.join(outdir, 'native', process.platform === 'win32' ? 'gazette_rank.dll' : process.platform === 'darwin' ? 'gazette_rank.dylib' : 'gazette_rank.so');

/**
 * Compiles the SQLite ranking extension with the machine's C compiler ($CC, else cc) against the SQLite headers
 * better-sqlite3 ships, when its source is newer than the build. Without a compiler search still works, ranking with
 * FTS5's own bm25() (slower on large archives); the reason is printed and returned.
 */
export function buildRankingExtension({ force = false, quiet = false } = {}) {
  const source = path.join(root, 'src', 'search', 'native', 'rank.c');
  if (!force && fs.existsSync(rankingExtensionFile) && fs.statSync(rankingExtensionFile).mtimeMs >= fs.statSync(source).mtimeMs) return { built: false, error: null };
  let headers;
  try {
    headers = path.join(path.dirname(createRequire(import.meta.url).resolve('better-sqlite3/package.json')), 'deps', 'sqlite3');
  } catch {
    headers = null;
  }
  const compiler = process.env.CC || 'cc';
  const fail = (reason) => {
    if (!quiet) console.error(`Search ranking extension not built (${reason}); SQLite search ranks with FTS5's bm25() instead.`);
    return { built: false, error: reason };
  };
  if (!headers || !fs.existsSync(path.join(headers, 'sqlite3ext.h'))) return fail("better-sqlite3's SQLite headers were not found");
  fs.mkdirSync(path.dirname(rankingExtensionFile), { recursive: true });
  const flags = process.platform === 'darwin' ? ['-dynamiclib'] : ['-shared', '-fPIC'];
  const result = spawnSync(compiler, ['-O2', ...flags, '-I', headers, '-o', rankingExtensionFile, source, '-lm'], { encoding: 'utf8' });
  if (result.error) return fail(`${compiler}: ${result.error.message}`);
  if (result.status !== 0) return fail(`${compiler} exited with ${result.status}: ${(result.stderr || '').trim().split('\n')[0]}`);
  if (!quiet) console.error(`Built ${path.relative(root, rankingExtensionFile)}`);
  return { built: true, error: null };
}

export async function buildIfStale({ force = false, quiet = false } = {}) {
  await minifyAssets({ force });
  buildRankingExtension({ force, quiet });
  if (!force && !bundleIsStale()) return false;
  const ms = await buildBundle();
  if (!quiet) console.error(`Built ${path.relative(root, bundleFile)} in ${ms} ms`);
  return true;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await buildIfStale({ force: process.argv.includes('--force') });
}
