/**
 * The layer rules of .dependency-cruiser.cjs (run by `npm run check`): each one fires on a planted violation, the
 * exceptions it allows stay allowed, and the real tree under src/ breaks none of them.
 * The planted files live in a throwaway copy of the src/ layout under .tmp/ in the repo (so packages resolve from the
 * repo's node_modules) and are removed afterwards.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { after, before, describe, it } from 'node:test';
import { projectRoot } from '../src/source-files.js';

const run = promisify(execFile);
const config = path.join(projectRoot, '.dependency-cruiser.cjs');
const depcruise = path.join(projectRoot, 'node_modules', 'dependency-cruiser', 'bin', 'dependency-cruise.mjs');

interface Violation {
  from: string;
  to: string;
  rule: { name: string; severity: string };
  cycle?: Array<{ name: string }>;
}

/** Runs dependency-cruiser with the project's config on `src` under `cwd`; its JSON report's violations. */
async function cruise(cwd: string): Promise<Violation[]> {
  const { stdout } = await run(process.execPath, [depcruise, 'src', '--config', config, '--output-type', 'json'], { cwd, maxBuffer: 64 * 1024 * 1024 }).catch(
    // It exits non-zero when there are violations; the report is still on stdout.
    (error: { stdout?: string; stderr?: string }) => {
      if (!error.stdout) throw new Error(`dependency-cruiser failed: ${error.stderr ?? ''}`);
      return { stdout: error.stdout };
    },
  );
  return (JSON.parse(stdout) as { summary: { violations: Violation[] } }).summary.violations;
}

/** Each planted file: its path under the fixture root, and the modules it imports. */
const planted: Record<string, string[]> = {
  // domain → face, domain → edge, domain → compose
  'src/content/reaches-up.ts': ['../site/routes.js', '../http/errors.js', '../app.js'],
  // domain → the web framework
  'src/comments/uses-fastify.ts': ['fastify', 'fastify-plugin'],
  // base → domain, base → kernel
  'src/db/reaches-up.ts': ['../content/queries.js', '../context.js'],
  // kernel → domain (not an event map) is refused; kernel → an event map is the one allowed way down
  'src/events.ts': ['./content/queries.js', './content/events.js', './comments/events.js', './config.js'],
  'src/context.ts': ['./db/index.js', './config.js'],
  // an event map loading its capability's code or another capability's types is refused; naming its own types is allowed
  'src/content/events.ts': ['./queries.js', 'type:../media/library.js'],
  'src/comments/events.ts': ['type:./comments.js'],
  'src/comments/comments.ts': [],
  // edge → face
  'src/cache/reaches-up.ts': ['../site/page.js'],
  // face → another face's routes is refused; the shared site modules and src/http are allowed
  'src/newsroom/borrows.ts': ['../site/routes.js', '../site/render.js', '../site/views/format.js', '../site/story-page.js', '../http/errors.js', './own.js'],
  'src/newsroom/own.ts': [],
  // anything but the CLI → the entry points
  'src/site/starts-app.ts': ['../main.js'],
  'src/cli/serve.ts': ['../main.js'],
  // folders in a cycle: media → content → media
  'src/media/uses-content.ts': ['../content/queries.js'],
  'src/content/queries.ts': ['../media/library.js'],
  'src/media/library.ts': [],
  // a folder no layer claims
  'src/gadgets/widget.ts': ['../config.js'],
  // the browser editor → server code is refused; → src/slugs.ts and its own folder is allowed
  'src/newsroom/editor/fields.ts': ['../../db/index.js', '../../slugs.js', './picker.js'],
  'src/newsroom/editor/picker.ts': [],
  // the rest: targets of the imports above, layered correctly
  'src/site/routes.ts': ['./render.js', '../content/queries.js', '../http/errors.js'],
  'src/site/render.ts': [],
  'src/site/story-page.tsx': [],
  'src/site/page.ts': [],
  'src/site/views/format.ts': [],
  'src/http/errors.ts': ['../errors.js'],
  'src/errors.ts': [],
  'src/app.tsx': ['./site/routes.js', './newsroom/borrows.js', './context.js'],
  'src/main.ts': ['./app.js'],
  'src/db/index.ts': [],
  'src/config.ts': [],
  'src/slugs.ts': [],
};

/** A module importing each target; a target written `type:…` is imported for its types only. */
function source(imports: string[]): string {
  const lines = imports.map((target, i) =>
    target.startsWith('type:') ? `import type * as imported${i} from '${target.slice(5)}';` : `import * as imported${i} from '${target}';`);
  const values = imports.flatMap((target, i) => (target.startsWith('type:') ? [] : [`imported${i}`]));
  const types = imports.flatMap((target, i) => (target.startsWith('type:') ? [`typeof imported${i}`] : []));
  return `${lines.join('\n')}\nexport const uses = [${values.join(', ')}];\n${types.length ? `export type Named = [${types.join(', ')}];\n` : ''}`;
}

