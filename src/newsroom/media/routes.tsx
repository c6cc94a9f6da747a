/** /newsroom/media: upload images (multipart, scoped to this plugin), browse, describe, delete unused ones; /newsroom/media.json feeds the editor's picker. */
import multipart, { type MultipartFile } from '@fastify/multipart';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../context.js';
import { requireUser, verifyCsrf } from '../../http/session.js';
import { authorize } from '../../accounts/policies.js';
import { mediaView } from '../../content/queries.js';
import type { Media } from '../../db/schema.js';
import { CommandError } from '../../errors.js';
import { fromCommandError, HttpError } from '../../http/errors.js';
import { deleteImage, describeImage, uploadImages, type UploadedImage } from '../../media/commands.js';
import { findMedia, listMedia, mediaPageSize, mediaUsage, pickerEntry } from '../../media/library.js';
import { maxUploadBytes } from '../../media/storage.js';
import { sendNewsroomPage } from '../page.js';
import { MediaEditPage, MediaLibraryPage } from './views.js';
import { formText as text } from '../../http/form-values.js';
import { parseId, wantsJson } from '../../http/request-input.js';

type UploadedFile = UploadedImage;

type Fields = Record<string, unknown>;

const maxFilesPerUpload = 20;

function uploadedFiles(value: unknown): UploadedFile[] {
  const list = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return list.filter((item): item is UploadedFile => !!item && typeof item === 'object' && Buffer.isBuffer((item as UploadedFile).bytes));
}

function mediaId(raw: string): number {
  return parseId(raw, 'That image');
}

const notices: Record<string, string> = {
  saved: 'Saved.',
  uploaded: 'Uploaded. Add alt text if it still needs it.',
  deleted: 'The image was deleted.',
};

