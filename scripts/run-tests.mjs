// Runs every *.test.ts(x) with node's test runner: once on SQLite, then again on PostgreSQL when TEST_DATABASE_URL is set.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

function find(dir, out = []) {
  if (!fs.existsSync(dir)) return out;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules' && entry.name !== 'fixtures') find(full, out);
    } else if (/\.test\.tsx?$/.test(entry.name)) out.push(full);
  }
  return out;
}

const filter = process.argv.slice(2);
const all = [...find('src'), ...find('test')].sort();
const files = filter.length ? all.filter((f) => filter.some((part) => f.includes(part))) : all;
if (files.length === 0) {
  console.error('No test files matched.');
  process.exit(1);
}
// Browser tests drive a real Chromium once; they do not depend on the database engine.
const browserTests = files.filter((f) => /from ['"](playwright-core|\.\.\/helpers\/browser\.js)['"]/.test(fs.readFileSync(f, 'utf8')));
const engineTests = files.filter((f) => !browserTests.includes(f));
// Lighthouse scores page speed from a trace of the page loading: with another browser test on the same cores its
// performance score falls by 10-20 points, so it runs last, on its own.
const speedAudits = browserTests.filter((f) => /lighthouse\.test\.tsx?$/.test(f));
const otherBrowserTests = browserTests.filter((f) => !speedAudits.includes(f));

// Every server under test logs the routes it answered here; the last step checks that each route was called.
const routeLog = path.join(os.tmpdir(), `gazette-routes-${process.pid}.log`);
fs.rmSync(routeLog, { force: true });

function run(label, list, env) {
  if (list.length === 0) return 0;
  console.log(`\n=== ${label}: ${list.length} test files ===`);
  const result = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=2', ...list], {
    stdio: 'inherit',
    env: { ...process.env, GAZETTE_ROUTE_LOG: routeLog, ...env },
  });
  return result.status ?? 1;
}

let failed = 0;
failed |= run('SQLite', engineTests, { GAZETTE_TEST_ENGINE: 'sqlite' });
if (process.env.TEST_DATABASE_URL) {
  failed |= run('PostgreSQL', engineTests, { GAZETTE_TEST_ENGINE: 'postgres' });
} else {
  console.warn('\n' + '!'.repeat(78));
  console.warn('!! SKIPPED: the PostgreSQL run. Set TEST_DATABASE_URL=postgres://... to run the suite on PostgreSQL.');
  console.warn('!'.repeat(78) + '\n');
}
failed |= run('Browser (Chromium)', otherBrowserTests, { GAZETTE_TEST_ENGINE: 'sqlite' });
failed |= run('Lighthouse (alone)', speedAudits, { GAZETTE_TEST_ENGINE: 'sqlite' });
if (filter.length === 0) failed |= run('Route coverage', [path.join('test', 'coverage', 'route-coverage.check.ts')], {});
fs.rmSync(routeLog, { force: true });
process.exit(failed ? 1 : 0);
