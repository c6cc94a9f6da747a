/**
 * A live story as readers see it: the summary the desk keeps current, the key events, the updates (newest first, or
 * oldest first with ?order=oldest, which works without JavaScript), each with its permalink (#update-N) and a share
 * address (?update=N) whose preview names the update. The story page calls `loadLiveStory` and shows `LiveBlock`
 * above the story's own text; after coverage ends the same block reads as a normal story's summary and timeline.
 * `liveRenderer` renders the change log for the Server-Sent Events streams with the same components.
 */
import type { AppContext } from '../context.js';
import type { Story } from '../content/queries.js';
import { loadSettings } from '../content/settings.js';
import { excerpt, htmlToText } from '../content/sanitize.js';
import type { LiveCoverage, LiveUpdateView } from '../live/events.js';
import type { LiveRenderer, WireEvent } from '../live/hub.js';
import { findCoverage, findUpdates, lastEventId, listUpdates, type LiveStreamEvent } from '../live/store.js';
import { assetUrl } from './assets.js';
import { renderToString } from 'preact-render-to-string';
import { storyPath } from '../content/urls.js';
import { formatDateTime, inTimeZone, plural } from './views/format.js';

export type LiveOrder = 'newest' | 'oldest';

export interface LiveStoryData {
  coverage: LiveCoverage;
  live: boolean;
  updates: LiveUpdateView[];
  keyEvents: LiveUpdateView[];
  order: LiveOrder;
  /** The change-log id the page was rendered at: the stream resumes after it. */
  lastEventId: number;
  /** The update named by ?update=N, for the share preview. */
  shared: LiveUpdateView | null;
}

export const parseOrder = (raw: unknown): LiveOrder => (raw === 'oldest' ? 'oldest' : 'newest');

/** Null for a story that was never live. */
export async function loadLiveStory(ctx: AppContext, story: Story, options: { order?: LiveOrder; updateId?: number | null; preview?: boolean } = {}): Promise<LiveStoryData | null> {
  const db = options.preview ? ctx.store.db : ctx.store.read;
  const coverage = await findCoverage(db, story.id);
  if (!coverage) return null;
  const order = options.order ?? 'newest';
  const [last, updates] = await Promise.all([lastEventId(db, story.id), listUpdates(db, story.id, { oldestFirst: order === 'oldest' })]);
  const keyEvents = updates.filter((u) => u.pinned).sort((a, b) => (a.publishedAt ?? '').localeCompare(b.publishedAt ?? '') || a.id - b.id);
  const shared = options.updateId ? (updates.find((u) => u.id === options.updateId) ?? null) : null;
  return { coverage, live: !coverage.endedAt, updates, keyEvents, order, lastEventId: last, shared };
}

/** "14:05 CET" with the full date in the title. */
function UpdateTime(props: { iso: string }) {
  const full = formatDateTime(props.iso);
  return <time dateTime={props.iso} title={full}>{full.split(', ')[1] ?? full}</time>;
}

export function updateTitle(update: Pick<LiveUpdateView, 'headline' | 'bodyHtml'>): string {
  return update.headline || excerpt(htmlToText(update.bodyHtml), 90);
}

export function LiveUpdateArticle(props: { update: LiveUpdateView; storyUrl: string }) {
  const u = props.update;
  const at = u.publishedAt ?? u.createdAt;
  return (
    <article class={u.pinned ? 'live-update is-key' : 'live-update'} id={`update-${u.id}`} data-update-id={u.id} aria-labelledby={`update-${u.id}-meta`}>
      <header class="live-update-meta" id={`update-${u.id}-meta`}>
        <a class="live-update-time" href={`#update-${u.id}`}><UpdateTime iso={at} /></a>
        <span class="live-update-author">{u.authorName}</span>
        {u.pinned ? <span class="live-key-label">Key event</span> : null}
      </header>
      {u.headline ? <h3 class="live-update-headline">{u.headline}</h3> : null}
      <div class="story-body live-update-body" dangerouslySetInnerHTML={{ __html: u.bodyHtml }} />
      {u.correction ? (
        <p class="live-correction"><strong>Correction</strong>{u.correctedAt ? <> (<UpdateTime iso={u.correctedAt} />)</> : null}: {u.correction}</p>
      ) : null}
      {u.editedAt ? <p class="live-edited">Updated <UpdateTime iso={u.editedAt} /></p> : null}
      <p class="live-update-links">
        <a href={`${props.storyUrl}?update=${u.id}#update-${u.id}`} class="live-share" data-share-update>Share this update<span class="visually-hidden">: {updateTitle(u)}</span></a>
      </p>
    </article>
  );
}

export function KeyEventList(props: { keyEvents: LiveUpdateView[] }) {
  return (
    <ol class="live-key-list">
      {props.keyEvents.map((u) => (
        <li><a href={`#update-${u.id}`}><UpdateTime iso={u.publishedAt ?? u.createdAt} /> {updateTitle(u)}</a></li>
      ))}
    </ol>
  );
}

