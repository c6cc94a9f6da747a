/**
 * The live fan-out: every open Server-Sent Events stream of a live story, fed from the story's public change log.
 *
 * The database is the source of truth. A committed change is announced in-process (the command's event) and to the
 * other instances (Redis pub/sub when REDIS_URL is set); each instance then reads the change-log rows after the last
 * id it delivered, renders them once, and writes them to every stream of that story. A poll of the stories with
 * readers (every `pollMs`) covers instances that share no Redis (cluster workers) and a lost message. A stream that
 * joins replays from the database what its reader missed, while the broadcasts made meanwhile are held for it, so a
 * reader never misses an event nor receives one twice.
 */
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import type { AppContext } from '../context.js';
import { eventsAfter, lastEventId, type LiveStreamEvent } from './store.js';

/** One event as it goes on the wire. */
export interface WireEvent {
  id: number;
  /** JSON. */
  data: string;
}

export interface LiveStream {
  /**
   * Writes events (already filtered to ones after the stream's last id), given encoded once for every stream they go
   * to: a broadcast to ten thousand readers is one buffer written ten thousand times, not ten thousand encodings.
   */
  write(frame: Buffer): void;
  /** A comment line, keeping the connection and proxies awake. */
  heartbeat(): void;
  /** Ends the response: the server is going down. */
  end(): void;
}

/** Renders change-log rows into wire events (the face knows how an update looks). */
export type LiveRenderer = (events: LiveStreamEvent[]) => Promise<WireEvent[]>;

interface Member {
  stream: LiveStream;
  lastId: number;
  /** Broadcasts held while the member replays from the database. */
  held: WireEvent[] | null;
}

interface StoryFeed {
  members: Set<Member>;
  cursor: number;
  running: Promise<void> | null;
  again: boolean;
}

const channel = 'gazette:live';
/** Past this many missed events a reader resynchronises from the page instead of replaying each. */
export const replayLimit = 500;

export interface LiveHubOptions {
  /** Encodes events as they go on the wire (Server-Sent Events text, for the site's streams). */
  encode: (events: WireEvent[]) => Buffer;
  heartbeatMs: number;
  pollMs?: number;
  warn?: (message: string) => void;
}

export class LiveHub {
  private readonly stories = new Map<number, StoryFeed>();
  private readonly timers: NodeJS.Timeout[] = [];
  private publisher: Redis | null = null;
  private subscriber: Redis | null = null;
  private readonly instance = randomUUID();
  private readonly offs: (() => void)[] = [];
  private closed = false;

  constructor(
    private readonly ctx: AppContext,
    private readonly render: LiveRenderer,
    private readonly options: LiveHubOptions,
  ) {}

  /** Listens for local changes and, with Redis, for other instances'; starts the heartbeat and the safety poll. */
  start(): void {
    const names = [
      'live.update.posted', 'live.update.approved', 'live.update.edited', 'live.update.corrected', 'live.update.deleted', 'live.update.pinned',
      'live.update.unpinned', 'live.coverage.started', 'live.coverage.updated', 'live.coverage.ended',
    ] as const;
    for (const name of names) {
      const listener = (change: { story: { id: number }; streamId: number | null }) => {
        if (change.streamId === null) return;
        this.notify(change.story.id);
        this.publisher?.publish(channel, JSON.stringify({ from: this.instance, storyId: change.story.id, id: change.streamId })).catch(() => undefined);
      };
      this.ctx.events.on(name, listener);
      this.offs.push(() => this.ctx.events.off(name, listener));
    }
    const url = this.ctx.config.redisUrl;
    if (url) {
      this.publisher = new Redis(url, { maxRetriesPerRequest: 1, connectTimeout: 2000 });
      this.subscriber = new Redis(url, { connectTimeout: 2000, maxRetriesPerRequest: null });
      this.publisher.on('error', () => undefined);
      this.subscriber.on('error', (error: Error) => this.options.warn?.(`live: Redis subscriber: ${error.message}`));
      this.subscriber.on('ready', () => {
        this.subscriber?.subscribe(channel).catch((error: Error) => this.options.warn?.(`live: could not subscribe: ${error.message}`));
        // Whatever was announced while the subscription was down is in the change log.
        for (const storyId of this.stories.keys()) this.notify(storyId);
      });
      this.subscriber.on('message', (_channel: string, raw: string) => {
        try {
          const message = JSON.parse(raw) as { from?: string; storyId?: number };
          if (message.from !== this.instance && typeof message.storyId === 'number') this.notify(message.storyId);
        } catch {
          // Not ours.
        }
      });
    }
    // One interval for every stream, not a timer per reader.
    const heartbeat = setInterval(() => {
      for (const feed of this.stories.values()) for (const member of feed.members) member.stream.heartbeat();
    }, this.options.heartbeatMs);
    const poll = setInterval(() => {
      for (const storyId of this.stories.keys()) this.notify(storyId);
    }, this.options.pollMs ?? 1000);
    heartbeat.unref();
    poll.unref();
    this.timers.push(heartbeat, poll);
  }

