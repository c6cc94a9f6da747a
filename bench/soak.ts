/**
 * `npm run bench:soak`: a bounded soak on 127.0.0.1. Measures the capacity of a mixed reader workload (pages, feeds,
 * search, some uncached) for a few seconds, then holds 80% of it for --seconds (default 60) while readers also post
 * comments, sampling the server's resident memory. Passes when there are no errors or non-2xx/3xx answers and the
 * memory stays under --max-rss-mb (default 512). The server runs from the bundle, as `npm start` runs it. Writes its figures under "## Soak" in docs/PERFORMANCE.md.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { startServerProcess } from '../test/helpers/process.js';

const args = process.argv.slice(2);
const flag = (name: string, fallback: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const seconds = flag('seconds', 60);
const maxRssMb = flag('max-rss-mb', 512);

function rssMb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(status.match(/VmRSS:\s+(\d+)/)?.[1] ?? 0) / 1024;
}

async function main(): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gazette-soak-'));
  const server = await startServerProcess({ GAZETTE_DATA_DIR: dataDir, COMMENT_RATE_LIMIT: '100000', COMMENT_MIN_SECONDS: '0', LOG_LEVEL: 'error' }, [], { bundle: true });
  const pid = server.child.pid!;
  try {
    const home = await (await fetch(`${server.url}/`)).text();
    const stories = [...home.matchAll(/<h[23] class="teaser-title"><a href="([^"]+)"/g)].map((m) => m[1]!).slice(0, 10);
    const storyPage = await (await fetch(`${server.url}${stories[0]}`)).text();
    // The story page holds other forms with tokens of their own (following the story comes first): read the comment form's.
    const commentForm = storyPage.slice(storyPage.indexOf('id="comment-form"'));
    const articleId = commentForm.match(/name="article_id" value="(\d+)"/)![1]!;
    const token = commentForm.match(/name="form_token" value="([^"]+)"/)![1]!;
    let comment = 0;
    const requests: autocannon.Request[] = [
      ...['/', '/world', '/business', '/feed.rss', '/sitemap.xml', '/tag/ports', '/search?q=harbour', '/search?q=strike+talks', '/archive', ...stories].map((p) => ({ method: 'GET' as const, path: p })),
      {
        method: 'POST',
        path: '/comments',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        setupRequest: (request) => ({
          ...request,
          body: new URLSearchParams({ article_id: articleId, form_token: token, name: 'Soak Reader', email: `soak-${comment}@example.com`, body: `Soak comment ${comment++}` }).toString(),
        }),
      },
    ];
    const run = (options: Partial<autocannon.Options>) =>
      new Promise<autocannon.Result>((resolve, reject) => {
        autocannon({ url: server.url, connections: 50, requests, ...options }, (error, result) => (error ? reject(error) : resolve(result)));
      });

    const capacity = await run({ duration: 8 });
    const rate = Math.max(1, Math.floor(capacity.requests.average * 0.8));
    console.log(`capacity ${Math.round(capacity.requests.average)} req/s on the mixed workload; soaking at ${rate} req/s for ${seconds} s`);
    const samples: number[] = [rssMb(pid)];
    const sampler = setInterval(() => samples.push(rssMb(pid)), 1000);
    const soak = await run({ duration: seconds, overallRate: rate });
    clearInterval(sampler);
    samples.push(rssMb(pid));

    const bad = soak.errors + soak.timeouts + soak.non2xx - (soak['3xx'] ?? 0);
    const peak = Math.max(...samples);
    const report = {
      measured: new Date().toISOString(),
      capacity: Math.round(capacity.requests.average),
      rate,
      seconds,
      requests: soak.requests.total,
      p50: soak.latency.p50,
      p99: soak.latency.p99,
      errors: soak.errors,
      timeouts: soak.timeouts,
      bad,
      rssStart: Math.round(samples[0]!),
      rssPeak: Math.round(peak),
      rssEnd: Math.round(samples[samples.length - 1]!),
    };
    console.log(JSON.stringify(report, null, 2));
    writeReport(report, maxRssMb);
    if (bad > 0 || peak > maxRssMb) {
      console.error(`SOAK FAILED: ${bad} bad answers, peak RSS ${Math.round(peak)} MB (bound ${maxRssMb} MB)`);
      process.exitCode = 1;
    } else console.log(`soak passed: no errors, peak RSS ${Math.round(peak)} MB under ${maxRssMb} MB`);
  } finally {
    await server.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

function writeReport(r: Record<string, number | string>, bound: number): void {
  const file = path.resolve('docs/PERFORMANCE.md');
  const block = [
    '<!-- bench:soak:start -->',
    `Measured ${r.measured} on ${os.cpus()[0]?.model ?? 'unknown CPU'}, ${os.cpus().length} cores, one-minute load average ${os.loadavg()[0]!.toFixed(1)} at the end; demo dataset; one process; load generator on the same cores.`,
    '',
    '| capacity (mixed) | soak rate (80%) | duration | requests | p50 ms | p99 ms | errors + timeouts + bad statuses | RSS start / peak / end MB | bound MB |',
    '|---:|---:|---:|---:|---:|---:|---:|---|---:|',
    `| ${r.capacity} | ${r.rate} | ${r.seconds} s | ${r.requests} | ${r.p50} | ${r.p99} | ${r.bad} | ${r.rssStart} / ${r.rssPeak} / ${r.rssEnd} | ${bound} |`,
    '<!-- bench:soak:end -->',
  ].join('\n');
  let text = fs.readFileSync(file, 'utf8');
  if (text.includes('<!-- bench:soak:start -->')) text = text.replace(/<!-- bench:soak:start -->[\s\S]*<!-- bench:soak:end -->/, block);
  else {
    text += `\n## Soak\n\n\`npm run bench:soak\`: the mixed reader workload (home, sections, feeds, sitemaps, tag, archive, search, ten stories, and comment posts)\nat 80% of the capacity measured a moment before, for a fixed time, sampling the server's resident memory each second.\nIt fails on any error, timeout or 4xx/5xx answer, or when memory passes the bound.\n\n${block}\n`;
  }
  fs.writeFileSync(file, text);
}

await main();
