/** Sections & tags pages: the ordered section list with an add form, the tag list, and the edit, rename and merge forms. */
import type { Section } from '../../db/schema.js';
import { sectionPath, tagPath } from '../../content/urls.js';
import { CsrfField, NewsroomLayout, Pager } from '../views/layout.js';
import { tagPageSize, taxonomyLimits, type TagWithUses } from '../../content/taxonomy/store.js';
import { Messages, type Frame } from '../views/messages.js';

const assets = ['library.css'];


type Values = Record<string, string>;


function Field(props: { id: string; name: string; label: string; value: string; error?: string; hint?: string; maxLength: number; required?: boolean; multiline?: boolean }) {
  return (
    <div class="nr-field">
      <label for={props.id}>{props.label}</label>
      {props.multiline ? (
        <textarea id={props.id} name={props.name} maxLength={props.maxLength} aria-invalid={props.error ? 'true' : undefined}>{props.value}</textarea>
      ) : (
        <input id={props.id} name={props.name} type="text" value={props.value} maxLength={props.maxLength} required={props.required} aria-invalid={props.error ? 'true' : undefined} />
      )}
      {props.hint ? <span class="nr-hint">{props.hint}</span> : null}
      {props.error ? <span class="nr-field-error">{props.error}</span> : null}
    </div>
  );
}

