/** How purges reach the other instances: Redis pub/sub between hosts, or the cluster primary between workers; each waits for every peer to confirm. */
import { randomUUID } from 'node:crypto';
import cluster from 'node:cluster';
import os from 'node:os';
import { Redis } from 'ioredis';
import type { PurgeSpec } from './page-cache.js';

export interface PurgeChannel {
  /** Resolves once every other instance has applied the purge, or after the timeout. */
  broadcast(spec: PurgeSpec): Promise<void>;
  close(): Promise<void>;
}

export interface ChannelEvents {
  onRemotePurge(spec: PurgeSpec): void;
  /** False while purges from other instances could be missed. */
  onHealth(healthy: boolean): void;
  warn(message: string): void;
}

const purgeChannel = 'gazette:page-cache:purge';
const ackChannel = 'gazette:page-cache:ack';
export const ackTimeoutMs = 2000;

interface Waiter {
  expected: number;
  received: number;
  done: () => void;
}

/** Waits for `expected` acknowledgements of `id`, or gives up after the timeout with a warning. */
function awaitAcks(waiters: Map<string, Waiter>, id: string, expected: number, warn: (m: string) => void): Promise<void> {
  if (expected <= 0) return Promise.resolve();
  return new Promise<void>((resolve) => {
    const timer = setTimeout(() => {
      const waiter = waiters.get(id);
      waiters.delete(id);
      warn(`page cache: ${waiter ? expected - waiter.received : '?'} instance(s) did not confirm a purge within ${ackTimeoutMs} ms`);
      resolve();
    }, ackTimeoutMs);
    waiters.set(id, {
      expected,
      received: 0,
      done: () => {
        clearTimeout(timer);
        waiters.delete(id);
        resolve();
      },
    });
  });
}

function acknowledge(waiters: Map<string, Waiter>, id: string): void {
  const waiter = waiters.get(id);
  if (waiter && ++waiter.received >= waiter.expected) waiter.done();
}

export class RedisPurgeChannel implements PurgeChannel {
  /** Commands and publishing; also lent to the rate limiter. */
  readonly client: Redis;
  private readonly subscriber: Redis;
  private readonly instance = `${os.hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  private readonly waiters = new Map<string, Waiter>();

  constructor(url: string, private readonly events: ChannelEvents) {
    this.client = new Redis(url, { maxRetriesPerRequest: 1, connectTimeout: 2000, lazyConnect: false });
    this.subscriber = new Redis(url, { autoResubscribe: false, connectTimeout: 2000, maxRetriesPerRequest: null });
    this.client.on('error', () => undefined);
    this.subscriber.on('error', (error: Error) => events.warn(`page cache: Redis subscriber: ${error.message}`));
    events.onHealth(false);
    this.subscriber.on('ready', () => {
      this.subscriber.subscribe(purgeChannel, ackChannel).then(
        () => events.onHealth(true),
        (error: Error) => events.warn(`page cache: could not subscribe: ${error.message}`),
      );
    });
    this.subscriber.on('close', () => events.onHealth(false));
    this.subscriber.on('message', (channel: string, raw: string) => this.receive(channel, raw));
  }

  private receive(channel: string, raw: string): void {
    let message: { id?: string; from?: string; spec?: PurgeSpec };
    try {
      message = JSON.parse(raw) as typeof message;
    } catch {
      return;
    }
    if (!message.id || message.from === this.instance) return;
    if (channel === ackChannel) acknowledge(this.waiters, message.id);
    else if (channel === purgeChannel && message.spec) {
      this.events.onRemotePurge(message.spec);
      this.client.publish(ackChannel, JSON.stringify({ id: message.id, from: this.instance })).catch(() => undefined);
    }
  }

  async broadcast(spec: PurgeSpec): Promise<void> {
    const id = randomUUID();
    const acks = { expected: 0 };
    try {
      // Every subscribed instance, this one included, is counted by PUBLISH.
      const listeners = await this.client.publish(purgeChannel, JSON.stringify({ id, from: this.instance, spec }));
      acks.expected = listeners - 1;
    } catch (error) {
      this.events.warn(`page cache: could not publish a purge: ${(error as Error).message}`);
      return;
    }
    await awaitAcks(this.waiters, id, acks.expected, this.events.warn);
  }

  async close(): Promise<void> {
    this.subscriber.disconnect();
    await this.client.quit().catch(() => this.client.disconnect());
  }
}

interface ClusterMessage {
  gazette?: 'purge' | 'purge-ack' | 'purge-done';
  id?: string;
  spec?: PurgeSpec;
}

/** Between `gazette serve --workers N` workers without Redis: the primary relays (see relayPurges). */
export class ClusterPurgeChannel implements PurgeChannel {
  private readonly waiters = new Map<string, Waiter>();
  private readonly listener = (message: ClusterMessage) => {
    if (!message || typeof message !== 'object' || !message.id) return;
    if (message.gazette === 'purge' && message.spec) {
      this.events.onRemotePurge(message.spec);
      process.send?.({ gazette: 'purge-ack', id: message.id });
    } else if (message.gazette === 'purge-done') acknowledge(this.waiters, message.id);
  };

  constructor(private readonly events: ChannelEvents) {
    process.on('message', this.listener);
  }

  async broadcast(spec: PurgeSpec): Promise<void> {
    const id = randomUUID();
    const done = awaitAcks(this.waiters, id, 1, this.events.warn);
    process.send?.({ gazette: 'purge', id, spec });
    await done;
  }

  async close(): Promise<void> {
    process.off('message', this.listener);
  }
}

/** In the cluster primary: forwards each worker's purge to the others and tells it when all have applied it. */
export function relayPurges(): void {
  cluster.on('message', (origin, message: ClusterMessage) => {
    if (message?.gazette !== 'purge' || !message.id) return;
    const id = message.id;
    const peers = Object.values(cluster.workers ?? {}).filter((w) => w && w !== origin && w.isConnected());
    let pending = peers.length;
    const finish = () => {
      if (origin.isConnected()) origin.send({ gazette: 'purge-done', id });
    };
    if (pending === 0) return finish();
    const timer = setTimeout(finish, ackTimeoutMs);
    for (const peer of peers) {
      const onAck = (reply: ClusterMessage) => {
        if (reply?.gazette !== 'purge-ack' || reply.id !== id) return;
        peer?.off('message', onAck);
        if (--pending === 0) {
          clearTimeout(timer);
          finish();
        }
      };
      peer?.on('message', onAck);
      peer?.send(message);
    }
  });
}
