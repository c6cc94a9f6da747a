/**
 * The story editor page: a writing canvas (headline, dek and body typed in place in the public site's typefaces), a
 * settings panel beside it (a sheet on a phone), one primary action for the story's state and a publish confirmation.
 * Without script the same page is a plain form: the body is an HTML textarea and every setting is an ordinary field.
 */
import type { SessionUser } from '../../http/session.js';
import type { ArticleStatus, Section } from '../../db/schema.js';
import type { StoryNote } from '../../content/notes.js';
import { statusLabels, type SaveAction, type WorkflowAction } from '../../content/workflow.js';
import { formatDateTime, plural } from '../../site/views/format.js';
import { CsrfField, NewsroomLayout } from '../views/layout.js';
import type { StoryFormValues } from './form.js';
import { followersLine } from '../editor/followers-line.js';

export interface StoryEditorProps {
  user: SessionUser;
  csrfToken: string;
  /** Null for a story not saved yet. */
  story: { id: number; status: ArticleStatus; publishedAt: string | null; updatedAt: string; publicUrl: string | null } | null;
  values: StoryFormValues;
  sections: Section[];
  people: { id: number; name: string; role: string }[];
  actions: WorkflowAction[];
  canCorrect: boolean;
  canDelete: boolean;
  /** May this person upload images (the pickers' "Upload" and pasted images)? */
  canUpload: boolean;
  errors: Record<string, string>;
  message: { kind: 'notice' | 'error'; text: string } | null;
  /** What was just done, for the "View story" and copyable link after publishing. */
  saved: SaveAction | 'note' | null;
  /** The chosen featured image, shown in the settings panel. */
  featured: { url: string; alt: string } | null;
  /** Someone else saved first: offer their version alongside the kept text. */
  conflict?: boolean;
  wordCount: number;
  assets: { js: string | null; css: string | null };
  /** The site's time zone: the publication time is typed on its clock. */
  timeZone: string;
  /** The site's address, for the copyable link of a published story. */
  siteUrl: string;
  /** Webhook endpoints told when a story is published (by address). */
  publishHooks: string[];
  /** Readers following each section (by section id) and the story's thread: a publish emails them. */
  followers: { bySection: Record<string, number>; thread: { title: string; count: number } | null };
  /** Others who have this story open now. */
  othersEditing: string[];
  notes: StoryNote[];
}

const actionLabels: Record<WorkflowAction, string> = {
  submit: 'Submit for review',
  return: 'Send back to draft',
  schedule: 'Schedule',
  unschedule: 'Unschedule',
  publish: 'Publish now',
  unpublish: 'Unpublish',
};

type Primary = { action: SaveAction; label: string };

/** One primary action per state: publish for those who may, submit for review for contributors, else save. */
export function primaryAction(status: ArticleStatus | null, actions: WorkflowAction[]): Primary {
  if (status === 'published') return { action: 'save', label: 'Update' };
  if (status === 'scheduled') return { action: 'save', label: 'Update' };
  if (actions.includes('publish')) return { action: 'publish', label: 'Publish' };
  if (actions.includes('submit')) return { action: 'submit', label: 'Submit for review' };
  return { action: 'save', label: status ? 'Save' : 'Save draft' };
}

function FieldError(props: { errors: Record<string, string>; name: string }) {
  const message = props.errors[props.name];
  return message ? <span class="nr-field-error" id={`${props.name}-error`}>{message}</span> : null;
}

