/** Environment -> one typed, validated configuration object. A bad value stops start-up with a message naming the variable. */
import fs from 'node:fs';
import { isIPv6 } from 'node:net';
import path from 'node:path';

export interface Config {
  port: number;
  host: string;
  siteUrl: string;
  dataDir: string;
  databaseUrl: string;
  databaseReplicaUrl: string | null;
  redisUrl: string | null;
  /** Secret for hashing commenter IPs and signing tokens; derived per data dir when unset. */
  secret: string | null;
  seedDemo: boolean;
  pageCacheBytes: number;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** `pretty`: one short line per request for a person at a terminal; `json`: pino's JSON lines for a log collector. */
  logFormat: 'pretty' | 'json';
  smtpUrl: string | null;
  mailFrom: string;
  /** Comments posted sooner than this after the form loaded carry a weak spam signal (held, never dropped). */
  commentMinSeconds: number;
  /** Days a comment stays in the spam queue before the server deletes it. */
  commentSpamDays: number;
  /** Comments one IP may post per 10 minutes. */
  commentRateLimit: number;
  /** Trust X-Forwarded-For from a load balancer in front (true, a hop count, or a list of addresses). */
  trustProxy: boolean | number | string;
  /** First webhook retry pause; each later one doubles. */
  webhookRetryMs: number;
  /** Delivery attempts before a webhook delivery is marked failed. */
  webhookAttempts: number;
  /** Hosts Gazette may send requests to even when they resolve to loopback, private or other non-public addresses. */
  outboundAllow: string[];
  /** Live coverage: open Server-Sent Events streams one IP address may hold at once. */
  liveStreamsPerIp: number;
  /** Live coverage: a comment line sent on an idle stream this often, so proxies and readers know it is alive. */
  liveHeartbeatMs: number;
  /** Live coverage: how often each instance re-reads the change log of stories with readers, in case a notice was missed. */
  livePollMs: number;
  /** Newsletters and alerts: the SMTP connection pool, the send rate, retries, DKIM, batching of follow alerts. */
  mail: MailConfig;
}

export interface MailConfig {
  /** Reply-To of reader mail; unset: replies go to the sender address. */
  replyTo: string | null;
  /** SMTP connections kept open at once (MAIL_POOL). */
  pool: number;
  /** Messages per second at most, 0 for as fast as the server takes them (MAIL_RATE). */
  rate: number;
  /** Messages one sender claims at a time (MAIL_BATCH): the most a crash can make it send twice. */
  batch: number;
  /** How long a claim holds (MAIL_LEASE_MS): a sender that died frees its messages after this. */
  leaseMs: number;
  /** First retry pause after a temporary (4xx) failure; each later one doubles (MAIL_RETRY_MS). */
  retryMs: number;
  /** Attempts before a temporarily failing message is given up (MAIL_ATTEMPTS). */
  attempts: number;
  /** Permanent (5xx) refusals in a row after which an address gets no more mail (MAIL_BOUNCE_LIMIT). */
  bounceLimit: number;
  /** DKIM signing, when MAIL_DKIM_DOMAIN, MAIL_DKIM_SELECTOR and MAIL_DKIM_KEY_FILE are all set. */
  dkim: { domainName: string; keySelector: string; privateKey: string } | null;
  /** Follow alerts wait this long for more news on the same story before going out (NEWSLETTER_ALERT_WINDOW, seconds). */
  alertWindowSeconds: number;
  /** Subscribe requests one IP address may make per 10 minutes (NEWSLETTER_RATE_LIMIT). */
  subscribeRateLimit: number;
  /** UTC time of the daily briefing, HH:MM; the weekly digest goes out at the same time on Mondays (NEWSLETTER_DAILY_AT). */
  dailyAt: string;
}

