import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startTestServer, type TestServer } from '../../../test/helpers/server.js';
import { runGazette, startGazette } from '../testing.js';

const posts = 400;

function writeExport(file: string): void {
  const items: string[] = [];
  for (let i = 1; i <= posts; i++) {
    const day = String((i % 28) + 1).padStart(2, '0');
    items.push(`<item><title>Harbour log entry ${i}</title><dc:creator>keeper</dc:creator>
<content:encoded><![CDATA[Entry ${i}: the tide came in.

The boats went out.]]></content:encoded>
<wp:post_id>${i}</wp:post_id><wp:post_date_gmt>2025-03-${day} 08:00:00</wp:post_date_gmt><wp:post_name>log-${i}</wp:post_name>
<wp:status>publish</wp:status><wp:post_type>post</wp:post_type>
<category domain="category" nicename="log"><![CDATA[Log]]></category>
<category domain="post_tag" nicename="tide-${i % 5}"><![CDATA[Tide ${i % 5}]]></category>
<wp:comment><wp:comment_id>${i}000</wp:comment_id><wp:comment_author>Reader ${i}</wp:comment_author><wp:comment_author_email>r${i}@example.org</wp:comment_author_email>
<wp:comment_date_gmt>2025-03-${day} 09:00:00</wp:comment_date_gmt><wp:comment_content>Noted, entry ${i}.</wp:comment_content><wp:comment_approved>1</wp:comment_approved><wp:comment_parent>0</wp:comment_parent></wp:comment>
</item>`);
  }
  fs.writeFileSync(
    file,
    `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel><title>Harbour log</title><link>https://log.example</link><wp:wxr_version>1.2</wp:wxr_version><wp:base_site_url>https://log.example</wp:base_site_url>
<wp:author><wp:author_login>keeper</wp:author_login><wp:author_email>keeper@log.example</wp:author_email><wp:author_display_name>The Keeper</wp:author_display_name></wp:author>
${items.join('\n')}
</channel></rss>
`,
  );
}

describe('an import killed half-way', () => {
  let server: TestServer;
  let file: string;
  before(async () => {
    server = await startTestServer({ seed: false });
    file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'gazette-resume-')), 'log.xml');
    writeExport(file);
  });
  after(async () => {
    await server.stop();
    fs.rmSync(path.dirname(file), { recursive: true, force: true });
  });

  const count = async (table: 'articles' | 'comments' | 'revisions') =>
    Number((await server.ctx.store.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

  it('completes on the next run, with every post and comment exactly once', async () => {
    const child = startGazette(server, ['import', 'wordpress', file]);
    let stderr = '';
    const killed = new Promise<void>((resolve) => {
      child.stderr?.on('data', (chunk: Buffer) => {
        stderr += chunk.toString();
        if (/import: [3-9]0%/.test(stderr) && child.exitCode === null && !child.killed) {
          child.kill('SIGKILL');
        }
      });
      child.on('close', () => resolve());
    });
    await killed;
    assert.equal(child.signalCode, 'SIGKILL', `the import was killed mid-way (stderr: ${stderr.slice(-200)})`);
    const partial = await count('articles');
    assert.ok(partial > 0 && partial < posts, `part of the posts were imported before the kill (${partial})`);
    assert.equal(await count('comments'), partial, 'a post and its comments are saved together or not at all');

    const rerun = await runGazette(server, ['import', 'wordpress', file, '--quiet']);
    assert.equal(rerun.code, 0, rerun.stderr);
    assert.match(rerun.stdout, new RegExp(`posts\\s+${posts - partial} new, ${partial} already imported`));
    assert.equal(await count('articles'), posts);
    assert.equal(await count('comments'), posts);
    assert.equal(await count('revisions'), posts, 'no story was saved twice');
    const titles = await server.ctx.store.db.selectFrom('articles').select('title').distinct().execute();
    assert.equal(titles.length, posts);
  });
});
