/** `gazette export --format json`: the whole site as one JSON document, written story by story. */
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import type { Db } from '../db/index.js';
import { loadSettings } from '../content/settings.js';
import { dumpRedirects, dumpSections, dumpStories, dumpTags, dumpUsers } from './site-dump.js';

export async function writeJsonExport(db: Db, siteUrl: string, out: Writable): Promise<{ stories: number }> {
  const write = async (text: string) => {
    if (!out.write(text)) await once(out, 'drain');
  };
  const head = {
    format: 'gazette-export',
    version: 1,
    exportedAt: new Date().toISOString(),
    siteUrl,
    settings: await loadSettings(db),
    sections: await dumpSections(db),
    tags: await dumpTags(db),
    users: await dumpUsers(db),
    redirects: (await dumpRedirects(db)).map((r) => ({ from: r.from_path, to: r.to_path, createdAt: r.created_at })),
  };
  await write(`${JSON.stringify(head, null, 1).replace(/\n}$/, '')},\n "stories": [`);
  let stories = 0;
  for await (const story of dumpStories(db)) {
    await write(`${stories === 0 ? '\n' : ',\n'}  ${JSON.stringify(story)}`);
    stories++;
  }
  await write('\n ]\n}\n');
  return { stories };
}