export function newsroomMediaRoutes(ctx: AppContext) {
  async function sendEditPage(request: FastifyRequest, reply: FastifyReply, media: Media, extra: { values?: Record<'alt' | 'caption' | 'credit' | 'focalX' | 'focalY', string>; errors?: Record<string, string>; notice?: string; error?: string } = {}, status = 200) {
    const user = requireUser(request);
    const uses = await mediaUsage(ctx.store.db, media);
    return sendNewsroomPage(
      reply,
      <MediaEditPage user={user} csrfToken={request.csrfToken ?? ''} media={{ ...mediaView(media), bytes: media.bytes, createdAt: media.created_at }} uses={uses} {...extra} />,
      status,
    );
  }

  /** A refused upload from the form: the library page again, with the problem and what the person typed (a browser cannot refill a file input). */
  async function uploadRefused(thrown: FastifyError | HttpError | CommandError, request: FastifyRequest, reply: FastifyReply) {
    const error = fromCommandError(thrown) as FastifyError | HttpError;
    const status = error instanceof HttpError ? error.status : (error.statusCode ?? 500);
    const csrf = error instanceof HttpError && error.code === 'csrf';
    if (!request.user || wantsJson(request) || status < 400 || status >= 500 || status === 401 || (status === 403 && !csrf)) throw error;
    const fields = (request.body && typeof request.body === 'object' ? request.body : {}) as Fields;
    const values = { alt: text(fields.alt), caption: text(fields.caption), credit: text(fields.credit) };
    const typed = values.alt || values.caption || values.credit ? 'What you typed is kept below; choose' : 'Choose';
    const { items, total } = await listMedia(ctx.store.db, { query: '', missingAlt: false, page: 1 });
    return sendNewsroomPage(
      reply,
      <MediaLibraryPage
        user={request.user}
        csrfToken={request.csrfToken ?? ''}
        items={items}
        total={total}
        page={1}
        query=""
        missingAlt={false}
        error={`${error.message} ${typed} the file again (a browser cannot keep a chosen file after a refusal).`}
        upload={{ values, errors: error instanceof HttpError ? error.details : {} }}
      />,
      status,
    );
  }

  return async function register(app: FastifyInstance): Promise<void> {
    await app.register(multipart, {
      attachFieldsToBody: 'keyValues',
      // Read the whole request even past the limit, then answer 413: the browser gets the message instead of a reset connection.
      throwFileSizeLimit: false,
      limits: { fileSize: maxUploadBytes, files: maxFilesPerUpload, fields: 20, fieldSize: 64 * 1024 },
      async onFile(part: MultipartFile) {
        const bytes = await part.toBuffer();
        (part as unknown as { value: UploadedFile }).value = { filename: part.filename, bytes, truncated: part.file.truncated };
      },
    });

    app.get<{ Querystring: { q?: string; missing?: string; page?: string; notice?: string } }>('/newsroom/media', async (request, reply) => {
      const user = requireUser(request);
      authorize(user, 'media.upload');
      const query = text(request.query.q).slice(0, 200);
      const missingAlt = request.query.missing === 'alt';
      const page = /^\d{1,6}$/.test(text(request.query.page)) ? Math.max(1, Number(request.query.page)) : 1;
      const { items, total } = await listMedia(ctx.store.db, { query, missingAlt, page });
      return sendNewsroomPage(
        reply,
        <MediaLibraryPage user={user} csrfToken={request.csrfToken ?? ''} items={items} total={total} page={page} query={query} missingAlt={missingAlt} notice={notices[text(request.query.notice)]} />,
      );
    });

    app.get<{ Querystring: { q?: string; page?: string } }>('/newsroom/media.json', async (request, reply) => {
      const user = requireUser(request);
      authorize(user, 'media.upload');
      const page = /^\d{1,6}$/.test(text(request.query.page)) ? Math.max(1, Number(request.query.page)) : 1;
      const { items, total } = await listMedia(ctx.store.db, { query: text(request.query.q).slice(0, 200), page });
      return reply.header('cache-control', 'no-store').send({ items: items.map(pickerEntry), total, page, pageSize: mediaPageSize });
    });

    app.post(
      '/newsroom/media',
      {
        // Check who is asking before reading a large body.
        onRequest: async (request) => authorize(requireUser(request), 'media.upload'),
        errorHandler: uploadRefused,
      },
      async (request, reply) => {
        if (!request.isMultipart()) throw new HttpError(415, 'Upload images as multipart/form-data (the upload form does this).');
        verifyCsrf(request);
        const fields = (request.body ?? {}) as Fields;
        const files = uploadedFiles(fields.file);
        const stored = await uploadImages(ctx, requireUser(request), { files, alt: text(fields.alt), caption: text(fields.caption), credit: text(fields.credit) }, { warn: (message) => request.log.warn(message) });
        if (wantsJson(request)) return reply.code(201).header('cache-control', 'no-store').send({ items: stored.map((m) => pickerEntry(mediaView(m))) });
        const target = stored.length === 1 ? `/newsroom/media/${stored[0]!.id}?notice=uploaded` : '/newsroom/media?notice=uploaded';
        return reply.redirect(target, 303);
      },
    );

    app.get<{ Params: { id: string }; Querystring: { notice?: string } }>('/newsroom/media/:id', async (request, reply) => {
      authorize(requireUser(request), 'media.edit');
      const media = await findMedia(ctx.store.db, mediaId(request.params.id));
      if (!media) throw new HttpError(404, 'That image could not be found.');
      return sendEditPage(request, reply, media, { notice: notices[text(request.query.notice)] });
    });

    app.post<{ Params: { id: string }; Body: Fields }>('/newsroom/media/:id', async (request, reply) => {
      verifyCsrf(request);
      const user = requireUser(request);
      authorize(user, 'media.edit');
      const media = await findMedia(ctx.store.db, mediaId(request.params.id));
      if (!media) throw new HttpError(404, 'That image could not be found.');
      const body = request.body ?? {};
      const values = { alt: text(body.alt), caption: text(body.caption), credit: text(body.credit), focalX: text(body.focalX), focalY: text(body.focalY) };
      let updated: Media;
      try {
        updated = await describeImage(ctx, user, media.id, values);
      } catch (error) {
        if (!(error instanceof CommandError) || error.kind !== 'invalid' || wantsJson(request)) throw error;
        return sendEditPage(request, reply, media, { values, errors: error.details, error: 'Please check the fields marked below.' }, 422);
      }
      if (wantsJson(request)) return reply.header('cache-control', 'no-store').send({ item: pickerEntry(mediaView(updated)) });
      return reply.redirect(`/newsroom/media/${media.id}?notice=saved`, 303);
    });

    app.post<{ Params: { id: string }; Body: Fields }>('/newsroom/media/:id/delete', async (request, reply) => {
      verifyCsrf(request);
      const user = requireUser(request);
      authorize(user, 'media.delete');
      const id = mediaId(request.params.id);
      try {
        await deleteImage(ctx, user, id);
      } catch (error) {
        const media = error instanceof CommandError && error.kind === 'conflict' && !wantsJson(request) ? await findMedia(ctx.store.db, id) : null;
        if (!media || !(error instanceof CommandError)) throw error;
        return sendEditPage(request, reply, media, { error: error.message }, 409);
      }
      if (wantsJson(request)) return reply.header('cache-control', 'no-store').send({ deleted: id });
      return reply.redirect('/newsroom/media?notice=deleted', 303);
    });
  };
}
