// The README promises Node 20: every package the lockfile installs must accept the oldest Node that package.json's `engines` admits,
// or `npm ci` warns EBADENGINE (cookie@2 wanted Node 22).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { test } from 'node:test';

type Version = [number, number, number];

function parse(text: string): Version {
  const parts = text.replace(/^v/, '').split('.').map((part) => (/^\d+$/.test(part) ? Number(part) : 0));
  return [parts[0] ?? 0, parts[1] ?? 0, parts[2] ?? 0];
}

function compare(a: Version, b: Version): number {
  return a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
}

/** Whether `version` satisfies one comparator (`>=20.9`, `^20.3.0`, `20.x`, `*`). */
function satisfiesOne(version: Version, comparator: string): boolean {
  const match = /^(>=|<=|>|<|\^|~|=)?\s*v?([\dx*.]+)$/.exec(comparator.trim());
  if (!match) throw new Error(`Unreadable engines comparator "${comparator}"`);
  const [, op = '', raw = ''] = match;
  if (raw === '*' || raw === 'x') return true;
  const given = raw.split('.').filter((part) => /^\d+$/.test(part)).length;
  const bound = parse(raw);
  const order = compare(version, bound);
  switch (op) {
    case '>=':
      return order >= 0;
    case '>':
      return order > 0;
    case '<=':
      return order <= 0;
    case '<':
      return order < 0;
    case '^':
      return order >= 0 && version[0] === bound[0];
    case '~':
      return order >= 0 && version[0] === bound[0] && (given < 2 || version[1] === bound[1]);
    default:
      // A bare or partial version (`20`, `20.x`, `20.3.0`) matches what it names.
      return bound.slice(0, given).every((part, index) => version[index] === part);
  }
}

export function satisfies(version: string, range: string): boolean {
  const v = parse(version);
  return range.split('||').some((set) => {
    const comparators = set.trim().replace(/(>=|<=|>|<|\^|~|=)\s+/g, '$1').split(/\s+/).filter(Boolean);
    return comparators.every((comparator) => satisfiesOne(v, comparator));
  });
}

test('the range check reads the forms the lockfile uses', () => {
  assert.equal(satisfies('20.19.0', '>=22'), false);
  assert.equal(satisfies('20.19.0', '^18.18.0 || ^20.9.0 || >=21.1.0'), true);
  assert.equal(satisfies('20.19.0', '20.x || 22.x'), true);
  assert.equal(satisfies('20.19.0', '>= 10.x'), true);
  assert.equal(satisfies('20.19.0', '^20.19.0 || ^22.13.0 || >=24'), true);
  assert.equal(satisfies('20.18.0', '>=20.19.0'), false);
});

test('every locked package accepts the oldest Node that package.json and the README promise', () => {
  const pkg = JSON.parse(fs.readFileSync('package.json', 'utf8')) as { engines: { node: string } };
  const floor = /^>=\s*(\d+(?:\.\d+){0,2})$/.exec(pkg.engines.node)?.[1];
  assert.ok(floor, `package.json engines.node should be a plain ">=" floor, got "${pkg.engines.node}"`);
  const readme = fs.readFileSync('README.md', 'utf8');
  assert.match(readme, new RegExp(`Requires Node\\.js ${floor.replace(/\./g, '\\.')} or newer`), 'the README promises the same Node as engines');
  const lock = JSON.parse(fs.readFileSync('package-lock.json', 'utf8')) as { packages: Record<string, { engines?: { node?: string } }> };
  const ranges = Object.entries(lock.packages).filter(([name, entry]) => name && entry.engines?.node);
  assert.ok(ranges.length > 0, 'the lockfile records engines ranges');
  const refused = ranges.filter(([, entry]) => !satisfies(floor, entry.engines!.node!)).map(([name, entry]) => `${name} (${entry.engines!.node})`);
  assert.deepEqual(refused, []);
});