  /** Open streams, for the operator and the benchmark. */
  get size(): number {
    let n = 0;
    for (const feed of this.stories.values()) n += feed.members.size;
    return n;
  }

  /**
   * Adds a stream that has seen events up to `lastId`: replays what it missed from the database, then keeps it fed.
   * Returns the function that removes it.
   */
  async join(storyId: number, lastId: number, stream: LiveStream): Promise<() => void> {
    const member: Member = { stream, lastId, held: [] };
    let feed = this.stories.get(storyId);
    if (!feed) {
      feed = { members: new Set(), cursor: await lastEventId(this.ctx.store.db, storyId), running: null, again: false };
      const raced = this.stories.get(storyId);
      if (raced) feed = raced;
      else this.stories.set(storyId, feed);
    }
    const joined = feed;
    joined.members.add(member);
    const leave = () => {
      joined.members.delete(member);
      if (joined.members.size === 0 && this.stories.get(storyId) === joined) this.stories.delete(storyId);
    };
    try {
      for (;;) {
        const missed = await eventsAfter(this.ctx.store.db, storyId, member.lastId, 200);
        if (missed.length === 0) break;
        const wire = await this.render(missed);
        this.deliver(member, wire, null);
        member.lastId = Math.max(member.lastId, missed[missed.length - 1]!.id);
      }
    } catch (error) {
      leave();
      throw error;
    }
    const held = member.held ?? [];
    member.held = null;
    this.deliver(member, held, null);
    return leave;
  }

  /** Sends a member the events it has not had; `frame` is `events` already encoded, used when it needs them all. */
  private deliver(member: Member, events: WireEvent[], frame: Buffer | null): void {
    if (events.length === 0 || events[events.length - 1]!.id <= member.lastId) return;
    const all = events[0]!.id > member.lastId;
    const fresh = all ? events : events.filter((e) => e.id > member.lastId);
    member.lastId = fresh[fresh.length - 1]!.id;
    member.stream.write(all && frame ? frame : this.options.encode(fresh));
  }

  /** Reads and sends what a story's change log holds after the last id delivered; calls meanwhile make it read again. */
  notify(storyId: number): void {
    const feed = this.stories.get(storyId);
    if (!feed || this.closed) return;
    if (feed.running) {
      feed.again = true;
      return;
    }
    feed.running = this.fetch(storyId, feed)
      .catch((error: unknown) => this.options.warn?.(`live: could not read the change log: ${(error as Error).message}`))
      .finally(() => {
        feed.running = null;
        if (feed.again) {
          feed.again = false;
          this.notify(storyId);
        }
      });
  }

  private async fetch(storyId: number, feed: StoryFeed): Promise<void> {
    for (;;) {
      const rows = await eventsAfter(this.ctx.store.db, storyId, feed.cursor, 200);
      if (rows.length === 0) return;
      const wire = await this.render(rows);
      const frame = this.options.encode(wire);
      feed.cursor = rows[rows.length - 1]!.id;
      for (const member of feed.members) {
        if (member.held) member.held.push(...wire);
        else this.deliver(member, wire, frame);
      }
      if (rows.length < 200) return;
    }
  }

  /** Ends every stream cleanly (the server is going down) and lets go of Redis. */
  async close(): Promise<void> {
    this.closed = true;
    for (const timer of this.timers) clearInterval(timer);
    for (const off of this.offs) off();
    for (const feed of this.stories.values()) for (const member of feed.members) member.stream.end();
    this.stories.clear();
    this.subscriber?.disconnect();
    await this.publisher?.quit().catch(() => this.publisher?.disconnect());
  }
}
