/** /newsroom/import: administrators upload a WordPress export; it is streamed to a temporary file, imported, and the report shown. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AppContext } from '../context.js';
import { requireUser, verifyCsrf, type SessionUser } from '../http/session.js';
import { authorize } from '../accounts/policies.js';
import { isSlug } from '../slugs.js';
import { HttpError } from '../http/errors.js';
import { describeSkip, importWordPress, type Counted, type ImportOptions, type ImportReport } from '../importers/wordpress/import.js';
import { WxrError } from '../importers/wordpress/wxr-reader.js';
import { sendNewsroomPage } from './page.js';
import { CsrfField, NewsroomLayout } from './views/layout.js';

export const maxImportBytes = 512 * 1024 * 1024;

interface ImportForm {
  categories: 'sections' | 'tags';
  defaultSection: string;
  pagesSection: string;
}

const defaults: ImportForm = { categories: 'sections', defaultSection: 'news', pagesSection: 'pages' };

const countLabels: Record<Counted, string> = {
  authors: 'Authors', sections: 'Sections', tags: 'Tags', posts: 'Posts', pages: 'Pages', comments: 'Comments', redirects: 'Redirects', media: 'Media files',
};

function ImportPage(props: { me: SessionUser; csrf: string; form: ImportForm; problem?: string; report?: ImportReport }) {
  const { form, report } = props;
  return (
    <NewsroomLayout title="Import from WordPress" user={props.me} csrfToken={props.csrf} current="import">
      {props.problem ? <p class="nr-error" role="alert">Nothing was imported: {props.problem}</p> : null}
      {report ? <ImportReportView report={report} /> : null}
      <p>
        In WordPress, choose Tools › Export › All content and upload the file here. Posts, pages, categories, tags, authors, comments,
        excerpts, featured images and SEO titles come across, and the old addresses redirect to the new ones. Items that cannot be
        imported are skipped and listed with their line and the reason; the rest is imported. Uploading the same file again imports
        only what is missing. Images stay on the old site (listed in the report); to copy them too, run{' '}
        <code>gazette import wordpress FILE --uploads wp-content/uploads</code> on the server.
      </p>
      <form method="post" action="/newsroom/import" enctype="multipart/form-data" class="nr-form">
        <CsrfField token={props.csrf} />
        <fieldset class="nr-field">
          <legend>WordPress categories become</legend>
          <p class="nr-check">
            <input id="categories-sections" name="categories" type="radio" value="sections" checked={form.categories === 'sections'} />
            <label for="categories-sections">Sections (a post’s main category is its section; the others become tags)</label>
          </p>
          <p class="nr-check">
            <input id="categories-tags" name="categories" type="radio" value="tags" checked={form.categories === 'tags'} />
            <label for="categories-tags">Tags</label>
          </p>
        </fieldset>
        <div class="nr-field">
          <label for="defaultSection">Section for posts without a category</label>
          <input id="defaultSection" name="defaultSection" type="text" required pattern="[a-z0-9]+(-[a-z0-9]+)*" value={form.defaultSection} />
        </div>
        <div class="nr-field">
          <label for="pagesSection">Section for WordPress pages</label>
          <input id="pagesSection" name="pagesSection" type="text" required pattern="[a-z0-9]+(-[a-z0-9]+)*" value={form.pagesSection} />
        </div>
        <div class="nr-field">
          <label for="file">WordPress export file (.xml, up to {maxImportBytes / 1024 / 1024} MB)</label>
          <input id="file" name="file" type="file" accept=".xml,application/xml,text/xml" required />
        </div>
        <div class="nr-actions">
          <button type="submit" class="nr-button">Import</button>
        </div>
      </form>
    </NewsroomLayout>
  );
}

function ImportReportView(props: { report: ImportReport }) {
  const { report } = props;
  return (
    <section class="nr-notice" role="status" aria-labelledby="import-report">
      <h2 id="import-report">Imported from {report.source} (WXR {report.version})</h2>
      {report.skipped.length ? (
        <p>
          {report.skipped.length === 1 ? '1 thing was' : `${report.skipped.length} things were`} skipped (listed below with the line of the file and
          the reason); everything else was imported.
        </p>
      ) : null}
      <table>
        <thead>
          <tr><th scope="col">Kind</th><th scope="col">New</th><th scope="col">Already imported</th></tr>
        </thead>
        <tbody>
          {(Object.keys(countLabels) as Counted[]).map((kind) => (
            <tr key={kind}><th scope="row">{countLabels[kind]}</th><td>{report.imported[kind]}</td><td>{report.alreadyImported[kind]}</td></tr>
          ))}
        </tbody>
      </table>
      {report.stickyPosts.length ? (
        <>
          <h3>Sticky posts</h3>
          <p>Gazette does not pin stories; put these on the front page by hand if wanted.</p>
          <ul>{report.stickyPosts.map((title) => <li>{title}</li>)}</ul>
        </>
      ) : null}
      {report.heldBack.length ? (
        <>
          <h3>Imported as drafts ({report.heldBack.length})</h3>
          <ul>{report.heldBack.map((line) => <li>{line}</li>)}</ul>
        </>
      ) : null}
      <h3>Skipped ({report.skipped.length})</h3>
      {report.skipped.length ? <ul>{report.skipped.map((item) => <li>{describeSkip(item)}</li>)}</ul> : <p>Nothing was skipped.</p>}
      {report.remoteMedia.length ? (
        <>
          <h3>Media still on the old site ({report.remoteMedia.length})</h3>
          <ul>{report.remoteMedia.map((url) => <li><code>{url}</code></li>)}</ul>
        </>
      ) : null}
    </section>
  );
}

function formFrom(fields: Record<string, string>): ImportForm | { problem: string } {
  const categories = fields.categories ?? defaults.categories;
  if (categories !== 'sections' && categories !== 'tags') return { problem: 'choose whether categories become sections or tags.' };
  const defaultSection = (fields.defaultSection ?? defaults.defaultSection).trim();
  const pagesSection = (fields.pagesSection ?? defaults.pagesSection).trim();
  for (const value of [defaultSection, pagesSection]) {
    if (!isSlug(value)) return { problem: `“${value.slice(0, 80)}” is not a section slug (lower-case letters, digits and hyphens).` };
  }
  return { categories, defaultSection, pagesSection };
}

/** Reads the form: the fields before the file, then the file itself, streamed to `file` without holding it in memory. */
async function receiveUpload(request: FastifyRequest, file: string): Promise<Record<string, string>> {
  const fields: Record<string, string> = {};
  let received = false;
  for await (const part of request.parts()) {
    if (part.type === 'field') {
      if (typeof part.value === 'string') fields[part.fieldname] = part.value.slice(0, 200);
      continue;
    }
    if (part.fieldname !== 'file' || received) {
      part.file.resume();
      continue;
    }
    // The CSRF field comes before the file in the form, so a forged request is refused before the upload is stored.
    request.body = { _csrf: fields._csrf ?? '' };
    verifyCsrf(request);
    await pipeline(part.file, fs.createWriteStream(file));
    if (part.file.truncated) throw new HttpError(413, `The export is larger than ${maxImportBytes / 1024 / 1024} MB; import it on the server with gazette import wordpress.`);
    received = part.filename !== '' || fs.statSync(file).size > 0;
  }
  if (!received) throw new HttpError(422, 'Choose the WordPress export file to upload.', 'invalid', { file: 'Required.' });
  return fields;
}

