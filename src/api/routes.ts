/** The JSON API under /api/v1: content and admin routes, validation errors in the one error shape, and the OpenAPI 3.1 document built from the route schemas. */
import swagger from '@fastify/swagger';
import type { FastifyInstance, FastifyRequest, FastifySchemaValidationError } from 'fastify';
import { apiScopes } from '../accounts/tokens.js';
import type { AppContext } from '../context.js';
import { HttpError } from '../http/errors.js';
import { adminApi } from './admin.js';
import { contentApi } from './content.js';
import { apiDocsRoutes } from './docs.js';
import { sharedSchemas } from './schemas.js';

/** One message per offending field, keyed by its path ("title", "tags.2", "limit"). */
export function validationError(errors: FastifySchemaValidationError[], dataVar: string): HttpError {
  const fields: Record<string, string> = {};
  for (const error of errors) {
    const params = error.params as { missingProperty?: string; additionalProperty?: string };
    const base = error.instancePath.replace(/^\//, '').replace(/\//g, '.');
    const name = [base, params.missingProperty ?? params.additionalProperty].filter(Boolean).join('.') || dataVar;
    const message = params.missingProperty ? 'Required.' : params.additionalProperty ? 'Not a known property.' : `Must ${error.message ?? 'be valid'}.`;
    fields[name] ??= message.replace(/^Must must/, 'Must');
  }
  const [first] = Object.entries(fields);
  const summary = first ? `${first[0]}: ${first[1]}` : 'The request is not valid.';
  return dataVar === 'body'
    ? new HttpError(422, `Please check the request body. ${summary}`, 'invalid', fields)
    : new HttpError(400, `Please check the ${dataVar === 'params' ? 'address' : 'query string'}. ${summary}`, 'bad_request', fields);
}

/**
 * Fastify's validator drops properties a schema does not name; the API refuses them instead, so a misspelt
 * property is reported rather than silently ignored.
 */
export async function refuseUnknownProperties(request: FastifyRequest): Promise<void> {
  const schema = request.routeOptions.schema?.body as { properties?: Record<string, unknown>; additionalProperties?: boolean } | undefined;
  const body = request.body;
  if (!schema?.properties || schema.additionalProperties !== false || !body || typeof body !== 'object' || Array.isArray(body)) return;
  const unknown = Object.keys(body).filter((key) => !Object.hasOwn(schema.properties!, key));
  if (unknown.length === 0) return;
  const fields = Object.fromEntries(unknown.map((key) => [key, 'Not a known property.']));
  throw new HttpError(422, `Please check the request body. Unknown propert${unknown.length > 1 ? 'ies' : 'y'}: ${unknown.join(', ')}.`, 'invalid', fields);
}

export function apiRoutes(ctx: AppContext) {
  return async function api(app: FastifyInstance): Promise<void> {
    app.setSchemaErrorFormatter(validationError);
    app.addHook('preValidation', refuseUnknownProperties);
    for (const schema of sharedSchemas) app.addSchema(schema);
    await app.register(swagger, {
      openapi: {
        openapi: '3.1.0',
        info: {
          title: 'Gazette API',
          version: '1.0.0',
          description: 'Published stories, sections, tags, authors, comments and search for anyone; writes with an API token made in the newsroom.',
        },
        servers: [{ url: ctx.config.siteUrl }],
        tags: [
          { name: 'Content', description: 'Public, read-only, cacheable (ETag), open to any origin (CORS).' },
          { name: 'Admin', description: 'Needs Authorization: Bearer <token>, with the scope named on each operation and a role that allows the change.' },
        ],
        components: {
          securitySchemes: {
            bearerAuth: {
              type: 'http',
              scheme: 'bearer',
              description: `API tokens are made in the newsroom under API tokens. Scopes: ${Object.entries(apiScopes).map(([scope, what]) => `${scope} (${what})`).join('; ')}.`,
            },
          },
        },
      },
      hideUntagged: true,
      refResolver: { buildLocalReference: (json, _baseUri, _fragment, i) => (typeof json.$id === 'string' ? json.$id : `def-${i}`) },
    });
    await app.register(contentApi(ctx), { prefix: '/api/v1' });
    await app.register(adminApi(ctx), { prefix: '/api/v1' });
    await app.register(apiDocsRoutes(() => app.swagger() as unknown as Record<string, unknown>));
    app.all('/api/*', async (request) => {
      throw new HttpError(404, `No API endpoint answers ${request.method} ${request.url.split('?')[0]}. See /api/v1/docs.`);
    });
  };
}
