/**
 * The bounded Server-Sent Events client of `npm run bench:live`, run as its own process (so the readers' parsing is
 * not on the benchmark's clock): it holds N raw TCP connections to one live story's stream, opened a bounded number at
 * a time, and notes when each event id reaches each reader. No EventSource objects: one socket and one small string
 * per reader. Driven by the parent over the IPC channel; it ends when told to, or after `maxSeconds` by itself.
 */
import net from 'node:net';

export type ReaderCommand =
  | { type: 'open'; port: number; path: string; count: number; concurrency: number }
  | { type: 'posted'; id: number; sentAt: number; answeredAt: number }
  | { type: 'report'; ids: number[] }
  | { type: 'watch-close' }
  | { type: 'exit' };

export interface LatencyStats {
  n: number;
  p50: number;
  p99: number;
  max: number;
}

export type ReaderMessage =
  | { type: 'ready' }
  | { type: 'opened'; connected: number; failed: number; ms: number; errors: string[] }
  | { type: 'report'; frameBytes: number; fromAnswer: LatencyStats; fromSend: LatencyStats; beforeAnswer: number; missed: number; duplicates: number; open: number; lastArrivalPerUpdate: LatencyStats }
  | { type: 'closed'; clean: number; reset: number; ms: number; stillOpen: number };

const now = () => performance.timeOrigin + performance.now();
const send = (message: ReaderMessage) => process.send?.(message);
const maxSeconds = Number(process.env.BENCH_LIVE_MAX_SECONDS ?? 900);
setTimeout(() => process.exit(3), maxSeconds * 1000).unref();

interface Reader {
  socket: net.Socket;
  pending: string;
  open: boolean;
  ended: 'clean' | 'reset' | null;
  endedAt: number;
}

const readers: Reader[] = [];
/** Arrival time of each event id at each reader (NaN: not arrived), and how often it arrived. */
const arrivals = new Map<number, { at: Float64Array; count: Uint16Array }>();
const posted = new Map<number, { sentAt: number; answeredAt: number }>();
let closingSince = 0;
/** Sizes of the events the first reader received, for the baseline to send frames of the same size. */
const frameSizes: number[] = [];

function arrivalsOf(id: number) {
  let entry = arrivals.get(id);
  if (!entry) {
    entry = { at: new Float64Array(readers.length).fill(Number.NaN), count: new Uint16Array(readers.length) };
    arrivals.set(id, entry);
  }
  return entry;
}

function consume(index: number, reader: Reader, chunk: string): void {
  const at = now();
  reader.pending += chunk;
  const end = reader.pending.lastIndexOf('\n\n');
  if (end === -1) return;
  const complete = reader.pending.slice(0, end);
  reader.pending = reader.pending.slice(end + 2);
  if (index === 0) for (const block of complete.split('\n\n')) if (block.includes('id: ')) frameSizes.push(block.replace(/^(\r\n)?[0-9a-f]+\r\n/, '').length + 2);
  // Event ids are the only lines that start with "id: "; chunk-size lines and JSON never do.
  for (const match of complete.matchAll(/^id: (\d+)\r?$/gm)) {
    const entry = arrivalsOf(Number(match[1]));
    if (Number.isNaN(entry.at[index]!)) entry.at[index] = at;
    entry.count[index]!++;
  }
}

function connect(index: number, port: number, path: string): Promise<string | null> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    const reader: Reader = { socket, pending: '', open: false, ended: null, endedAt: 0 };
    readers[index] = reader;
    // Ids are ASCII: latin1 decodes them for a fraction of UTF-8's cost.
    socket.setEncoding('latin1');
    socket.setNoDelay(true);
    let headers = '';
    socket.on('connect', () => socket.write(`GET ${path} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nAccept: text/event-stream\r\nCache-Control: no-cache\r\n\r\n`));
    socket.on('data', (chunk: string) => {
      if (reader.open) return consume(index, reader, chunk);
      headers += chunk;
      const split = headers.indexOf('\r\n\r\n');
      if (split === -1) return;
      const status = /^HTTP\/1\.1 (\d+)/.exec(headers)?.[1];
      if (status !== '200') {
        socket.destroy();
        return resolve(`answered ${status ?? '?'}`);
      }
      reader.open = true;
      resolve(null);
      consume(index, reader, headers.slice(split + 4));
    });
    socket.on('end', () => {
      reader.ended ??= 'clean';
      reader.endedAt = now();
      socket.end();
    });
    socket.on('error', (error) => {
      reader.ended ??= 'reset';
      reader.endedAt = now();
      if (!reader.open) resolve(error.message);
    });
    socket.on('close', () => {
      reader.open = false;
      if (!reader.ended) {
        reader.ended = 'reset';
        reader.endedAt = now();
      }
    });
  });
}

