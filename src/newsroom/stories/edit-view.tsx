/** The story editor page: every field of a story, the body as plain HTML until the rich-text editor takes over, and the workflow buttons. */
import type { SessionUser } from '../../http/session.js';
import type { ArticleStatus, Section } from '../../db/schema.js';
import { statusLabels, type WorkflowAction } from '../../content/workflow.js';
import { formatDateTime, plural } from '../../site/views/format.js';
import { CsrfField, NewsroomLayout } from '../views/layout.js';
import type { StoryFormValues } from './form.js';

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
  errors: Record<string, string>;
  message: { kind: 'notice' | 'error'; text: string } | null;
  /** The chosen featured image, shown beside its number. */
  featured: { url: string; alt: string } | null;
  /** Someone else saved first: offer their version alongside the kept text. */
  conflict?: boolean;
  wordCount: number;
  assets: { js: string | null; css: string | null };
  /** The site's time zone: the publication time is typed on its clock. */
  timeZone: string;
}

const actionLabels: Record<WorkflowAction, string> = {
  submit: 'Submit for review',
  return: 'Send back to draft',
  schedule: 'Schedule',
  unschedule: 'Unschedule',
  publish: 'Publish now',
  unpublish: 'Unpublish',
};

function FieldError(props: { errors: Record<string, string>; name: string }) {
  const message = props.errors[props.name];
  return message ? <span class="nr-field-error" id={`${props.name}-error`}>{message}</span> : null;
}

function TextField(props: { name: keyof StoryFormValues; label: string; values: StoryFormValues; errors: Record<string, string>; hint?: string; class?: string; placeholder?: string; type?: string; dataAuto?: boolean }) {
  const value = props.values[props.name];
  return (
    <div class="nr-field">
      <label for={props.name}>{props.label}</label>
      {props.hint ? <span class="nr-hint" id={`${props.name}-hint`}>{props.hint}</span> : null}
      <input
        type={props.type ?? 'text'}
        id={props.name}
        name={props.name}
        value={typeof value === 'string' ? value : ''}
        class={props.class}
        placeholder={props.placeholder}
        data-auto={props.dataAuto ? 'true' : undefined}
        aria-invalid={props.errors[props.name] ? 'true' : undefined}
        aria-describedby={props.errors[props.name] ? `${props.name}-error` : props.hint ? `${props.name}-hint` : undefined}
      />
      <FieldError errors={props.errors} name={props.name} />
    </div>
  );
}

