/**
 * `npm run bench:queries`: SQL statements per request for the writes and reads the commands refactor is measured by
 * (issue 13): a publish from the newsroom, a reader's comment, a moderator's approval, and an uncached story page.
 * Runs a real server in this process on SQLite, and on PostgreSQL too when TEST_DATABASE_URL is set; counts every
 * statement the drivers run (BEGIN and COMMIT included) while one request is answered. Prints a table; `--write`
 * also puts it under "## Queries per request" in docs/PERFORMANCE.md.
 */
import fs from 'node:fs';
import { ensureSection } from '../src/content/articles.js';
import { findStory } from '../src/content/queries.js';
import { countQueries, installQueryCounter } from '../test/helpers/query-count.js';
import { get, startTestServer, type TestServer } from '../test/helpers/server.js';
import { createTestUser, signIn, type SignedIn } from '../test/helpers/auth.js';

installQueryCounter();

type Figures = Record<string, number>;

function form(session: SignedIn, fields: Record<string, string | string[]>): string {
  const body = new URLSearchParams({ _csrf: session.csrf });
  for (const [name, value] of Object.entries(fields)) for (const v of Array.isArray(value) ? value : [value]) body.append(name, v);
  return body.toString();
}

function post(server: TestServer, session: SignedIn | null, path: string, body: string): Promise<Response> {
  return get(server, path, {
    method: 'POST',
    headers: { ...(session ? { cookie: session.cookie } : {}), 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
    body,
  });
}

async function expectStatus(response: Response, status: number, what: string): Promise<void> {
  if (response.status !== status) throw new Error(`${what} answered ${response.status}, expected ${status}: ${(await response.text()).slice(0, 300)}`);
  await response.arrayBuffer();
}

async function measure(engine: 'sqlite' | 'postgres'): Promise<Figures> {
  process.env.GAZETTE_TEST_ENGINE = engine;
  const server = await startTestServer({ seed: false });
  try {
    const sectionId = await ensureSection(server.ctx.store.db, { slug: 'city', name: 'City' });
    const editor = await createTestUser(server, 'editor');
    const session = await signIn(server, editor.email, editor.password);
    const story = {
      title: 'Bridge to reopen after repairs', dek: 'Traffic returns on Monday.', section_id: String(sectionId), author_ids: [String(editor.id)],
      body_html: '<p>The river crossing has been shut since spring.</p><figure class="quote"><blockquote><p>It reopens on Monday.</p></blockquote><figcaption><cite>City Transit</cite></figcaption></figure>',
      tags: 'Transport, City hall', comments_open: 'on',
    };
    const created = await post(server, session, '/newsroom/stories', form(session, { ...story, action: 'save' }));
    await expectStatus(created, 303, 'saving the draft');
    const id = Number(/\/newsroom\/stories\/(\d+)/.exec(created.headers.get('location') ?? '')?.[1]);
    const editPage = await (await get(server, `/newsroom/stories/${id}`, { headers: { cookie: session.cookie } })).text();
    const version = /name="version" value="(\d+)"/.exec(editPage)?.[1] ?? '1';

    const figures: Figures = {};
    const publish = await countQueries(() => post(server, session, `/newsroom/stories/${id}`, form(session, { ...story, action: 'publish', version })));
    await expectStatus(publish.result, 303, 'publishing');
    figures['publish from the newsroom'] = publish.queries;

    const url = (await findStory(server.ctx.store.db, { id }))!.url;
    const render = await countQueries(() => get(server, url));
    await expectStatus(render.result, 200, 'the story page');
    figures['story page, uncached'] = render.queries;

    const token = ((await (await get(server, `/comments/form-token?article=${id}`)).json()) as { token: string }).token;
    const comment = await countQueries(() => post(server, null, '/comments', new URLSearchParams({
      article_id: String(id), name: 'A reader', email: 'reader@example.test', body: 'When does the first bus cross again?', form_token: token, website: '',
    }).toString()));
    await expectStatus(comment.result, 303, 'the comment');
    figures["reader's comment"] = comment.queries;

    const held = await server.ctx.store.db.selectFrom('comments').select('id').where('article_id', '=', id).executeTakeFirstOrThrow();
    const approval = await countQueries(() => post(server, session, '/newsroom/comments', form(session, { one: `${held.id}:approve`, status: 'pending' })));
    await expectStatus(approval.result, 303, 'the approval');
    figures['approval of a comment'] = approval.queries;
    return figures;
  } finally {
    await server.stop();
  }
}

async function main(): Promise<void> {
  const engines: ('sqlite' | 'postgres')[] = process.env.TEST_DATABASE_URL ? ['sqlite', 'postgres'] : ['sqlite'];
  if (!process.env.TEST_DATABASE_URL) console.warn('TEST_DATABASE_URL is not set: measuring SQLite only.');
  const results = new Map<string, Figures>();
  for (const engine of engines) results.set(engine, await measure(engine));
  const rows = Object.keys(results.get('sqlite')!);
  const lines = [
    `| request | ${engines.map((e) => (e === 'sqlite' ? 'SQLite' : 'PostgreSQL')).join(' | ')} |`,
    `|---|${engines.map(() => '---:').join('|')}|`,
    ...rows.map((row) => `| ${row} | ${engines.map((e) => results.get(e)![row]).join(' | ')} |`),
  ];
  console.log(lines.join('\n'));
  if (process.argv.includes('--write')) {
    const file = new URL('../docs/PERFORMANCE.md', import.meta.url);
    const doc = fs.readFileSync(file, 'utf8');
    const section = `## Queries per request\n\nStatements the database drivers ran while one request was answered (\`npm run bench:queries\`, ${new Date().toISOString().slice(0, 10)}), BEGIN and COMMIT included. Work a request starts in the background and that runs while it is\nanswered counts too, so a figure can move by one between runs.\n\n${lines.join('\n')}\n`;
    const pattern = /## Queries per request\n[\s\S]*?(?=\n## |$)/;
    fs.writeFileSync(file, pattern.test(doc) ? doc.replace(pattern, section) : `${doc.trimEnd()}\n\n${section}`);
  }
}

await main();
