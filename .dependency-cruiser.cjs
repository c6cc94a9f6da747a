/**
 * The layers of Gazette and the direction their imports may take; `npm run check` fails on any violation.
 * docs/ARCHITECTURE.md draws the same picture. From top to bottom:
 *   compose  src/app.tsx, src/main.ts: wires everything together
 *   faces    site, newsroom, api, feeds, cli: parse input, call the domain, render
 *   edge     http, cache: request plumbing every face shares
 *   domain   accounts, search, media, content, comments, webhooks, importers, demo, live, sources, places, newsletters: the rules and the writes
 *   kernel   context, events, site-events, bootstrap: the AppContext and the event bus
 *   base     db, net, config, errors, plural, slugs, html-text, source-files: leaf helpers
 * The kernel's event bus gathers each capability's event map (src/<capability>/events.ts); those files hold types
 * only and may import nothing but base and kernel.
 */
const compose = '^src/(app\\.tsx|main\\.ts)$';
const faces = '^src/(site|newsroom|api|feeds|cli)/';
const edge = '^src/(http|cache)/';
const domain = '^src/(accounts|search|media|content|comments|webhooks|importers|demo|live|sources|places|newsletters)/';
const kernel = '^src/(context|events|site-events|bootstrap)\\.ts$';
const base = ['^src/(db|net)/', '^src/(config|errors|plural|slugs|html-text|source-files)\\.ts$'];
const eventMaps = '^src/(content|comments|live|sources|places|newsletters)/events\\.ts$';
/**
 * Face modules every face may use: request plumbing lives in src/http (edge); render.ts and format.ts are the site's
 * page shell, and story-page.tsx renders a story and home-page.tsx the front, so the newsroom's previews show exactly what readers
 * will see.
 */
const sharedFaceModules = ['^src/site/render\\.ts$', '^src/site/views/format\\.ts$', '^src/site/story-page\\.tsx$', '^src/site/home-page\\.tsx$'];

module.exports = {
  forbidden: [
    {
      name: 'domain-imports-face-or-edge',
      comment: 'Domain code knows nothing of routes, HTTP or caches: return values or throw CommandError, emit events.',
      severity: 'error',
      from: { path: domain },
      to: { path: [faces, edge, compose] },
    },
    {
      name: 'domain-imports-fastify',
      comment: 'Domain code must not depend on the web framework; scheduling and hooks belong to a face or to app.tsx.',
      severity: 'error',
      from: { path: domain },
      to: { path: '(^|/)node_modules/(fastify|fastify-plugin|@fastify/[^/]+)/' },
    },
    {
      name: 'base-imports-above',
      comment: 'Base modules are leaves: they may import only other base modules and packages.',
      severity: 'error',
      from: { path: base },
      to: { path: [compose, faces, edge, domain, kernel] },
    },
    {
      name: 'kernel-imports-above',
      comment: 'The kernel builds the context from base parts; of the domain it may only gather the event maps.',
      severity: 'error',
      from: { path: kernel },
      to: { path: [compose, faces, edge, domain], pathNot: eventMaps },
    },
    {
      name: 'event-map-imports-domain',
      comment: 'Event maps are read by the kernel, so they may import only base and kernel modules, and types of their own capability.',
      severity: 'error',
      from: { path: eventMaps },
      to: { path: [compose, faces, edge, domain], pathNot: [eventMaps, '^src/$1/'] },
    },
    {
      name: 'event-map-runtime-import',
      comment: 'An event map may name its own capability\'s types (the story an event carries), never load its code.',
      severity: 'error',
      from: { path: eventMaps },
      to: { path: '^src/$1/', pathNot: eventMaps, dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'edge-imports-face',
      comment: 'http and cache serve every face, so they may not depend on one.',
      severity: 'error',
      from: { path: edge },
      to: { path: [faces, compose] },
    },
    {
      name: 'face-imports-other-face',
      comment: 'A face never uses another face\'s routes; share through src/http, the domain, or the shared site modules.',
      severity: 'error',
      from: { path: '^src/(site|newsroom|api|feeds|cli)/' },
      to: { path: faces, pathNot: ['^src/$1/', ...sharedFaceModules] },
    },
    {
      name: 'imports-compose',
      comment: 'Only the entry points wire the app together; nothing imports them back (the CLI starts the server through main.ts).',
      severity: 'error',
      from: { path: '^src/', pathNot: [compose, '^src/cli/'] },
      to: { path: compose },
    },
    {
      name: 'folder-cycle',
      comment: 'Capabilities form a hierarchy: two folders must not import each other, directly or through others.',
      severity: 'error',
      scope: 'folder',
      from: { path: '^src/' },
      to: { circular: true },
    },
    {
      name: 'editor-imports-server-code',
      comment: 'The editor runs in the browser (bundled by esbuild): it may import its own folder and src/slugs.ts only.',
      severity: 'error',
      from: { path: '^src/newsroom/editor/', pathNot: '^src/newsroom/editor/bundle\\.ts$' },
      to: { path: '^src/', pathNot: ['^src/newsroom/editor/', '^src/slugs\\.ts$'] },
    },
    {
      name: 'not-in-a-layer',
      comment: 'Every module under src belongs to a layer; place a new folder or file in .dependency-cruiser.cjs.',
      severity: 'error',
      from: { path: '^src/', pathNot: [compose, faces, edge, domain, kernel, ...base] },
      to: {},
    },
  ],
  options: {
    doNotFollow: { path: ['node_modules'] },
    exclude: { path: ['\\.test\\.tsx?$', '^test/', '^src/[^/]+/testing\\.ts$', '/assets/'] },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    combinedDependencies: false,
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.json'],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
