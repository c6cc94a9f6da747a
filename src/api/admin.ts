/** The admin API: token-authenticated writes (stories, media, comment moderation) under the newsroom's own role rules. */
import multipart from '@fastify/multipart';
import type { FastifyInstance } from 'fastify';
import { authorize } from '../accounts/policies.js';
import { bearerToken, requireApiScope } from './token-auth.js';
import type { AppContext } from '../context.js';
import { findUserById } from '../accounts/users.js';
import { findStory, mediaView, type Story } from '../content/queries.js';
import { findSection } from '../content/directory-queries.js';
import { saveStory } from '../content/commands/save-story.js';
import { loadEditableStory, type SaveAction, type StoryDraft } from '../content/workflow.js';
import type { ArticleStatus } from '../db/schema.js';
import { HttpError, badRequest, notFound } from '../http/errors.js';
import { validateMediaText } from '../media/library.js';
import { uploadImages } from '../media/commands.js';
import { maxUploadBytes } from '../media/storage.js';
import { moderateFromApi, moderationStatuses } from './moderation.js';
import { errorResponses, idParams, idSchema } from './schemas.js';
import { imageJson, storyJson } from './serialize.js';

interface StoryBody {
  title?: string;
  dek?: string;
  body?: string;
  section?: string;
  slug?: string;
  tags?: string[];
  authorIds?: number[];
  featuredMediaId?: number | null;
  commentsOpen?: boolean;
  seoTitle?: string;
  seoDescription?: string;
  canonicalUrl?: string;
  status?: ArticleStatus;
  publishAt?: string;
  correction?: string;
  version?: number;
}

const storyBodyProperties = {
  title: { type: 'string', maxLength: 300 },
  dek: { type: 'string', maxLength: 600, description: 'The summary under the headline.' },
  body: { type: 'string', maxLength: 2_000_000, description: 'HTML; sanitized on the way in.' },
  section: { type: 'string', maxLength: 200, description: 'Section slug.' },
  slug: { type: 'string', maxLength: 200 },
  tags: { type: 'array', maxItems: 30, items: { type: 'string', maxLength: 80 }, description: 'Tag names; new ones are created.' },
  authorIds: { type: 'array', maxItems: 20, items: idSchema, description: 'Defaults to the token owner.' },
  featuredMediaId: { anyOf: [idSchema, { type: 'null' }] },
  commentsOpen: { type: 'boolean' },
  seoTitle: { type: 'string', maxLength: 300 },
  seoDescription: { type: 'string', maxLength: 600 },
  canonicalUrl: { type: 'string', maxLength: 2000 },
  status: {
    type: 'string',
    enum: ['draft', 'review', 'scheduled', 'published', 'archived'],
    description: 'Where the story should be after this save: review submits it, scheduled needs publishAt, published publishes it now, archived unpublishes it.',
  },
  publishAt: { type: 'string', format: 'date-time', description: 'When a scheduled story goes out; must be in the future.' },
  correction: { type: 'string', maxLength: 2000, description: 'A public correction note, for changes to a published story.' },
} as const;

const writeResponse = {
  type: 'object',
  description: 'The story as saved, whatever its state, and its new version.',
  properties: { data: { $ref: 'Story#' }, version: { type: 'integer', description: 'Send it back as version with the next PATCH.' } },
} as const;

/** The workflow move that takes a story from `from` to `to` (a plain save when they are the same). */
function moveFor(from: ArticleStatus, to: ArticleStatus): SaveAction {
  if (from === to) return to === 'scheduled' ? 'schedule' : 'save';
  switch (to) {
    case 'review': return 'submit';
    case 'scheduled': return 'schedule';
    case 'published': return 'publish';
    case 'archived': return 'unpublish';
    case 'draft': return from === 'scheduled' ? 'unschedule' : 'return';
  }
}