export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    message: string,
  ) {
    super(`${variable}: ${message}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw.trim())) throw new ConfigError(name, `must be a whole number from ${min} to ${max}, got "${raw}"`);
  const value = Number(raw);
  if (value < min || value > max) throw new ConfigError(name, `must be a whole number from ${min} to ${max}, got "${raw}"`);
  return value;
}

function boolean(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (/^(1|true|yes|on)$/i.test(raw)) return true;
  if (/^(0|false|no|off)$/i.test(raw)) return false;
  throw new ConfigError(name, `must be true or false, got "${raw}"`);
}

function url(env: Env, name: string, protocols: string[]): string | null {
  const raw = env[name];
  if (raw === undefined || raw === '') return null;
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    throw new ConfigError(name, `must be a URL (${protocols.join(', ')}), got "${raw}"`);
  }
  if (!protocols.includes(parsed.protocol)) {
    throw new ConfigError(name, `must start with ${protocols.map((p) => `${p}//`).join(' or ')}, got "${raw}"`);
  }
  return raw;
}

function trustProxy(env: Env): boolean | number | string {
  const raw = env.TRUST_PROXY?.trim();
  if (!raw) return false;
  if (/^(true|yes)$/i.test(raw)) return true;
  if (/^(0|false|no)$/i.test(raw)) return false;
  if (/^\d+$/.test(raw)) return Number(raw);
  if (/^[0-9a-f.:/,\s]+$/i.test(raw)) return raw;
  throw new ConfigError('TRUST_PROXY', `must be true, false, a hop count or a comma-separated list of addresses, got "${raw}"`);
}

/** GAZETTE_OUTBOUND_ALLOW: comma-separated host names or IP addresses, as URLs spell them (lower case, IPv6 without brackets). */
function hostList(env: Env, name: string): string[] {
  const hosts: string[] = [];
  for (const raw of (env[name] ?? '').split(',')) {
    const entry = raw.trim();
    if (!entry) continue;
    const bare = entry.replace(/^\[(.*)\]$/, '$1');
    let host: string | null = null;
    try {
      if (isIPv6(bare)) host = new URL(`http://[${bare}]/`).hostname.slice(1, -1);
      else if (/^[^\s/\\:@?#[\]]+$/.test(bare)) host = new URL(`http://${bare}/`).hostname.replace(/\.$/, '') || null;
    } catch {
      host = null;
    }
    if (!host) throw new ConfigError(name, `must be host names or IP addresses separated by commas, without scheme, port or path; "${entry}" is not one`);
    hosts.push(host);
  }
  return hosts;
}

const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const logFormats = ['pretty', 'json'] as const;

/** `stdoutIsTerminal` picks the log format when LOG_FORMAT is unset. */
export function loadConfig(env: Env = process.env, stdoutIsTerminal = process.stdout.isTTY === true): Config {
  const port = integer(env, 'PORT', 3000, 0, 65535);
  const host = env.HOST?.trim() || '127.0.0.1';
  const dataDir = path.resolve(env.GAZETTE_DATA_DIR?.trim() || './data');
  const databaseUrl =
    url(env, 'DATABASE_URL', ['sqlite:', 'postgres:', 'postgresql:']) ?? `sqlite://${path.join(dataDir, 'gazette.db')}`;
  const databaseReplicaUrl = url(env, 'DATABASE_REPLICA_URL', ['postgres:', 'postgresql:']);
  if (databaseReplicaUrl && databaseUrl.startsWith('sqlite:')) {
    throw new ConfigError('DATABASE_REPLICA_URL', 'needs DATABASE_URL to be a postgres:// URL too');
  }
  const publicHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
  const siteUrlRaw = url(env, 'SITE_URL', ['http:', 'https:']) ?? `http://${publicHost.includes(':') ? `[${publicHost}]` : publicHost}:${port}`;
  const siteUrl = siteUrlRaw.replace(/\/+$/, '');
  const level = (env.LOG_LEVEL?.trim() || 'info') as Config['logLevel'];
  if (!logLevels.includes(level)) throw new ConfigError('LOG_LEVEL', `must be one of ${logLevels.join(', ')}, got "${env.LOG_LEVEL}"`);
  const format = (env.LOG_FORMAT?.trim().toLowerCase() || (stdoutIsTerminal ? 'pretty' : 'json')) as Config['logFormat'];
  if (!logFormats.includes(format)) throw new ConfigError('LOG_FORMAT', `must be pretty or json, got "${env.LOG_FORMAT}"`);
  const secret = env.GAZETTE_SECRET?.trim() || null;
  if (secret !== null && secret.length < 16) throw new ConfigError('GAZETTE_SECRET', 'must be at least 16 characters long');
  return {
    port,
    host,
    siteUrl,
    dataDir,
    databaseUrl,
    databaseReplicaUrl,
    redisUrl: url(env, 'REDIS_URL', ['redis:', 'rediss:']),
    secret,
    seedDemo: boolean(env, 'GAZETTE_DEMO', true),
    pageCacheBytes: integer(env, 'PAGE_CACHE_MB', 64, 0, 65536) * 1024 * 1024,
    logLevel: level,
    logFormat: format,
    smtpUrl: url(env, 'SMTP_URL', ['smtp:', 'smtps:']),
    mailFrom: env.MAIL_FROM?.trim() || 'Gazette <no-reply@localhost>',
    commentMinSeconds: integer(env, 'COMMENT_MIN_SECONDS', 3, 0, 3600),
    commentSpamDays: integer(env, 'COMMENT_SPAM_DAYS', 30, 1, 3650),
    commentRateLimit: integer(env, 'COMMENT_RATE_LIMIT', 10, 1, 100000),
    trustProxy: trustProxy(env),
    webhookRetryMs: integer(env, 'GAZETTE_WEBHOOK_RETRY_MS', 30_000, 10, 3_600_000),
    webhookAttempts: integer(env, 'GAZETTE_WEBHOOK_ATTEMPTS', 8, 1, 30),
    outboundAllow: hostList(env, 'GAZETTE_OUTBOUND_ALLOW'),
    liveStreamsPerIp: integer(env, 'GAZETTE_LIVE_STREAMS_PER_IP', 20, 1, 1_000_000),
    liveHeartbeatMs: integer(env, 'GAZETTE_LIVE_HEARTBEAT_MS', 25_000, 50, 600_000),
    livePollMs: integer(env, 'GAZETTE_LIVE_POLL_MS', 1_000, 50, 3_600_000),
    mail: mailConfig(env),
  };
}

function mailConfig(env: Env): MailConfig {
  const dkimDomain = env.MAIL_DKIM_DOMAIN?.trim() || '';
  const dkimSelector = env.MAIL_DKIM_SELECTOR?.trim() || '';
  const dkimKeyFile = env.MAIL_DKIM_KEY_FILE?.trim() || '';
  let dkim: MailConfig['dkim'] = null;
  if (dkimDomain || dkimSelector || dkimKeyFile) {
    if (!dkimDomain || !dkimSelector || !dkimKeyFile) {
      throw new ConfigError(dkimKeyFile ? (dkimDomain ? 'MAIL_DKIM_SELECTOR' : 'MAIL_DKIM_DOMAIN') : 'MAIL_DKIM_KEY_FILE', 'DKIM signing needs MAIL_DKIM_DOMAIN, MAIL_DKIM_SELECTOR and MAIL_DKIM_KEY_FILE together');
    }
    let privateKey: string;
    try {
      privateKey = fs.readFileSync(dkimKeyFile, 'utf8');
    } catch (error) {
      throw new ConfigError('MAIL_DKIM_KEY_FILE', `could not be read: ${(error as Error).message}`);
    }
    if (!privateKey.includes('PRIVATE KEY')) throw new ConfigError('MAIL_DKIM_KEY_FILE', 'must hold a PEM private key');
    dkim = { domainName: dkimDomain, keySelector: dkimSelector, privateKey };
  }
  const dailyAt = env.NEWSLETTER_DAILY_AT?.trim() || '07:00';
  if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(dailyAt)) throw new ConfigError('NEWSLETTER_DAILY_AT', `must be a UTC time as HH:MM, got "${dailyAt}"`);
  return {
    replyTo: env.MAIL_REPLY_TO?.trim() || null,
    pool: integer(env, 'MAIL_POOL', 5, 1, 100),
    rate: integer(env, 'MAIL_RATE', 0, 0, 100_000),
    batch: integer(env, 'MAIL_BATCH', 50, 1, 1000),
    leaseMs: integer(env, 'MAIL_LEASE_MS', 300_000, 100, 86_400_000),
    retryMs: integer(env, 'MAIL_RETRY_MS', 60_000, 10, 3_600_000),
    attempts: integer(env, 'MAIL_ATTEMPTS', 8, 1, 30),
    bounceLimit: integer(env, 'MAIL_BOUNCE_LIMIT', 2, 1, 100),
    dkim,
    alertWindowSeconds: integer(env, 'NEWSLETTER_ALERT_WINDOW', 600, 0, 86_400),
    subscribeRateLimit: integer(env, 'NEWSLETTER_RATE_LIMIT', 10, 1, 100_000),
    dailyAt,
  };
}