export function StoryEditorPage(props: StoryEditorProps) {
  const { story, values, errors } = props;
  const title = story ? `Edit: ${values.title || 'Untitled story'}` : 'New story';
  const action = story ? `/newsroom/stories/${story.id}` : '/newsroom/stories';
  const autosave = story && (story.status === 'draft' || story.status === 'review') ? `/newsroom/stories/${story.id}/autosave` : undefined;
  return (
    <NewsroomLayout title={title} user={props.user} csrfToken={props.csrfToken} current="stories">
      {props.assets.css ? <link rel="stylesheet" href={props.assets.css} /> : null}
      {props.sections.length === 0 ? (
        <p class="nr-error" role="alert">
          There are no sections yet, and every story belongs to one. An editor can add sections under <a href="/newsroom/taxonomy">Sections &amp; tags</a>.
        </p>
      ) : null}
      {props.message ? <p class={props.message.kind === 'error' ? 'nr-error' : 'nr-notice'} role={props.message.kind === 'error' ? 'alert' : 'status'}>{props.message.text}</p> : null}
      {props.conflict && story ? (
        <p class="nr-actions">
          <a href={`/newsroom/stories/${story.id}`} target="_blank" rel="noopener">Open the saved version in a new tab</a>
          <a href={`/newsroom/stories/${story.id}/revisions`} target="_blank" rel="noopener">See what changed</a>
        </p>
      ) : null}
      {story ? (
        <p class="editor-meta">
          <span>Status: <span class="nr-status" data-status={story.status}>{statusLabels[story.status]}</span></span>
          {story.status === 'scheduled' && story.publishedAt ? <span>Goes out {formatDateTime(story.publishedAt)}</span> : null}
          {story.status === 'published' && story.publishedAt ? <span>Published {formatDateTime(story.publishedAt)}</span> : null}
          <span>Last saved {formatDateTime(story.updatedAt)}</span>
          <a href={`/newsroom/stories/${story.id}/preview`} target="_blank">Preview</a>
          <a href={`/newsroom/stories/${story.id}/revisions`}>Revisions</a>
          <a href={`/newsroom/stories/${story.id}/places`}>Places</a>{/* places panel hook: src/newsroom/places/ */}
          {story.publicUrl ? <a href={story.publicUrl}>View on the site</a> : null}
          {props.canDelete ? <a href={`/newsroom/stories/${story.id}/delete`}>Delete</a> : null}
        </p>
      ) : null}
      <form method="post" action={action} id="story-form" class="story-editor" data-autosave-url={autosave} data-create-url={story ? undefined : '/newsroom/stories/autosave'} noValidate>
        <CsrfField token={props.csrfToken} />
        <input type="hidden" name="version" value={values.version} />
        <div class="nr-form">
          <TextField name="title" label="Headline" values={values} errors={errors} class="title-input" />
          <div class="nr-field">
            <label for="dek">Summary (dek)</label>
            <textarea id="dek" name="dek" rows={2}>{values.dek}</textarea>
            <FieldError errors={errors} name="dek" />
          </div>
          <div class="nr-field field">
            <label for="body_html">Story</label>
            <span class="nr-hint" id="body-hint">Without the rich-text editor, write HTML here: paragraphs, headings, links, lists, quotes. Anything else is removed on save.</span>
            <textarea id="body_html" name="body_html" rows={24} aria-describedby="body-hint">{values.body_html}</textarea>
            <FieldError errors={errors} name="body" />
          </div>
          <p class="editor-meta">
            <span id="word-count" aria-live="polite">{plural(props.wordCount, 'word')} · {Math.max(1, Math.round(props.wordCount / 230))} min read</span>
            <span id="autosave-status" aria-live="polite">{autosave || !story ? 'Drafts save themselves a few seconds after you stop typing.' : 'Autosave is for drafts; save changes with the buttons below.'}</span>
          </p>
          {story?.status === 'published' && props.canCorrect ? (
            <div class="nr-field">
              <label for="correction">Correction note (optional)</label>
              <span class="nr-hint" id="correction-hint">Fill this in when this change corrects an error: the note is shown under the story.</span>
              <textarea id="correction" name="correction" rows={2} aria-describedby="correction-hint">{values.correction}</textarea>
              <FieldError errors={errors} name="correction" />
            </div>
          ) : null}
          <div class="nr-actions">
            <button type="submit" name="action" value="save" class="nr-button">{story ? 'Save' : 'Save draft'}</button>
            {props.actions.map((a) => (
              <button type="submit" name="action" value={a} class={a === 'unpublish' || a === 'unschedule' ? 'nr-button nr-button-danger' : 'nr-button nr-button-secondary'}>
                {actionLabels[a]}
              </button>
            ))}
          </div>
        </div>
        <div class="story-side">
          <TextField name="slug" label="Slug" values={values} errors={errors} hint="Part of the address; made from the headline when left empty." dataAuto={!story} />
          <div class="nr-field">
            <label for="section_id">Section</label>
            <select id="section_id" name="section_id">
              {props.sections.map((s) => <option value={String(s.id)} selected={values.section_id === String(s.id)}>{s.name}</option>)}
            </select>
            <FieldError errors={errors} name="section_id" />
          </div>
          <div class="nr-field">
            <label for="tags">Tags</label>
            <span class="nr-hint" id="tags-hint">Separate with commas; new tags are created.</span>
            <input type="text" id="tags" name="tags" value={values.tags} list="tag-suggestions" autoComplete="off" aria-describedby="tags-hint" />
            <datalist id="tag-suggestions" />
            <FieldError errors={errors} name="tags" />
          </div>
          <div class="nr-field">
            <label for="author_ids">Authors</label>
            <span class="nr-hint" id="authors-hint">Hold Ctrl (⌘ on a Mac) to choose several.</span>
            <select id="author_ids" name="author_ids" multiple size={Math.min(6, Math.max(3, props.people.length))} aria-describedby="authors-hint">
              {props.people.map((p) => <option value={String(p.id)} selected={values.author_ids.includes(String(p.id))}>{p.name}</option>)}
            </select>
            <FieldError errors={errors} name="author_ids" />
            <FieldError errors={errors} name="authors" />
          </div>
          <TextField name="featured_media_id" label="Featured image (library number)" values={values} errors={errors} />
          <img id="featured-preview" class="featured-preview" src={props.featured?.url} alt={props.featured ? `Featured image: ${props.featured.alt}` : ''} hidden={!props.featured} />
          {props.actions.includes('schedule') || story?.status === 'scheduled' ? (
            <TextField name="publish_at" type="datetime-local" label={`Publish at (${props.timeZone} time)`} values={values} errors={errors} hint="Used by Schedule." />
          ) : null}
          <div class="nr-field nr-check">
            <input type="checkbox" id="comments_open" name="comments_open" value="on" checked={values.comments_open} />
            <label for="comments_open">Comments open</label>
          </div>
          <fieldset class="nr-field">
            <legend>Search engines and sharing</legend>
            <TextField name="seo_title" label="Search title" values={values} errors={errors} hint="Shown by search engines instead of the headline." />
            <div class="nr-field">
              <label for="seo_description">Search description</label>
              <textarea id="seo_description" name="seo_description" rows={3}>{values.seo_description}</textarea>
              <FieldError errors={errors} name="seo_description" />
            </div>
            <TextField name="canonical_url" type="url" label="Canonical address" values={values} errors={errors} hint="Only when the story first appeared elsewhere." />
          </fieldset>
        </div>
      </form>
      {props.assets.js ? <script type="module" src={props.assets.js} /> : null}
    </NewsroomLayout>
  );
}
