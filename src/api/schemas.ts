/** JSON Schemas of the API: they validate requests, shape responses and are the source of the OpenAPI document. */
import { maxId } from '../http/request-input.js';

const nullable = (schema: Record<string, unknown>) => ({ anyOf: [schema, { type: 'null' }] });

export const errorSchema = {
  $id: 'Error',
  type: 'object',
  description: 'Every failure: a stable machine-readable code, a message for people and, for invalid input, a message per field.',
  properties: {
    error: {
      type: 'object',
      properties: {
        code: { type: 'string', examples: ['invalid', 'not_found', 'conflict', 'insufficient_scope'] },
        message: { type: 'string' },
        fields: { type: 'object', additionalProperties: { type: 'string' } },
      },
      required: ['code', 'message'],
    },
  },
  required: ['error'],
} as const;

const ref = { id: { type: 'integer' }, slug: { type: 'string' } } as const;

export const imageSchema = {
  $id: 'Image',
  type: 'object',
  properties: {
    id: { type: 'integer' },
    url: { type: 'string', format: 'uri' },
    width: { type: 'integer' },
    height: { type: 'integer' },
    alt: { type: 'string' },
    caption: { type: 'string' },
    credit: { type: 'string' },
    focalPoint: {
      type: ['object', 'null'],
      description: 'Where the subject is, in percent from the left and the top; null when crops should keep the middle.',
      properties: { x: { type: 'integer', minimum: 0, maximum: 100 }, y: { type: 'integer', minimum: 0, maximum: 100 } },
    },
    variants: {
      type: 'array',
      items: { type: 'object', properties: { url: { type: 'string' }, width: { type: 'integer' }, format: { type: 'string' } } },
    },
  },
} as const;

const cardProperties = {
  id: { type: 'integer' },
  slug: { type: 'string' },
  title: { type: 'string' },
  dek: { type: 'string', description: 'The summary under the headline.' },
  url: { type: 'string', format: 'uri' },
  publishedAt: { type: 'string', format: 'date-time' },
  updatedAt: { type: 'string', format: 'date-time' },
  section: { type: 'object', properties: { ...ref, name: { type: 'string' } } },
  authors: { type: 'array', items: { type: 'object', properties: { ...ref, name: { type: 'string' } } } },
  image: nullable({ $ref: 'Image#' }),
  commentCount: { type: 'integer' },
} as const;

export const storyCardSchema = {
  $id: 'StoryCard',
  type: 'object',
  description: 'A story as lists show it. With ?fields=, only the named properties (and id) are present.',
  properties: cardProperties,
} as const;

const placeSchema = {
  type: 'object',
  properties: {
    slug: { type: 'string' },
    name: { type: 'string' },
    countryCode: { type: 'string', description: 'ISO 3166-1 alpha-2; empty for a place in no recognised country.' },
    region: { type: 'string', description: 'The country or region when there is no country code.' },
    lat: { type: 'number' },
    lon: { type: 'number' },
    geonamesId: nullable({ type: 'integer' }),
    url: { type: 'string' },
  },
} as const;

export const storySchema = {
  $id: 'Story',
  type: 'object',
  description: 'A whole story. With ?fields=, only the named properties (and id) are present.',
  properties: {
    ...cardProperties,
    status: { type: 'string', enum: ['draft', 'review', 'scheduled', 'published', 'archived'] },
    bodyHtml: { type: 'string', description: 'Sanitized HTML.' },
    tags: { type: 'array', items: { type: 'object', properties: { ...ref, name: { type: 'string' } } } },
    thread: nullable({ type: 'object', properties: { ...ref, title: { type: 'string' } } }),
    corrections: { type: 'array', items: { type: 'object', properties: { text: { type: 'string' }, createdAt: { type: 'string' } } } },
    commentsOpen: { type: 'boolean' },
    sources: {
      type: 'array',
      description: 'The sources the story cites (quote attributions and inline attributions), in the order it first cites them.',
      items: { type: 'object', properties: { ...ref, name: { type: 'string' }, kind: { type: 'string', enum: ['organisation', 'person', 'document'] }, url: { type: 'string', description: 'The source’s public page.' } } },
    },
    places: {
      type: 'object',
      description: 'Where the story was filed from (dateline) and the places it is about, with coordinates.',
      properties: { dateline: nullable(placeSchema), about: { type: 'array', items: placeSchema } },
    },
  },
} as const;

export const commentSchema = {
  $id: 'Comment',
  type: 'object',
  properties: {
    id: { type: 'integer' },
    parentId: nullable({ type: 'integer' }),
    authorName: { type: 'string' },
    body: { type: 'string', description: 'Plain text.' },
    createdAt: { type: 'string', format: 'date-time' },
    replies: { type: 'array', items: { $ref: 'Comment#' } },
  },
} as const;

export const sharedSchemas = [errorSchema, imageSchema, storyCardSchema, storySchema, commentSchema];

export const errorResponses = (...statuses: number[]) =>
  Object.fromEntries(statuses.map((status) => [status, { $ref: 'Error#' }]));


export const idSchema = { type: 'integer', minimum: 1, maximum: maxId } as const;

export const idParams = {
  type: 'object',
  properties: { id: idSchema },
  required: ['id'],
} as const;

export const pageQuery = {
  limit: { type: 'integer', minimum: 1, maximum: 100, default: 20, description: 'Items per page (1 to 100).' },
  cursor: { type: 'string', maxLength: 20000, description: 'The nextCursor of the previous page; opaque.' },
} as const;

export const fieldsQuery = {
  fields: { type: 'string', maxLength: 500, description: 'Comma-separated properties to return, e.g. id,title,url.' },
} as const;