export function importRoutes(ctx: AppContext) {
  return async function register(app: FastifyInstance): Promise<void> {
    await app.register(multipart, { limits: { fileSize: maxImportBytes, files: 1, fields: 10, fieldSize: 1024 } });

    app.get('/newsroom/import', async (request, reply) => {
      const me = requireUser(request);
      authorize(me, 'import.run');
      return sendNewsroomPage(reply, <ImportPage me={me} csrf={request.csrfToken ?? ''} form={defaults} />);
    });

    app.post('/newsroom/import', { onRequest: async (request) => authorize(requireUser(request), 'import.run') }, async (request, reply) => {
      const me = requireUser(request);
      if (!request.isMultipart()) throw new HttpError(415, 'Upload the export with the form on this page (multipart/form-data).');
      const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'gazette-import-'));
      try {
        const fields = await receiveUpload(request, path.join(folder, 'export.xml'));
        const form = formFrom(fields);
        const page = (status: number, extra: { problem?: string; report?: ImportReport }) =>
          sendNewsroomPage(reply, <ImportPage me={me} csrf={request.csrfToken ?? ''} form={'problem' in form ? defaults : form} {...extra} />, status);
        if ('problem' in form) return page(422, { problem: form.problem });
        const options: ImportOptions = { ...form, uploadsDir: null };
        try {
          const report = await importWordPress(ctx, me, path.join(folder, 'export.xml'), options);
          return page(200, { report });
        } catch (error) {
          if (error instanceof WxrError) return page(422, { problem: `line ${error.line} of the file: ${error.problem}` });
          throw error;
        }
      } finally {
        fs.rmSync(folder, { recursive: true, force: true });
      }
    });
  };
}