export function TaxonomyPage(props: Frame & {
  sections: (Section & { stories: number })[];
  tags: TagWithUses[];
  tagTotal: number;
  tagQuery: string;
  tagPage: number;
  values?: Values;
  errors?: Record<string, string>;
}) {
  const values = props.values ?? {};
  const errors = props.errors ?? {};
  const pages = Math.max(1, Math.ceil(props.tagTotal / tagPageSize));
  const tagLink = (page: number) => `/newsroom/taxonomy?${new URLSearchParams({ ...(props.tagQuery ? { q: props.tagQuery } : {}), ...(page > 1 ? { page: String(page) } : {}) }).toString()}#tags`;
  return (
    <NewsroomLayout title="Sections & tags" user={props.user} csrfToken={props.csrfToken} current="taxonomy" assets={assets}>
      <Messages notice={props.notice} error={props.error} />
      <section aria-labelledby="sections">
        <h2 id="sections">Sections</h2>
        <p class="nr-muted">Sections appear in the site's navigation in this order.</p>
        <div class="nr-scroll">
        <table class="nr-table">
          <thead>
            <tr><th scope="col">Order</th><th scope="col">Section</th><th scope="col">Description</th><th scope="col">Stories</th><th scope="col">Actions</th></tr>
          </thead>
          <tbody>
            {props.sections.map((section, index) => (
              <tr data-section-id={section.id}>
                <td>{index + 1}</td>
                <td><a href={sectionPath(section.slug)}>{section.name}</a> <span class="nr-muted">{sectionPath(section.slug)}</span></td>
                <td>{section.description || <span class="nr-muted">No description</span>}</td>
                <td>{section.stories}</td>
                <td>
                  <form method="post" action={`/newsroom/taxonomy/sections/${section.id}/move`}>
                    <CsrfField token={props.csrfToken} />
                    <button type="submit" name="direction" value="up" class="nr-button-link" disabled={index === 0} aria-label={`Move ${section.name} up`}>Up</button>
                    <button type="submit" name="direction" value="down" class="nr-button-link" disabled={index === props.sections.length - 1} aria-label={`Move ${section.name} down`}>Down</button>
                  </form>{' '}
                  <a href={`/newsroom/taxonomy/sections/${section.id}`}>Edit</a>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        </div>
        <h3>Add a section</h3>
        <form method="post" action="/newsroom/taxonomy/sections" class="nr-form">
          <CsrfField token={props.csrfToken} />
          <Field id="section-name" name="name" label="Name" value={values.name ?? ''} error={errors.name} maxLength={taxonomyLimits.name} required />
          <Field id="section-slug" name="slug" label="Slug (optional)" value={values.slug ?? ''} error={errors.slug} maxLength={taxonomyLimits.slug} hint="Made from the name when left empty. It becomes part of every story address in the section and cannot be changed later." />
          <Field id="section-description" name="description" label="Description" value={values.description ?? ''} error={errors.description} maxLength={taxonomyLimits.description} multiline />
          <div class="nr-actions"><button type="submit" class="nr-button">Add section</button></div>
        </form>
      </section>
      <section aria-labelledby="tags">
        <h2 id="tags">Tags ({props.tagTotal})</h2>
        <form method="get" action="/newsroom/taxonomy#tags" class="nr-actions nr-find" role="search">
          <label for="tag-q" class="visually-hidden">Find tags</label>
          <input id="tag-q" name="q" type="search" value={props.tagQuery} placeholder="Tag name" />
          <button type="submit" class="nr-button nr-button-secondary">Find</button>
        </form>
        {props.tags.length === 0 ? (
          <p class="nr-muted">{props.tagQuery ? 'No tags match.' : 'No tags yet; they are made when stories are tagged.'}</p>
        ) : (
          <div class="nr-scroll">
        <table class="nr-table">
            <thead>
              <tr><th scope="col">Tag</th><th scope="col">Address</th><th scope="col">Stories</th><th scope="col"><span class="visually-hidden">Actions</span></th></tr>
            </thead>
            <tbody>
              {props.tags.map((tag) => (
                <tr data-tag-id={tag.id}>
                  <td>{tag.name}</td>
                  <td><a href={tagPath(tag.slug)}>{tagPath(tag.slug)}</a></td>
                  <td>{tag.uses}</td>
                  <td><a href={`/newsroom/taxonomy/tags/${tag.id}`} aria-label={`Rename or merge ${tag.name}`}>Rename or merge</a></td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        )}
        <Pager page={props.tagPage} pages={pages} href={tagLink} label="Tag pages" />
      </section>
    </NewsroomLayout>
  );
}

export function SectionEditPage(props: Frame & { section: Section; values?: Values; errors?: Record<string, string> }) {
  const values = props.values ?? { name: props.section.name, description: props.section.description };
  const errors = props.errors ?? {};
  return (
    <NewsroomLayout title={`Section: ${props.section.name}`} user={props.user} csrfToken={props.csrfToken} current="taxonomy" assets={assets}>
      <p><a href="/newsroom/taxonomy">Back to sections & tags</a></p>
      <Messages notice={props.notice} error={props.error} />
      <form method="post" action={`/newsroom/taxonomy/sections/${props.section.id}`} class="nr-form">
        <CsrfField token={props.csrfToken} />
        <Field id="section-name" name="name" label="Name" value={values.name ?? ''} error={errors.name} maxLength={taxonomyLimits.name} required />
        <p class="nr-muted">Address: {sectionPath(props.section.slug)} (fixed, so story links keep working).</p>
        <Field id="section-description" name="description" label="Description" value={values.description ?? ''} error={errors.description} maxLength={taxonomyLimits.description} multiline hint="Shown on the section page and to search engines." />
        <div class="nr-actions"><button type="submit" class="nr-button">Save</button></div>
      </form>
    </NewsroomLayout>
  );
}

export function TagEditPage(props: Frame & { tag: TagWithUses; values?: Values; errors?: Record<string, string>; suggestions: string[] }) {
  const values = props.values ?? { name: props.tag.name, slug: props.tag.slug, into: '' };
  const errors = props.errors ?? {};
  return (
    <NewsroomLayout title={`Tag: ${props.tag.name}`} user={props.user} csrfToken={props.csrfToken} current="taxonomy" assets={assets}>
      <p><a href="/newsroom/taxonomy#tags">Back to sections & tags</a></p>
      <Messages notice={props.notice} error={props.error} />
      <p>Used by {props.tag.uses} {props.tag.uses === 1 ? 'story' : 'stories'} · <a href={tagPath(props.tag.slug)}>{tagPath(props.tag.slug)}</a></p>
      <h2>Rename</h2>
      <form method="post" action={`/newsroom/taxonomy/tags/${props.tag.id}`} class="nr-form">
        <CsrfField token={props.csrfToken} />
        <Field id="tag-name" name="name" label="Name" value={values.name ?? ''} error={errors.name} maxLength={taxonomyLimits.name} required />
        <Field id="tag-slug" name="slug" label="Slug" value={values.slug ?? ''} error={errors.slug} maxLength={taxonomyLimits.slug} hint="Changing it moves the tag page; the old address redirects to the new one." />
        <div class="nr-actions"><button type="submit" class="nr-button">Rename</button></div>
      </form>
      <h2>Merge into another tag</h2>
      <p class="nr-muted">Every story tagged “{props.tag.name}” gets the other tag instead; this tag is deleted and its page redirects.</p>
      <form method="post" action={`/newsroom/taxonomy/tags/${props.tag.id}/merge`} class="nr-form">
        <CsrfField token={props.csrfToken} />
        <div class="nr-field">
          <label for="merge-into">Merge into</label>
          <input id="merge-into" name="into" type="text" list="tag-suggestions" required value={values.into ?? ''} aria-invalid={errors.into ? 'true' : undefined} />
          <datalist id="tag-suggestions">
            {props.suggestions.map((name) => <option value={name} />)}
          </datalist>
          <span class="nr-hint">The other tag's name or slug.</span>
          {errors.into ? <span class="nr-field-error">{errors.into}</span> : null}
        </div>
        <div class="nr-actions"><button type="submit" class="nr-button nr-button-danger">Merge</button></div>
      </form>
    </NewsroomLayout>
  );
}
