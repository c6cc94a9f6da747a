/** The sources directory in the newsroom: the list with search and an add form, the edit and merge page, and the backfill's proposals. */
import { can } from '../../accounts/policies.js';
import type { SourceKind } from '../../db/schema.js';
import { kindLabels, orgTypes, sourceLimits, sourceLine, sourcePath, sourcePageSize, type ProposalEntry, type SourceEntry, type SourceListItem } from '../../sources/queries.js';
import { CsrfField, NewsroomLayout, Pager } from '../views/layout.js';
import { Messages, type Frame } from '../views/messages.js';

const assets = ['library.css'];


type Values = Record<string, string>;


function Field(props: { id: string; name: string; label: string; value: string; error?: string; hint?: string; maxLength?: number; required?: boolean; multiline?: boolean; type?: string; list?: string }) {
  const describedBy = [props.hint ? `${props.id}-hint` : '', props.error ? `${props.id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div class="nr-field">
      <label for={props.id}>{props.label}</label>
      {props.multiline ? (
        <textarea id={props.id} name={props.name} maxLength={props.maxLength} aria-invalid={props.error ? 'true' : undefined} aria-describedby={describedBy}>{props.value}</textarea>
      ) : (
        <input id={props.id} name={props.name} type={props.type ?? 'text'} value={props.value} maxLength={props.maxLength} required={props.required} list={props.list} aria-invalid={props.error ? 'true' : undefined} aria-describedby={describedBy} />
      )}
      {props.hint ? <span class="nr-hint" id={`${props.id}-hint`}>{props.hint}</span> : null}
      {props.error ? <span class="nr-field-error" id={`${props.id}-error`}>{props.error}</span> : null}
    </div>
  );
}

function Select(props: { id: string; name: string; label: string; value: string; options: [string, string][]; error?: string; hint?: string }) {
  return (
    <div class="nr-field">
      <label for={props.id}>{props.label}</label>
      <select id={props.id} name={props.name} aria-invalid={props.error ? 'true' : undefined}>
        {props.options.map(([value, label]) => <option value={value} selected={value === props.value}>{label}</option>)}
      </select>
      {props.hint ? <span class="nr-hint">{props.hint}</span> : null}
      {props.error ? <span class="nr-field-error">{props.error}</span> : null}
    </div>
  );
}

const kindOptions = Object.entries(kindLabels) as [SourceKind, string][];
const orgTypeOptions = Object.entries(orgTypes);

/** The fields every source has, and those of its kind (all shown: the kind decides which are stored). */
function SourceFields(props: { prefix: string; values: Values; errors: Record<string, string>; organisations: string[]; withSlug?: boolean }) {
  const { prefix, values, errors } = props;
  return (
    <>
      <Select id={`${prefix}-kind`} name="kind" label="Kind" value={values.kind || 'organisation'} options={kindOptions} error={errors.kind} />
      <Field id={`${prefix}-name`} name="name" label="Name" value={values.name ?? ''} error={errors.name} maxLength={sourceLimits.name} required hint="As readers should see it, in its own script if you like: Reuters, Лена Иванова, وزارة الصحة." />
      {props.withSlug ? <Field id={`${prefix}-slug`} name="slug" label="Address (optional)" value={values.slug ?? ''} error={errors.slug} maxLength={sourceLimits.slug} hint="Made from the name when left empty; fixed once the source is added." /> : null}
      <Select id={`${prefix}-org-type`} name="orgType" label="Kind of organisation (organisations)" value={values.orgType || 'other'} options={orgTypeOptions} error={errors.orgType} />
      <Field id={`${prefix}-role`} name="role" label="Role or title (people)" value={values.role ?? ''} error={errors.role} maxLength={sourceLimits.role} />
      <Field id={`${prefix}-affiliation`} name="affiliation" label="Organisation (a person's employer, a document's publisher)" value={values.affiliation ?? ''} error={errors.affiliation} maxLength={sourceLimits.name} list={`${prefix}-organisations`} hint="The name or address of an organisation already in the directory." />
      <datalist id={`${prefix}-organisations`}>{props.organisations.map((name) => <option value={name} />)}</datalist>
      <Field id={`${prefix}-published-on`} name="publishedOn" label="Date (documents)" type="date" value={values.publishedOn ?? ''} error={errors.publishedOn} />
      <Field id={`${prefix}-url`} name="url" label="Link" type="url" value={values.url ?? ''} error={errors.url} maxLength={sourceLimits.url} hint="The document itself, or the organisation's or person's own page." />
      <Field id={`${prefix}-description`} name="description" label="Description" value={values.description ?? ''} error={errors.description} maxLength={sourceLimits.description} multiline hint="What readers should know about this source: who runs it, how it works, what it is known for." />
    </>
  );
}

export function sourceValues(source: SourceEntry): Values {
  return {
    kind: source.kind,
    name: source.name,
    orgType: source.org_type,
    role: source.role,
    affiliation: source.affiliation?.name ?? '',
    publishedOn: source.published_on,
    url: source.url,
    description: source.description,
  };
}

export function SourcesPage(props: Frame & {
  items: SourceListItem[];
  total: number;
  query: string;
  kind: string;
  page: number;
  openProposals: number;
  organisations: string[];
  values?: Values;
  errors?: Record<string, string>;
}) {
  const manage = can(props.user, 'source.manage');
  const pages = Math.max(1, Math.ceil(props.total / sourcePageSize));
  const link = (page: number) => `/newsroom/sources?${new URLSearchParams({ ...(props.query ? { q: props.query } : {}), ...(props.kind ? { kind: props.kind } : {}), ...(page > 1 ? { page: String(page) } : {}) }).toString()}`;
  return (
    <NewsroomLayout title="Sources" user={props.user} csrfToken={props.csrfToken} current="sources" assets={assets}>
      <Messages notice={props.notice} error={props.error} />
      {manage && props.openProposals > 0 ? (
        <p class="nr-notice"><a href="/newsroom/sources/proposals">{props.openProposals} {props.openProposals === 1 ? 'name found' : 'names found'} in stories wait for the desk</a> to become sources.</p>
      ) : null}
      <form method="get" action="/newsroom/sources" class="nr-actions nr-find" role="search">
        <label for="source-q" class="visually-hidden">Find sources</label>
        <input id="source-q" name="q" type="search" value={props.query} placeholder="Name, in any spelling" />
        <label for="source-kind-filter" class="visually-hidden">Kind</label>
        <select id="source-kind-filter" name="kind">
          <option value="">All kinds</option>
          {kindOptions.map(([value, label]) => <option value={value} selected={value === props.kind}>{label}</option>)}
        </select>
        <button type="submit" class="nr-button nr-button-secondary">Find</button>
      </form>
      <h2>{props.total} {props.total === 1 ? 'source' : 'sources'}{props.query ? ` matching “${props.query}”` : ''}</h2>
      {props.items.length === 0 ? (
        <p class="nr-muted">{props.query ? 'No source matches. Add it below.' : 'No sources yet. Add the agencies, officials and reports your stories rest on.'}</p>
      ) : (
        <div class="nr-scroll">
          <table class="nr-table">
            <thead>
              <tr><th scope="col">Name</th><th scope="col">Kind</th><th scope="col">Stories</th><th scope="col"><span class="visually-hidden">Actions</span></th></tr>
            </thead>
            <tbody>
              {props.items.map((source) => (
                <tr data-source-id={source.id}>
                  <td><a href={sourcePath(source.slug)}>{source.name}</a></td>
                  <td>{kindLabels[source.kind]} <span class="nr-muted">· {sourceLine(source)}</span></td>
                  <td>{source.stories}</td>
                  <td>{manage ? <a href={`/newsroom/sources/${source.id}`} aria-label={`Edit or merge ${source.name}`}>Edit or merge</a> : null}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager page={props.page} pages={pages} href={link} label="Source pages" />
      <h2 id="add">Add a source</h2>
      <form method="post" action="/newsroom/sources" class="nr-form">
        <CsrfField token={props.csrfToken} />
        <SourceFields prefix="new-source" values={props.values ?? {}} errors={props.errors ?? {}} organisations={props.organisations} withSlug />
        <div class="nr-actions"><button type="submit" class="nr-button">Add source</button></div>
      </form>
    </NewsroomLayout>
  );
}

export function SourceEditPage(props: Frame & { source: SourceEntry; stories: number; organisations: string[]; suggestions: string[]; values?: Values; errors?: Record<string, string> }) {
  const values = props.values ?? { ...sourceValues(props.source), into: '' };
  const errors = props.errors ?? {};
  const { source } = props;
  return (
    <NewsroomLayout title={`Source: ${source.name}`} user={props.user} csrfToken={props.csrfToken} current="sources" assets={assets}>
      <p><a href="/newsroom/sources">Back to sources</a></p>
      <Messages notice={props.notice} error={props.error} />
      <p>
        {kindLabels[source.kind]} · cited by {props.stories} {props.stories === 1 ? 'story' : 'stories'} · <a href={sourcePath(source.slug)}>{sourcePath(source.slug)}</a>
      </p>
      <form method="post" action={`/newsroom/sources/${source.id}`} class="nr-form">
        <CsrfField token={props.csrfToken} />
        <SourceFields prefix="source" values={values} errors={errors} organisations={props.organisations.filter((name) => name !== source.name)} />
        <div class="nr-actions"><button type="submit" class="nr-button">Save</button></div>
      </form>
      <h2>Merge into another source</h2>
      <p class="nr-muted">For duplicates: every story citing “{source.name}” then cites the other source, its names match the other source, and its page redirects there.</p>
      <form method="post" action={`/newsroom/sources/${source.id}/merge`} class="nr-form">
        <CsrfField token={props.csrfToken} />
        <Field id="merge-into" name="into" label="Merge into" value={values.into ?? ''} error={errors.into} maxLength={sourceLimits.name} required list="source-suggestions" hint="The other source's name or address." />
        <datalist id="source-suggestions">{props.suggestions.map((name) => <option value={name} />)}</datalist>
        <div class="nr-actions"><button type="submit" class="nr-button nr-button-danger">Merge</button></div>
      </form>
    </NewsroomLayout>
  );
}

export function ProposalsPage(props: Frame & { proposals: ProposalEntry[]; suggestions: string[]; errors?: Record<string, string>; failedId?: number }) {
  return (
    <NewsroomLayout title="Names found in stories" user={props.user} csrfToken={props.csrfToken} current="sources" assets={assets}>
      <p><a href="/newsroom/sources">Back to sources</a></p>
      <Messages notice={props.notice} error={props.error} />
      <p class="nr-muted">
        <code>gazette sources backfill</code> read the attributions of quotes in stored and imported stories. Spellings that differ only in case, punctuation
        or initials are grouped. Add each name as a source, say which source it already means, or dismiss it.
      </p>
      {props.proposals.length === 0 ? <p class="nr-muted">Nothing waits. Run <code>gazette sources backfill</code> after an import.</p> : null}
      <datalist id="proposal-suggestions">{props.suggestions.map((name) => <option value={name} />)}</datalist>
      {props.proposals.map((proposal) => {
        const errors = props.failedId === proposal.id ? props.errors ?? {} : {};
        return (
          <section class="nr-card" aria-labelledby={`proposal-${proposal.id}`} data-proposal-id={proposal.id}>
            <h2 id={`proposal-${proposal.id}`}>{proposal.name}</h2>
            <p class="nr-muted">
              In {proposal.articleIds.length} {proposal.articleIds.length === 1 ? 'story' : 'stories'}
              {proposal.variants.length > 1 ? ` · written ${proposal.variants.map((v) => `“${v}”`).join(', ')}` : ''}
            </p>
            <form method="post" action={`/newsroom/sources/proposals/${proposal.id}`} class="nr-form">
              <CsrfField token={props.csrfToken} />
              <input type="hidden" name="decision" value="create" />
              <Field id={`proposal-${proposal.id}-name`} name="name" label="Name" value={proposal.name} error={errors.name} maxLength={sourceLimits.name} required />
              <Select id={`proposal-${proposal.id}-kind`} name="kind" label="Kind" value="organisation" options={kindOptions} error={errors.kind} />
              <Select id={`proposal-${proposal.id}-org-type`} name="orgType" label="Kind of organisation" value="other" options={orgTypeOptions} error={errors.orgType} />
              <div class="nr-actions"><button type="submit" class="nr-button">Add as a source</button></div>
            </form>
            <form method="post" action={`/newsroom/sources/proposals/${proposal.id}`} class="nr-form">
              <CsrfField token={props.csrfToken} />
              <input type="hidden" name="decision" value="merge" />
              <Field id={`proposal-${proposal.id}-into`} name="into" label="Or: it means this source" value="" error={errors.into} maxLength={sourceLimits.name} list="proposal-suggestions" />
              <div class="nr-actions"><button type="submit" class="nr-button nr-button-secondary">Link to that source</button></div>
            </form>
            <form method="post" action={`/newsroom/sources/proposals/${proposal.id}`} class="nr-actions">
              <CsrfField token={props.csrfToken} />
              <input type="hidden" name="decision" value="dismiss" />
              <button type="submit" class="nr-button-link">Dismiss: not a source</button>
            </form>
          </section>
        );
      })}
    </NewsroomLayout>
  );
}