export function LiveBlock(props: { story: Story; data: LiveStoryData }) {
  const { story, data } = props;
  const { coverage } = data;
  const other: LiveOrder = data.order === 'newest' ? 'oldest' : 'newest';
  return (
    <section
      class={data.live ? 'live is-live' : 'live is-ended'}
      aria-labelledby="live-updates-title"
      data-live-stream={data.live ? `/live/${story.id}/events` : undefined}
      data-last-event={data.lastEventId}
      data-order={data.order}
    >
      <p class="live-status">
        {data.live ? <span class="live-badge">Live</span> : <span class="live-ended-label">Live coverage ended</span>}
        <span class="live-status-text">
          {data.live ? <>Updates as they happen, since <UpdateTime iso={coverage.startedAt} /></> : <>Covered live from {formatDateTime(coverage.startedAt)} to {formatDateTime(coverage.endedAt!)}</>}
        </span>
      </p>
      <div class="live-summary story-body" data-live-summary hidden={!coverage.summaryHtml} dangerouslySetInnerHTML={{ __html: coverage.summaryHtml }} />
      <nav class="live-key-events" aria-labelledby="live-key-title" data-live-keys hidden={data.keyEvents.length === 0}>
        <h2 id="live-key-title">Key events</h2>
        <KeyEventList keyEvents={data.keyEvents} />
      </nav>
      <div class="live-head">
        <h2 id="live-updates-title">{data.live ? 'Latest updates' : 'Updates'} <span class="live-count">({plural(data.updates.length, 'update')})</span></h2>
        <p class="live-order">
          {data.order === 'newest' ? 'Newest first' : 'Oldest first'} ·{' '}
          <a href={other === 'oldest' ? `${story.url}?order=oldest#live-updates-title` : `${story.url}#live-updates-title`} rel="nofollow">Show {other} first</a>
        </p>
      </div>
      <button type="button" class="live-new-bar" data-live-bar hidden />
      <p class="visually-hidden" aria-live="polite" data-live-announce />
      <div class="live-updates" data-live-updates>
        {data.updates.map((u) => <LiveUpdateArticle update={u} storyUrl={story.url} />)}
      </div>
      {data.updates.length === 0 ? <p class="live-empty" data-live-empty>The first update will appear here.</p> : null}
      {data.live ? <script type="module" src={assetUrl('live.js')} /> : null}
    </section>
  );
}

/** The story's JSON-LD as a LiveBlogPosting: coverage times and every update as a liveBlogUpdate. */
export function liveBlogLd(base: object, story: Story, data: LiveStoryData, siteUrl: string): object {
  const url = `${siteUrl}${story.url}`;
  return {
    ...base,
    '@type': 'LiveBlogPosting',
    coverageStartTime: data.coverage.startedAt,
    ...(data.coverage.endedAt ? { coverageEndTime: data.coverage.endedAt } : {}),
    liveBlogUpdate: data.updates.slice(0, 100).map((u) => ({
      '@type': 'BlogPosting',
      '@id': `${url}#update-${u.id}`,
      url: `${url}#update-${u.id}`,
      headline: updateTitle(u).slice(0, 110),
      articleBody: htmlToText(u.bodyHtml),
      datePublished: u.publishedAt ?? u.createdAt,
      ...(u.editedAt || u.correctedAt ? { dateModified: [u.editedAt, u.correctedAt].filter(Boolean).sort().pop() } : {}),
      author: { '@type': 'Person', name: u.authorName },
    })),
  };
}

/** Renders change-log rows for the streams: each carries the update as it is now (an edit, a deletion in place). */
export function liveRenderer(ctx: AppContext): LiveRenderer {
  return async (events: LiveStreamEvent[]): Promise<WireEvent[]> => {
    const db = ctx.store.db;
    const ids = [...new Set(events.map((e) => e.updateId).filter((id): id is number => id !== null))];
    const storyIds = [...new Set(events.map((e) => e.storyId))];
    const [updates, settings] = await Promise.all([findUpdates(db, ids), loadSettings(ctx.store.read)]);
    const extras = new Map<number, { url: string; keyEvents: string; summary: string; count: number; ended: boolean }>();
    for (const storyId of storyIds) {
      const [row, coverage, published] = await Promise.all([
        db.selectFrom('articles').innerJoin('sections', 'sections.id', 'articles.section_id').select(['articles.slug', 'articles.published_at', 'sections.slug as section']).where('articles.id', '=', storyId).executeTakeFirst(),
        findCoverage(db, storyId),
        listUpdates(db, storyId),
      ]);
      const keys = published.filter((u) => u.pinned).sort((a, b) => (a.publishedAt ?? '').localeCompare(b.publishedAt ?? '') || a.id - b.id);
      extras.set(storyId, {
        url: row ? storyPath(row.section, row.published_at, row.slug) : '',
        keyEvents: inTimeZone(settings.timezone, () => renderToString(<KeyEventList keyEvents={keys} />)),
        summary: coverage?.summaryHtml ?? '',
        count: published.length,
        ended: !!coverage?.endedAt,
      });
    }
    return events.map((e) => {
      const extra = extras.get(e.storyId)!;
      const update = e.updateId !== null ? updates.get(e.updateId) : undefined;
      const visible = update && update.status === 'published' ? update : null;
      const html = visible ? inTimeZone(settings.timezone, () => renderToString(<LiveUpdateArticle update={visible} storyUrl={extra.url} />)) : null;
      // Each event goes to every reader: the key events and the summary ride along only when they may have changed.
      const keysChanged = e.kind === 'update.pinned' || e.kind === 'update.unpinned' || e.kind === 'update.deleted' || !!visible?.pinned;
      const data = {
        kind: e.kind,
        updateId: e.updateId,
        html,
        at: visible?.publishedAt ?? e.createdAt,
        keyEvents: keysChanged ? extra.keyEvents : null,
        summary: e.kind.startsWith('coverage.') ? extra.summary : null,
        count: extra.count,
        ended: extra.ended,
      };
      return { id: e.id, data: JSON.stringify(data) };
    });
  };
}