async function open(command: Extract<ReaderCommand, { type: 'open' }>): Promise<void> {
  const started = now();
  readers.length = command.count;
  let next = 0;
  let failed = 0;
  const errors = new Set<string>();
  const worker = async () => {
    while (next < command.count) {
      const index = next++;
      const error = await connect(index, command.port, command.path);
      if (error) {
        failed++;
        errors.add(error);
      }
    }
  };
  await Promise.all(Array.from({ length: command.concurrency }, worker));
  send({ type: 'opened', connected: readers.filter((r) => r.open).length, failed, ms: now() - started, errors: [...errors].slice(0, 5) });
}

function stats(values: Float64Array | number[]): LatencyStats {
  const sorted = Float64Array.from(values).sort();
  if (sorted.length === 0) return { n: 0, p50: Number.NaN, p99: Number.NaN, max: Number.NaN };
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
  return { n: sorted.length, p50: at(0.5), p99: at(0.99), max: sorted[sorted.length - 1]! };
}

function report(ids: number[]): void {
  const fromAnswer: number[] = [];
  const fromSend: number[] = [];
  const lastPerUpdate: number[] = [];
  let beforeAnswer = 0;
  let missed = 0;
  let duplicates = 0;
  for (const id of ids) {
    const post = posted.get(id);
    const entry = arrivals.get(id);
    if (!post) continue;
    let last = 0;
    for (let i = 0; i < readers.length; i++) {
      const at = entry ? entry.at[i]! : Number.NaN;
      if (Number.isNaN(at)) {
        missed++;
        continue;
      }
      if (entry!.count[i]! > 1) duplicates++;
      // An event can reach a reader before the post's own answer reaches the journalist: that is no delay at all.
      if (at < post.answeredAt) beforeAnswer++;
      fromAnswer.push(Math.max(0, at - post.answeredAt));
      fromSend.push(at - post.sentAt);
      last = Math.max(last, at - post.answeredAt);
    }
    lastPerUpdate.push(last);
  }
  const sizes = [...frameSizes].sort((a, b) => a - b);
  send({
    type: 'report',
    frameBytes: sizes.length ? sizes[Math.floor(sizes.length / 2)]! : 1000,
    fromAnswer: stats(fromAnswer),
    fromSend: stats(fromSend),
    beforeAnswer,
    missed,
    duplicates,
    open: readers.filter((r) => r.open).length,
    lastArrivalPerUpdate: stats(lastPerUpdate),
  });
}

function watchClose(): void {
  closingSince = now();
  const timer = setInterval(() => {
    const stillOpen = readers.filter((r) => !r.ended).length;
    if (stillOpen > 0 && now() - closingSince < 20_000) return;
    clearInterval(timer);
    const clean = readers.filter((r) => r.ended === 'clean').length;
    const reset = readers.filter((r) => r.ended === 'reset').length;
    const lastEnd = Math.max(...readers.map((r) => r.endedAt));
    send({ type: 'closed', clean, reset, ms: lastEnd - closingSince, stillOpen });
  }, 50);
}

process.on('message', (command: ReaderCommand) => {
  if (command.type === 'open') void open(command);
  else if (command.type === 'posted') posted.set(command.id, { sentAt: command.sentAt, answeredAt: command.answeredAt });
  else if (command.type === 'report') report(command.ids);
  else if (command.type === 'watch-close') watchClose();
  else if (command.type === 'exit') {
    for (const reader of readers) reader?.socket.destroy();
    process.exit(0);
  }
});
process.on('disconnect', () => process.exit(0));
send({ type: 'ready' });