describe('the layer rules', () => {
  const root = path.join(projectRoot, '.tmp', `architecture-${process.pid}`);
  let violations: Violation[] = [];

  before(async () => {
    for (const [file, imports] of Object.entries(planted)) {
      const full = path.join(root, file);
      fs.mkdirSync(path.dirname(full), { recursive: true });
      fs.writeFileSync(full, source(imports));
    }
    // The config resolves through tsconfig.json (for `.js` specifiers naming `.ts` files).
    fs.writeFileSync(path.join(root, 'tsconfig.json'), JSON.stringify({ compilerOptions: { module: 'NodeNext', moduleResolution: 'NodeNext', allowJs: false } }));
    violations = await cruise(root);
  });
  after(() => fs.rmSync(root, { recursive: true, force: true }));

  const fired = (rule: string, from: string, to: string) =>
    violations.some((v) => v.rule.name === rule && v.from === from && (v.to === to || v.to.endsWith(to)));
  const touching = (from: string, to: string) => violations.filter((v) => v.from === from && v.to.endsWith(to));

  it('refuses a domain module importing a face, the edge or the entry points', () => {
    assert.ok(fired('domain-imports-face-or-edge', 'src/content/reaches-up.ts', 'src/site/routes.ts'));
    assert.ok(fired('domain-imports-face-or-edge', 'src/content/reaches-up.ts', 'src/http/errors.ts'));
    assert.ok(fired('domain-imports-face-or-edge', 'src/content/reaches-up.ts', 'src/app.tsx'));
  });

  it('refuses a domain module importing fastify or fastify-plugin', () => {
    assert.ok(fired('domain-imports-fastify', 'src/comments/uses-fastify.ts', 'node_modules/fastify/fastify.js'));
    assert.ok(fired('domain-imports-fastify', 'src/comments/uses-fastify.ts', 'node_modules/fastify-plugin/index.js'));
  });

  it('refuses a base module importing anything above it', () => {
    assert.ok(fired('base-imports-above', 'src/db/reaches-up.ts', 'src/content/queries.ts'));
    assert.ok(fired('base-imports-above', 'src/db/reaches-up.ts', 'src/context.ts'));
  });

  it('lets the kernel gather the event maps and base modules, and nothing else of the domain', () => {
    assert.ok(fired('kernel-imports-above', 'src/events.ts', 'src/content/queries.ts'));
    assert.deepEqual(touching('src/events.ts', 'src/content/events.ts'), []);
    assert.deepEqual(touching('src/events.ts', 'src/config.ts'), []);
    assert.deepEqual(touching('src/context.ts', 'src/db/index.ts'), []);
    assert.ok(fired('event-map-runtime-import', 'src/content/events.ts', 'src/content/queries.ts'));
    assert.ok(fired('event-map-imports-domain', 'src/content/events.ts', 'src/media/library.ts'));
    assert.deepEqual(touching('src/comments/events.ts', 'src/comments/comments.ts'), []);
  });

  it('refuses the edge importing a face', () => {
    assert.ok(fired('edge-imports-face', 'src/cache/reaches-up.ts', 'src/site/page.ts'));
  });

  it("refuses a face importing another face's module, but not the shared site modules or src/http", () => {
    assert.ok(fired('face-imports-other-face', 'src/newsroom/borrows.ts', 'src/site/routes.ts'));
    for (const shared of ['src/site/render.ts', 'src/site/views/format.ts', 'src/site/story-page.tsx', 'src/http/errors.ts', 'src/newsroom/own.ts']) {
      assert.deepEqual(touching('src/newsroom/borrows.ts', shared), [], shared);
    }
  });

  it('refuses importing the entry points, except from the CLI', () => {
    assert.ok(fired('imports-compose', 'src/site/starts-app.ts', 'src/main.ts'));
    assert.deepEqual(touching('src/cli/serve.ts', 'src/main.ts'), []);
  });

  it('refuses folders that import each other', () => {
    const cycles = violations.filter((v) => v.rule.name === 'folder-cycle');
    assert.ok(cycles.some((v) => (v.from === 'src/media' && v.to === 'src/content') || (v.from === 'src/content' && v.to === 'src/media')), JSON.stringify(cycles));
  });

  it('refuses a module outside every layer', () => {
    assert.ok(fired('not-in-a-layer', 'src/gadgets/widget.ts', 'src/config.ts'));
  });

  it('keeps server code out of the browser editor, which may use src/slugs.ts', () => {
    assert.ok(fired('editor-imports-server-code', 'src/newsroom/editor/fields.ts', 'src/db/index.ts'));
    assert.deepEqual(touching('src/newsroom/editor/fields.ts', 'src/slugs.ts'), []);
    assert.deepEqual(touching('src/newsroom/editor/fields.ts', 'src/newsroom/editor/picker.ts'), []);
  });

  it('reports nothing for the correctly layered modules', () => {
    const clean = ['src/site/routes.ts', 'src/app.tsx', 'src/main.ts', 'src/http/errors.ts'];
    assert.deepEqual(violations.filter((v) => clean.includes(v.from)), []);
  });

  it('finds no violation in the real tree', async () => {
    const real = await cruise(projectRoot);
    assert.deepEqual(real.map((v) => `${v.rule.name}: ${v.from} → ${v.cycle ? v.cycle.map((step) => step.name).join(' → ') : v.to}`), []);
  });
});