function describedBy(errors: Record<string, string>, name: string, hint?: string): string | undefined {
  const ids = [errors[name] ? `${name}-error` : '', hint ?? ''].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

function TextField(props: { name: keyof StoryFormValues; label: string; values: StoryFormValues; errors: Record<string, string>; hint?: string; type?: string; dataAuto?: boolean; maxLength?: number }) {
  const value = props.values[props.name];
  const hintId = props.hint ? `${props.name}-hint` : undefined;
  return (
    <div class="nr-field">
      <label for={props.name}>{props.label}</label>
      {props.hint ? <span class="nr-hint" id={hintId}>{props.hint}</span> : null}
      <input
        type={props.type ?? 'text'}
        id={props.name}
        name={props.name}
        value={typeof value === 'string' ? value : ''}
        maxLength={props.maxLength}
        data-auto={props.dataAuto ? 'true' : undefined}
        aria-invalid={props.errors[props.name] ? 'true' : undefined}
        aria-describedby={describedBy(props.errors, props.name, hintId)}
      />
      <FieldError errors={props.errors} name={props.name} />
    </div>
  );
}

function secondaryClass(action: SaveAction): string {
  return action === 'unpublish' || action === 'unschedule' ? 'ed-button ed-button-danger' : 'ed-button';
}

function PublishedLink(props: { url: string; siteUrl: string }) {
  const absolute = new URL(props.url, props.siteUrl).toString();
  return (
    <div class="ed-published" id="published-link">
      <a class="ed-button ed-button-primary" href={props.url}>View story</a>
      <label class="visually-hidden" for="story-link">Link to the story</label>
      <input id="story-link" class="ed-link" type="text" readOnly value={absolute} />
      <button type="button" class="ed-button" data-copy="story-link" hidden>Copy link</button>
      <span class="ed-copied" role="status" aria-live="polite" />
    </div>
  );
}

/** The publish confirmation (opened by script; without it the Publish button publishes at once). */
function PublishDialog(props: { sections: Section[]; values: StoryFormValues; timeZone: string; hooks: string[]; canSchedule: boolean; followers: StoryEditorProps['followers'] }) {
  return (
    <dialog id="publish-dialog" class="ed-dialog" aria-labelledby="publish-dialog-title" data-time-zone={props.timeZone}>
      <h2 id="publish-dialog-title">Publish this story?</h2>
      <dl class="ed-publish-facts">
        <dt>Where</dt>
        <dd>
          <span data-fill="where">On the site</span>
          <code class="ed-url" data-fill="url" />
        </dd>
        <dt>When</dt>
        <dd>
          {props.canSchedule ? (
            <fieldset class="ed-when">
              <legend class="visually-hidden">When to publish</legend>
              <label><input type="radio" name="publish_when" value="now" checked /> Now</label>
              <label><input type="radio" name="publish_when" value="later" /> At a time</label>
              <label class="ed-when-time" for="publish-dialog-at">
                <span>Date and time ({props.timeZone}, the site's time zone)</span>
                <input type="datetime-local" id="publish-dialog-at" />
              </label>
            </fieldset>
          ) : null}
          <p data-fill="when" aria-live="polite" />
        </dd>
        <dt>Who is told</dt>
        <dd>
          {props.hooks.length ? (
            <>
              {plural(props.hooks.length, 'webhook')} {props.hooks.length === 1 ? 'receives' : 'receive'} <code>story.published</code>:
              <ul class="ed-hooks">{props.hooks.map((url) => <li>{url}</li>)}</ul>
            </>
          ) : (
            <>No webhook is set up for new stories, so no other system is told. Readers find it on the site and in the feeds.</>
          )}
          <p class="ed-followers" data-fill="followers" data-section-followers={JSON.stringify(props.followers.bySection)} data-thread-followers={props.followers.thread ? JSON.stringify(props.followers.thread) : undefined}>
            {followersLine(props.followers.bySection[props.values.section_id] ?? 0, props.followers.thread)}
          </p>
        </dd>
      </dl>
      <p class="ed-problem" data-fill="problem" role="alert" />
      <div class="ed-dialog-actions">
        <button type="submit" name="action" value="publish" class="ed-button ed-button-primary" data-confirm-publish>Publish now</button>
        <button type="button" class="ed-button" data-close-dialog>Cancel</button>
      </div>
    </dialog>
  );
}

function DeskNotes(props: { notes: StoryNote[]; storyId: number }) {
  return (
    <section class="ed-panel-section ed-notes" id="desk-notes" aria-labelledby="desk-notes-title">
      <h2 id="desk-notes-title">Desk notes</h2>
      <p class="nr-hint">For the newsroom only: never shown on the site. Each note is kept with the version it was written on.</p>
      <label class="visually-hidden" for="note-body">New desk note</label>
      <textarea id="note-body" name="body" form="note-form" rows={2} maxLength={4000} placeholder="Leave a note for the desk" />
      <button type="submit" form="note-form" class="ed-button">Add note</button>
      <ol class="ed-note-list" aria-live="polite">
        {props.notes.map((note) => (
          <li>
            <p>{note.body}</p>
            <span class="nr-hint">{note.authorName ?? 'A former user'} · {formatDateTime(note.createdAt)}</span>
          </li>
        ))}
      </ol>
    </section>
  );
}

export function StoryEditorPage(props: StoryEditorProps) {
  const { story, values, errors } = props;
  const title = story ? `Edit: ${values.title || 'Untitled story'}` : 'New story';
  const action = story ? `/newsroom/stories/${story.id}` : '/newsroom/stories';
  const autosave = story && (story.status === 'draft' || story.status === 'review') ? `/newsroom/stories/${story.id}/autosave` : undefined;
  const status = story?.status ?? null;
  const primary = primaryAction(status, props.actions);
  const canSchedule = props.actions.includes('schedule');
  const secondary: { action: SaveAction; label: string }[] = [];
  if (primary.action !== 'save') secondary.push({ action: 'save', label: status === null || status === 'draft' ? 'Save draft' : 'Save' });
  for (const a of props.actions) {
    if (a === primary.action || a === 'schedule') continue;
    // Editors publish directly; "submit for review" is for those who cannot.
    if (a === 'submit' && primary.action === 'publish') continue;
    secondary.push({ action: a, label: actionLabels[a] });
  }
  const sectionMissing = values.section_id === '';
  const published = props.saved === 'publish' && story?.publicUrl;
  return (
    <NewsroomLayout title={title} user={props.user} csrfToken={props.csrfToken} current="stories">
      {props.assets.css ? <link rel="stylesheet" href={props.assets.css} /> : null}
      <form method="post" action={action} id="story-form" class="story-editor" data-autosave-url={autosave} data-create-url={story ? undefined : '/newsroom/stories/autosave'} data-story-id={story ? String(story.id) : undefined} data-updated-at={story?.updatedAt} data-can-upload={props.canUpload ? 'true' : undefined} noValidate>
        <CsrfField token={props.csrfToken} />
        <input type="hidden" name="version" value={values.version} />
        <div class="ed-bar">
          <div class="ed-bar-state">
            <a href="/newsroom/stories" class="ed-back">Stories</a>
            <span class="nr-status" data-status={status ?? 'draft'}>{status ? statusLabels[status] : 'New'}</span>
            <span id="autosave-status" class="ed-save-state" role="status" aria-live="polite">
              {story ? `Last saved ${formatDateTime(story.updatedAt)}` : 'Not saved yet'}
            </span>
          </div>
          <div class="ed-bar-actions">
            {secondary.map((s) => (
              <button type="submit" name="action" value={s.action} class={secondaryClass(s.action)}>{s.label}</button>
            ))}
            <button type="button" class="ed-button ed-settings-toggle" aria-controls="story-settings" aria-expanded="true" hidden>Settings</button>
            <button type="submit" name="action" value={primary.action} class="ed-button ed-button-primary" data-primary={primary.action}>{primary.label}</button>
          </div>
        </div>
        {props.message ? (
          <div class={props.message.kind === 'error' ? 'nr-error' : 'nr-notice'} role={props.message.kind === 'error' ? 'alert' : 'status'}>
            <p>{props.message.text}</p>
            {published && story.publicUrl ? <PublishedLink url={story.publicUrl} siteUrl={props.siteUrl} /> : null}
          </div>
        ) : null}
        {props.sections.length === 0 ? (
          <p class="nr-error" role="alert">
            There are no sections yet, and every story belongs to one. An editor can add sections under <a href="/newsroom/taxonomy">Sections &amp; tags</a>.
          </p>
        ) : null}
        {props.conflict && story ? (
          <p class="nr-actions">
            <a href={`/newsroom/stories/${story.id}`} target="_blank" rel="noopener">Open the saved version in a new tab</a>
            <a href={`/newsroom/stories/${story.id}/revisions`} target="_blank" rel="noopener">See what changed</a>
          </p>
        ) : null}
        <p id="presence" class="ed-presence" role="status" hidden={props.othersEditing.length === 0}>
          {props.othersEditing.length ? `${props.othersEditing.join(', ')} ${props.othersEditing.length === 1 ? 'is' : 'are'} editing this story.` : ''}
        </p>
        <div id="local-copy" class="ed-local-copy" role="alert" hidden />
        <div class="ed-layout">
          <div class="ed-canvas">
            <textarea id="title" name="title" class="ed-title" rows={1} placeholder="Headline" aria-label="Headline" aria-invalid={errors.title ? 'true' : undefined} aria-describedby={describedBy(errors, 'title')}>{values.title}</textarea>
            <FieldError errors={errors} name="title" />
            <textarea id="dek" name="dek" class="ed-dek" rows={1} placeholder="Dek: a sentence or two that sells the story" aria-label="Dek (summary under the headline)" aria-invalid={errors.dek ? 'true' : undefined} aria-describedby={describedBy(errors, 'dek')}>{values.dek}</textarea>
            <FieldError errors={errors} name="dek" />
            <div class="ed-body-field field">
              <label for="body_html" class="visually-hidden">Story text</label>
              <span class="nr-hint ed-no-editor-hint" id="body-hint">Without the rich-text editor, write HTML here: paragraphs, headings, links, lists, quotes. Anything else is removed on save.</span>
              <textarea id="body_html" name="body_html" rows={24} aria-describedby={describedBy(errors, 'body', 'body-hint')}>{values.body_html}</textarea>
              <FieldError errors={errors} name="body" />
            </div>
            <p class="ed-meta">
              <span id="word-count" aria-live="polite">{plural(props.wordCount, 'word')} · {Math.max(1, Math.round(props.wordCount / 230))} min read</span>
              {story ? <a href={`/newsroom/stories/${story.id}/preview`} target="_blank">Preview</a> : null}
              {story ? <a href={`/newsroom/stories/${story.id}/revisions`}>Revisions</a> : null}
              {story ? <a href={`/newsroom/stories/${story.id}/places`}>Places</a> : null}
              {story?.publicUrl ? <a href={story.publicUrl}>View on the site</a> : null}
              {props.canDelete && story ? <a href={`/newsroom/stories/${story.id}/delete`}>Delete</a> : null}
            </p>
            {story?.status === 'published' && props.canCorrect ? (
              <div class="nr-field ed-correction">
                <label for="correction">Correction note (optional)</label>
                <span class="nr-hint" id="correction-hint">Fill this in when this update corrects an error: the note is shown under the story.</span>
                <textarea id="correction" name="correction" rows={2} aria-describedby={describedBy(errors, 'correction', 'correction-hint')}>{values.correction}</textarea>
                <FieldError errors={errors} name="correction" />
              </div>
            ) : null}
          </div>
          <aside id="story-settings" class="ed-settings" aria-labelledby="story-settings-title">
            <div class="ed-settings-head">
              <h2 id="story-settings-title">Story settings</h2>
              <button type="button" class="ed-button ed-settings-close" aria-controls="story-settings" hidden>Close</button>
            </div>
            <div class="nr-field">
              <label for="section_id">Section</label>
              <select id="section_id" name="section_id" required aria-invalid={errors.section_id ? 'true' : undefined} aria-describedby={describedBy(errors, 'section_id')}>
                {sectionMissing ? <option value="" selected>Choose a section…</option> : null}
                {props.sections.map((s) => <option value={String(s.id)} data-slug={s.slug} selected={values.section_id === String(s.id)}>{s.name}</option>)}
              </select>
              <FieldError errors={errors} name="section_id" />
            </div>
            <div class="nr-field ed-authors">
              <label for="author_ids">Byline</label>
              <span class="nr-hint" id="authors-hint">Starts with you; add or remove writers.</span>
              <select id="author_ids" name="author_ids" multiple size={Math.min(6, Math.max(3, props.people.length))} aria-describedby={describedBy(errors, 'author_ids', 'authors-hint')}>
                {props.people.map((p) => <option value={String(p.id)} selected={values.author_ids.includes(String(p.id))}>{p.name}</option>)}
              </select>
              <FieldError errors={errors} name="author_ids" />
              <FieldError errors={errors} name="authors" />
            </div>
            <div class="nr-field ed-tags">
              <label for="tags">Tags</label>
              <span class="nr-hint" id="tags-hint">Separate with commas; new tags are created.</span>
              <input type="text" id="tags" name="tags" value={values.tags} autoComplete="off" aria-describedby={describedBy(errors, 'tags', 'tags-hint')} />
              <FieldError errors={errors} name="tags" />
            </div>
            <div class="nr-field ed-featured">
              <label for="featured_media_id">Featured image</label>
              <img id="featured-preview" class="featured-preview" src={props.featured?.url} alt={props.featured ? `Featured image: ${props.featured.alt}` : ''} hidden={!props.featured} />
              <span class="nr-hint" id="featured-hint">The number of an image in the media library.</span>
              <input type="text" id="featured_media_id" name="featured_media_id" value={values.featured_media_id} inputMode="numeric" aria-describedby={describedBy(errors, 'featured_media_id', 'featured-hint')} />
              <FieldError errors={errors} name="featured_media_id" />
            </div>
            {canSchedule || story?.status === 'scheduled' ? (
              <div class="nr-field ed-schedule">
                <label for="publish_at">Publish at ({props.timeZone} time)</label>
                <span class="nr-hint" id="publish_at-hint">The site's clock. Schedule sets the story to go out then.</span>
                <input type="datetime-local" id="publish_at" name="publish_at" value={values.publish_at} aria-describedby={describedBy(errors, 'publish_at', 'publish_at-hint')} />
                <FieldError errors={errors} name="publish_at" />
                {canSchedule ? <button type="submit" name="action" value="schedule" class="ed-button">{story?.status === 'scheduled' ? 'Reschedule' : 'Schedule'}</button> : null}
              </div>
            ) : null}
            <div class="nr-field nr-check">
              <input type="checkbox" id="comments_open" name="comments_open" value="on" checked={values.comments_open} />
              <label for="comments_open">Readers may comment</label>
            </div>
            <details class="ed-seo" open={Boolean(errors.slug || errors.seo_title || errors.seo_description || errors.canonical_url)}>
              <summary>Address, search engines and sharing</summary>
              <TextField name="slug" label="Slug" values={values} errors={errors} hint="Part of the address; made from the headline when left empty." dataAuto={!story} />
              <TextField name="seo_title" label="Search title" values={values} errors={errors} hint="Shown by search engines instead of the headline." maxLength={200} />
              <div class="nr-field">
                <label for="seo_description">Search description</label>
                <textarea id="seo_description" name="seo_description" rows={3} maxLength={400} aria-describedby={describedBy(errors, 'seo_description')}>{values.seo_description}</textarea>
                <FieldError errors={errors} name="seo_description" />
              </div>
              <TextField name="canonical_url" type="url" label="Canonical address" values={values} errors={errors} hint="Only when the story first appeared elsewhere." />
            </details>
            {story ? <DeskNotes notes={props.notes} storyId={story.id} /> : null}
          </aside>
        </div>
        {props.actions.includes('publish') ? <PublishDialog sections={props.sections} values={values} timeZone={props.timeZone} hooks={props.publishHooks} canSchedule={canSchedule} followers={props.followers} /> : null}
      </form>
      {story ? (
        <form method="post" action={`/newsroom/stories/${story.id}/notes`} id="note-form" class="ed-note-form">
          <CsrfField token={props.csrfToken} />
        </form>
      ) : null}
      {props.assets.js ? <script type="module" src={props.assets.js} /> : null}
    </NewsroomLayout>
  );
}

