/** `gazette user` run as a real process against the test server's database: create, list, reset-password (link and --generate). */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { signIn } from '../../test/helpers/auth.js';
import { startTestServer, type TestServer } from '../../test/helpers/server.js';

const run = promisify(execFile);
let server: TestServer;

async function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', 'src/main.ts', 'user', ...args], {
      env: { ...process.env, DATABASE_URL: server.database.url, GAZETTE_DATA_DIR: server.database.dataDir, SITE_URL: server.url, LOG_LEVEL: 'silent' },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

async function signsIn(email: string, password: string): Promise<boolean> {
  try {
    await signIn(server, email, password);
    return true;
  } catch {
    return false;
  }
}

describe('gazette user', () => {
  const email = `cli-${Date.now()}@example.test`;

  before(async () => {
    server = await startTestServer({ seed: false });
  });
  after(async () => {
    await server?.stop();
  });

  it('creates a user with a generated password that signs in', async () => {
    const created = await cli('create', '--email', email, '--name', 'Cli Person', '--role', 'editor');
    assert.equal(created.code, 0, created.stderr);
    assert.match(created.stdout, /Created editor Cli Person/);
    const password = /Password \(shown once\): (\S+)/.exec(created.stdout)?.[1];
    assert.ok(password, created.stdout);
    assert.equal(await signsIn(email, password), true);
  });

  it('creates a user with a given password, and refuses duplicates, unknown roles and short passwords', async () => {
    const given = await cli('create', '--email', 'given@example.test', '--name', 'Given Password', '--role', 'contributor', '--password', 'chosen by hand');
    assert.equal(given.code, 0, given.stderr);
    assert.doesNotMatch(given.stdout, /shown once/);
    assert.equal(await signsIn('given@example.test', 'chosen by hand'), true);

    const duplicate = await cli('create', '--email', email.toUpperCase(), '--name', 'Again', '--role', 'editor');
    assert.equal(duplicate.code, 1);
    assert.match(duplicate.stderr, /already a user with the email/);
    const badRole = await cli('create', '--email', 'x@example.test', '--name', 'X', '--role', 'boss');
    assert.equal(badRole.code, 2);
    assert.match(badRole.stderr, /--role must be one of contributor, author, editor, admin/);
    const missing = await cli('create', '--email', 'y@example.test', '--role', 'author');
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /--name is required/);
    const short = await cli('create', '--email', 'z@example.test', '--name', 'Z', '--role', 'author', '--password', 'short');
    assert.equal(short.code, 1);
    assert.match(short.stderr, /at least 10 characters/);
    assert.doesNotMatch((await cli('list')).stdout, /z@example\.test/, 'nothing was stored');
  });

  it('lists users with role and status', async () => {
    const listed = await cli('list');
    assert.equal(listed.code, 0, listed.stderr);
    assert.match(listed.stdout, /^ID\s+ROLE\s+STATUS\s+EMAIL\s+NAME/m);
    assert.match(listed.stdout, new RegExp(`editor\\s+active\\s+${email.replace(/\./g, '\\.')}\\s+Cli Person`));
    assert.match(listed.stdout, /admin\s+active\s+admin@gazette\.local/, 'the first-run admin is there too');
  });

  it('prints a one-time reset link that sets a new password through the newsroom', async () => {
    const reset = await cli('reset-password', email);
    assert.equal(reset.code, 0, reset.stderr);
    const link = /(https?:\/\/\S+\/newsroom\/reset-password\/[A-Za-z0-9_-]+)/.exec(reset.stdout)?.[1];
    assert.ok(link, reset.stdout);
    const path = new URL(link).pathname;
    assert.ok(link.startsWith(server.url), 'the link uses SITE_URL');
    const set = await fetch(`${server.url}${path}`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ password: 'set from the cli link' }).toString(),
    });
    assert.equal(set.status, 303);
    assert.equal(await signsIn(email, 'set from the cli link'), true);
    assert.equal((await fetch(`${server.url}${path}`)).status, 410, 'the link works once');
  });

  it('sets and prints a generated password with --generate, signing the user out everywhere', async () => {
    const before = await signIn(server, email, 'set from the cli link');
    const generated = await cli('reset-password', email, '--generate');
    assert.equal(generated.code, 0, generated.stderr);
    const password = /\(shown once\): (\S+)/.exec(generated.stdout)?.[1];
    assert.ok(password, generated.stdout);
    assert.match(generated.stdout, /Signed out of 2 sessions\./, 'the reset-link sign-in and this one');
    assert.equal((await fetch(`${server.url}/newsroom`, { redirect: 'manual', headers: { cookie: before.cookie } })).status, 303);
    assert.equal(await signsIn(email, 'set from the cli link'), false);
    assert.equal(await signsIn(email, password), true);
  });

  it('says so when there is no such user or no sub-command', async () => {
    const unknown = await cli('reset-password', 'nobody@example.test');
    assert.equal(unknown.code, 1);
    assert.match(unknown.stderr, /no user with the email nobody@example\.test/);
    assert.equal((await cli()).code, 2);
    assert.equal((await cli('promote')).code, 2);
  });
});
