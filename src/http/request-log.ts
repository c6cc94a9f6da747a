/**
 * One log line per request. `LOG_FORMAT=json` (the default when stdout is not a terminal): pino's JSON, one line per
 * request. `LOG_FORMAT=pretty` (the default on a terminal): `GET /world 200 4.1 ms`, without static assets, and other
 * messages as `WARN message` with an error's stack below. Page-cache hits are answered before Fastify and never logged.
 */
import type { FastifyInstance, FastifyServerOptions } from 'fastify';
import type { Config } from '../config.js';

/** Files rather than pages: left out of the pretty log. */
const assetPath = /^\/(?:assets\/|media\/|newsroom\/assets\/|newsroom\/editor\/|api\/v1\/docs\.css|favicon\.ico)/;

const levelNames: Record<number, string> = { 10: 'TRACE', 20: 'DEBUG', 30: 'INFO', 40: 'WARN', 50: 'ERROR', 60: 'FATAL' };

interface LogRecord {
  level?: number;
  msg?: string;
  req?: { method?: string; url?: string };
  res?: { statusCode?: number };
  responseTime?: number;
  err?: { message?: string; stack?: string };
}

/** Turns one pino JSON line into what a person reads on a terminal. */
export function prettyLine(json: string): string {
  let record: LogRecord;
  try {
    record = JSON.parse(json) as LogRecord;
  } catch {
    return json.trimEnd();
  }
  if (record.req && record.res && typeof record.responseTime === 'number') {
    return `${record.req.method ?? '?'} ${record.req.url ?? '?'} ${record.res.statusCode ?? '?'} ${record.responseTime.toFixed(1)} ms`;
  }
  const level = record.level ?? 30;
  const head = level === 30 ? (record.msg ?? '') : `${levelNames[level] ?? 'LOG'} ${record.msg ?? ''}`;
  const detail = record.err?.stack ?? record.err?.message;
  return detail ? `${head}\n${detail}` : head;
}

function prettyStream(out: NodeJS.WritableStream): { write(line: string): void } {
  return { write: (line: string) => void out.write(`${prettyLine(line)}\n`) };
}

/** The `logger` option for Fastify. */
export function loggerOptions(config: Pick<Config, 'logLevel' | 'logFormat'>, out: NodeJS.WritableStream = process.stdout): FastifyServerOptions['logger'] {
  if (config.logLevel === 'silent') return false;
  return config.logFormat === 'pretty' ? { level: config.logLevel, stream: prettyStream(out) } : { level: config.logLevel };
}

/** Replaces Fastify's two lines per request ("incoming request", "request completed") with one, after the answer. */
export function logRequests(app: FastifyInstance, config: Pick<Config, 'logLevel' | 'logFormat'>): void {
  if (!['info', 'debug', 'trace'].includes(config.logLevel)) return;
  const format = config.logFormat;
  app.addHook('onResponse', async (request, reply) => {
    if (format === 'pretty' && assetPath.test(request.url)) return;
    request.log.info({ req: request, res: reply, responseTime: reply.elapsedTime }, 'request completed');
  });
}