export function adminApi(ctx: AppContext) {
  const db = ctx.store.db;

  async function sectionId(slug: string): Promise<number> {
    const section = await findSection(db, slug);
    if (!section) throw new HttpError(422, `There is no section "${slug}".`, 'invalid', { section: 'Unknown section.' });
    return section.id;
  }

  /** Refuses author ids that name nothing, before anything is saved (the save itself checks the featured image). */
  async function checkReferences(body: StoryBody): Promise<void> {
    const problems: Record<string, string> = {};
    for (const id of body.authorIds ?? []) {
      const author = await findUserById(db, id);
      if (!author) problems.authorIds = `There is no user with id ${id}.`;
      else if (Number(author.disabled) === 1) problems.authorIds = `${author.name}'s account is disabled.`;
    }
    if (Object.keys(problems).length) throw new HttpError(422, Object.values(problems)[0] ?? 'Invalid story.', 'invalid', problems);
  }

  async function respond(id: number, version: number, saved: Story | null = null) {
    const story = saved ?? (await findStory(db, { id }, true));
    if (!story) throw notFound('That story');
    return { data: storyJson(ctx.config.siteUrl, story), version };
  }

  return async function adminRoutes(app: FastifyInstance): Promise<void> {
    // Who is asking comes before what they sent: a stranger gets 401, not a list of validation problems.
    app.addHook('onRequest', async (request) => {
      if (!bearerToken(request)) {
        throw new HttpError(401, 'This endpoint needs an API token: send "Authorization: Bearer <token>". Make one in the newsroom under API tokens.', 'token_required');
      }
    });
    if (!app.hasContentTypeParser('multipart/form-data')) {
      await app.register(multipart, { limits: { fileSize: maxUploadBytes, files: 1, fields: 10, fieldSize: 4000 } });
    }

    app.get<{ Params: { id: number } }>('/stories/:id/editable', {
      schema: {
        tags: ['Admin'],
        summary: 'A story in any state, with its version, for a client about to change it',
        description: 'Drafts, stories in review and scheduled stories included, if the token owner may edit the story.',
        security: [{ bearerAuth: ['stories:write'] }],
        params: idParams,
        response: { 200: writeResponse, ...errorResponses(401, 403, 404) },
      },
    }, async (request, reply) => {
      const { user } = await requireApiScope(ctx, request, 'stories:write');
      const { article, authorIds } = await loadEditableStory(db, request.params.id);
      authorize(user, 'story.edit', { authorIds, status: article.status });
      reply.header('cache-control', 'no-store');
      return respond(article.id, article.version);
    });

    app.post<{ Body: StoryBody }>('/stories', {
      schema: {
        tags: ['Admin'],
        summary: 'Create a story (and optionally submit, schedule or publish it)',
        security: [{ bearerAuth: ['stories:write'] }],
        body: { type: 'object', properties: storyBodyProperties, required: ['title', 'section'], additionalProperties: false },
        response: { 201: writeResponse, ...errorResponses(400, 401, 403, 409, 422) },
      },
    }, async (request, reply) => {
      const { user } = await requireApiScope(ctx, request, 'stories:write');
      const body = request.body;
      await checkReferences(body);
      const draft: StoryDraft = {
        title: body.title ?? '',
        dek: body.dek ?? '',
        bodyHtml: body.body ?? '',
        slug: body.slug ?? '',
        sectionId: await sectionId(body.section ?? ''),
        tagNames: body.tags ?? [],
        authorIds: body.authorIds ?? [user.id],
        featuredMediaId: body.featuredMediaId ?? null,
        seoTitle: body.seoTitle ?? '',
        seoDescription: body.seoDescription ?? '',
        canonicalUrl: body.canonicalUrl ?? '',
        commentsOpen: body.commentsOpen ?? true,
        publishAt: body.publishAt ? new Date(body.publishAt).toISOString() : null,
        correction: body.correction ?? '',
      };
      const saved = await saveStory(ctx, user, null, draft, moveFor('draft', body.status ?? 'draft'));
      return reply.code(201).send(await respond(saved.id, saved.version, saved.story));
    });

    app.patch<{ Params: { id: number }; Body: StoryBody }>('/stories/:id', {
      schema: {
        tags: ['Admin'],
        summary: 'Change a story; only the properties sent change',
        description: 'version must be the version your copy is based on; if someone saved since, the answer is 409 conflict and nothing changes.',
        security: [{ bearerAuth: ['stories:write'] }],
        params: idParams,
        body: {
          type: 'object',
          properties: { ...storyBodyProperties, version: idSchema },
          required: ['version'],
          additionalProperties: false,
        },
        response: { 200: writeResponse, ...errorResponses(400, 401, 403, 404, 409, 422) },
      },
    }, async (request) => {
      const { user } = await requireApiScope(ctx, request, 'stories:write');
      const body = request.body;
      const { article, authorIds, tagNames } = await loadEditableStory(db, request.params.id);
      await checkReferences(body);
      const draft: StoryDraft = {
        title: body.title ?? article.title,
        dek: body.dek ?? article.dek,
        bodyHtml: body.body ?? article.body_html,
        slug: body.slug ?? article.slug,
        sectionId: body.section !== undefined ? await sectionId(body.section) : article.section_id,
        tagNames: body.tags ?? tagNames,
        authorIds: body.authorIds ?? authorIds,
        featuredMediaId: body.featuredMediaId !== undefined ? body.featuredMediaId : article.featured_media_id,
        seoTitle: body.seoTitle ?? article.seo_title,
        seoDescription: body.seoDescription ?? article.seo_description,
        canonicalUrl: body.canonicalUrl ?? article.canonical_url,
        commentsOpen: body.commentsOpen ?? article.comments_open === 1,
        publishAt: body.publishAt ? new Date(body.publishAt).toISOString() : article.status === 'scheduled' ? article.published_at : null,
        expectedVersion: body.version,
        correction: body.correction ?? '',
      };
      if (body.version !== article.version) {
        throw new HttpError(409, `This story is at version ${article.version}, and your change was based on version ${body.version}. Nothing was saved: fetch the story again and reapply your change.`, 'conflict');
      }
      const saved = await saveStory(ctx, user, article.id, draft, moveFor(article.status, body.status ?? article.status));
      return respond(saved.id, saved.version, saved.story);
    });

    app.post('/media', {
      schema: {
        tags: ['Admin'],
        summary: 'Upload an image',
        description: 'multipart/form-data with one file field named "file" and text fields alt (required), caption and credit.',
        security: [{ bearerAuth: ['media:write'] }],
        consumes: ['multipart/form-data'],
        response: { 201: { type: 'object', description: 'The stored image with its variants.', properties: { data: { $ref: 'Image#' } } }, ...errorResponses(400, 401, 403, 413, 415, 422) },
      },
    }, async (request, reply) => {
      const { user } = await requireApiScope(ctx, request, 'media:write');
      if (!request.isMultipart()) throw new HttpError(415, 'Send the image as multipart/form-data with a "file" field.');
      const fields: Record<string, string> = {};
      let file: { bytes: Buffer; filename: string } | null = null;
      try {
        for await (const part of request.parts()) {
          if (part.type === 'file') {
            if (part.fieldname !== 'file' || file) throw badRequest('Send exactly one file, in a field named "file".', { file: 'One file, named "file".' });
            file = { bytes: await part.toBuffer(), filename: part.filename };
          } else if (typeof part.value === 'string') {
            fields[part.fieldname] = part.value;
          }
        }
      } catch (error) {
        if ((error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw new HttpError(413, `Images can be at most ${maxUploadBytes / 1024 / 1024} MB.`);
        throw error;
      }
      if (!file) throw new HttpError(422, 'No image was sent: add a file field named "file".', 'invalid', { file: 'Required.' });
      const alt = (fields.alt ?? '').trim();
      if (!alt) throw new HttpError(422, 'Describe the image in the alt field for readers who cannot see it.', 'invalid', { alt: 'Required.' });
      const text = { alt, caption: fields.caption ?? '', credit: fields.credit ?? '' };
      const problems = validateMediaText(text);
      if (Object.keys(problems).length) throw new HttpError(422, `Please check the image's text. ${Object.entries(problems).map(([k, v]) => `${k}: ${v}`).join(' ')}`, 'invalid', problems);
      const [media] = await uploadImages(ctx, user, { files: [{ ...file, truncated: false }], ...text }, { warn: (message) => request.log.warn(message) });
      return reply.code(201).send({ data: imageJson(ctx.config.siteUrl, mediaView(media!)) });
    });

    app.post<{ Params: { id: number }; Body: { status: (typeof moderationStatuses)[number] } }>('/comments/:id/moderate', {
      schema: {
        tags: ['Admin'],
        summary: 'Approve, hold, mark as spam or remove a comment',
        security: [{ bearerAuth: ['comments:moderate'] }],
        params: idParams,
        body: {
          type: 'object',
          properties: { status: { type: 'string', enum: [...moderationStatuses] } },
          required: ['status'],
          additionalProperties: false,
        },
        response: {
          200: { type: 'object', description: 'The comment and its status now.', properties: { data: { type: 'object', properties: { id: { type: 'integer' }, status: { type: 'string' } } } } },
          ...errorResponses(400, 401, 403, 404),
        },
      },
    }, async (request) => {
      const { user } = await requireApiScope(ctx, request, 'comments:moderate');
      return { data: await moderateFromApi(ctx, user, request.params.id, request.body.status) };
    });
  };
}
