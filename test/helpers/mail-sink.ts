/**
 * A real SMTP server (smtp-server from npm) on 127.0.0.1 that records every message and parses it with mailparser,
 * for newsletter tests and the benchmark. It can refuse chosen recipients (a 4xx or 5xx answer), or go away.
 */
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface SinkMessage {
  to: string[];
  raw: string;
  parsed: ParsedMail | null;
}

export interface MailSink {
  url: string;
  port: number;
  messages: SinkMessage[];
  /** Messages received, kept or not. */
  total(): number;
  /** How many messages each recipient received. */
  counts: Map<string, number>;
  /** Answers RCPT TO for this address with this code (e.g. 450 or 550) until cleared. */
  refuse(address: string, code: number | null): void;
  /** Waits until `n` messages arrived (or the timeout passes, then throws). */
  waitFor(n: number, timeoutMs?: number): Promise<void>;
  /** The parsed messages to one address, in arrival order. */
  to(address: string): ParsedMail[];
  close(): Promise<void>;
}

/** `parse: false` skips mailparser; `keep: false` keeps only the counts (the benchmark: 100,000 messages would not fit). */
export async function startMailSink(options: { parse?: boolean; keep?: boolean; port?: number } = {}): Promise<MailSink> {
  const parse = (options.parse ?? true) && options.keep !== false;
  const keep = options.keep ?? true;
  let total = 0;
  const messages: SinkMessage[] = [];
  const counts = new Map<string, number>();
  const refusals = new Map<string, number>();
  const waiters: { n: number; resolve: () => void }[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    size: 10 * 1024 * 1024,
    onRcptTo(address, _session, callback) {
      const code = refusals.get(address.address.toLowerCase());
      if (code) {
        const error = new Error(code >= 500 ? 'No such user here' : 'Mailbox busy, try later') as Error & { responseCode: number };
        error.responseCode = code;
        return callback(error);
      }
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const to = session.envelope.rcptTo.map((r) => r.address.toLowerCase());
        const message: SinkMessage = { to, raw, parsed: null };
        const done = () => {
          total++;
          if (keep) messages.push(message);
          for (const address of to) counts.set(address, (counts.get(address) ?? 0) + 1);
          for (const waiter of [...waiters]) {
            if (total >= waiter.n) {
              waiters.splice(waiters.indexOf(waiter), 1);
              waiter.resolve();
            }
          }
          callback();
        };
        if (!parse) return done();
        simpleParser(raw).then((parsed) => {
          message.parsed = parsed;
          done();
        }, (error: Error) => callback(error));
      });
    },
  });
  // A client killed mid-conversation (the crash test, the benchmark's --kill) resets its connections: not the sink's fault.
  server.on('error', () => undefined);
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const port = (server.server.address() as { port: number }).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    port,
    messages,
    total: () => total,
    counts,
    refuse(address, code) {
      if (code === null) refusals.delete(address.toLowerCase());
      else refusals.set(address.toLowerCase(), code);
    },
    waitFor(n, timeoutMs = 20_000) {
      if (total >= n) return Promise.resolve();
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`expected ${n} messages, got ${total}`)), timeoutMs);
        waiters.push({ n, resolve: () => { clearTimeout(timer); resolve(); } });
      });
    },
    to(address) {
      return messages.filter((m) => m.to.includes(address.toLowerCase()) && m.parsed).map((m) => m.parsed!);
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
