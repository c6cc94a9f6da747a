/**
 * Where the project's own files are on disk. The code runs either from src/ under tsx (tests, development) or from
 * the one-file bundle in dist/ (`npm start`), so a module cannot find its neighbours through its own URL; both layouts
 * sit one level below the project root, which is found by its package.json.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

function findProjectRoot(from: string): string {
  let dir = from;
  for (;;) {
    if (fs.existsSync(path.join(dir, 'package.json'))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`no package.json above ${from}`);
    dir = parent;
  }
}

export const projectRoot = findProjectRoot(path.dirname(fileURLToPath(import.meta.url)));

/** A file or folder under src/, e.g. `sourcePath('site', 'assets')`. */
export function sourcePath(...segments: string[]): string {
  return path.join(projectRoot, 'src', ...segments);
}
