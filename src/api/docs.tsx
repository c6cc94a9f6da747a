/** The API reference: the OpenAPI document as JSON at /api/v1/openapi.json and as a server-rendered page at /api/v1/docs. */
import fs from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { renderDocument } from '../site/render.js';
import { sourcePath } from '../source-files.js';

type Json = Record<string, unknown>;

interface Operation {
  method: string;
  path: string;
  summary: string;
  description: string;
  tag: string;
  scopes: string[];
  parameters: { name: string; in: string; required: boolean; description: string; type: string }[];
  body: Json | null;
  responses: { status: string; description: string }[];
}

const stylesheet = fs.readFileSync(sourcePath('api', 'assets', 'docs.css'));
const methods = ['get', 'post', 'put', 'patch', 'delete'];

function typeOf(schema: Json | undefined): string {
  if (!schema) return '';
  if (typeof schema.$ref === 'string') return schema.$ref.split('/').pop() ?? '';
  if (Array.isArray(schema.anyOf)) return (schema.anyOf as Json[]).map(typeOf).join(' or ');
  if (Array.isArray(schema.enum)) return (schema.enum as unknown[]).map((v) => JSON.stringify(v)).join(' | ');
  if (schema.type === 'array') return `${typeOf(schema.items as Json)}[]`;
  const format = typeof schema.format === 'string' ? ` (${schema.format})` : '';
  return `${Array.isArray(schema.type) ? schema.type.join(' or ') : String(schema.type ?? 'any')}${format}`;
}

function operations(doc: Json): Operation[] {
  const list: Operation[] = [];
  for (const [route, item] of Object.entries((doc.paths ?? {}) as Record<string, Json>)) {
    for (const method of methods) {
      const op = item[method] as Json | undefined;
      if (!op) continue;
      const security = (op.security ?? []) as Record<string, string[]>[];
      const content = ((op.requestBody as Json | undefined)?.content ?? {}) as Record<string, { schema?: Json }>;
      list.push({
        method: method.toUpperCase(),
        path: route,
        summary: String(op.summary ?? ''),
        description: String(op.description ?? ''),
        tag: ((op.tags ?? []) as string[])[0] ?? '',
        scopes: security.flatMap((s) => Object.values(s).flat()),
        parameters: ((op.parameters ?? []) as Json[]).map((p) => ({
          name: String(p.name),
          in: String(p.in),
          required: p.required === true,
          description: String(p.description ?? (p.schema as Json | undefined)?.description ?? ''),
          type: typeOf(p.schema as Json | undefined),
        })),
        body: Object.values(content)[0]?.schema ?? null,
        responses: Object.entries((op.responses ?? {}) as Record<string, Json>).map(([status, r]) => ({ status, description: String(r.description ?? '') })),
      });
    }
  }
  return list;
}

function BodyTable(props: { schema: Json }) {
  const properties = (props.schema.properties ?? {}) as Record<string, Json>;
  const required = (props.schema.required ?? []) as string[];
  if (Object.keys(properties).length === 0) return <p>{String(props.schema.description ?? 'See the description above.')}</p>;
  return (
    <table>
      <thead><tr><th scope="col">Property</th><th scope="col">Type</th><th scope="col">About</th></tr></thead>
      <tbody>
        {Object.entries(properties).map(([name, schema]) => (
          <tr>
            <td><code>{name}</code>{required.includes(name) ? ' (required)' : ''}</td>
            <td>{typeOf(schema)}</td>
            <td>{String(schema.description ?? '')}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function OperationSection(props: { op: Operation }) {
  const { op } = props;
  const id = `${op.method}-${op.path}`.toLowerCase().replace(/[^a-z0-9]+/g, '-');
  return (
    <section class="op" id={id}>
      <h3><span class={`method ${op.method.toLowerCase()}`}>{op.method}</span> <code>{op.path}</code></h3>
      <p class="summary">{op.summary}</p>
      {op.description && <p>{op.description}</p>}
      {op.scopes.length > 0 && <p>Needs an API token with scope <code>{op.scopes.join(', ')}</code>.</p>}
      {op.parameters.length > 0 && (
        <table>
          <thead><tr><th scope="col">Parameter</th><th scope="col">In</th><th scope="col">Type</th><th scope="col">About</th></tr></thead>
          <tbody>
            {op.parameters.map((p) => (
              <tr><td><code>{p.name}</code>{p.required ? ' (required)' : ''}</td><td>{p.in}</td><td>{p.type}</td><td>{p.description}</td></tr>
            ))}
          </tbody>
        </table>
      )}
      {op.body && (<><h4>Request body</h4><BodyTable schema={op.body} /></>)}
      <h4>Responses</h4>
      <ul class="responses">{op.responses.map((r) => <li><code>{r.status}</code> {r.description}</li>)}</ul>
    </section>
  );
}

function DocsPage(props: { doc: Json }) {
  const info = props.doc.info as Json;
  const ops = operations(props.doc);
  const groups = ((props.doc.tags ?? []) as Json[]).map((t) => ({ name: String(t.name), description: String(t.description ?? '') }));
  return (
    <html lang="en">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${String(info.title)} reference`}</title>
        <link rel="stylesheet" href="/api/v1/docs.css" />
      </head>
      <body>
        <main>
          <h1>{String(info.title)} <small>v{String(info.version)}</small></h1>
          <p>{String(info.description ?? '')}</p>
          <p>
            Machine-readable: <a href="/api/v1/openapi.json">OpenAPI 3.1 document</a>. Errors are JSON{' '}
            <code>{'{"error": {"code", "message", "fields"}}'}</code> with a stable <code>code</code>. Lists page with{' '}
            <code>limit</code> and the opaque <code>nextCursor</code>; <code>fields</code> picks properties.
          </p>
          <nav aria-label="Endpoints">
            <ul>{ops.map((op) => <li><a href={`#${`${op.method}-${op.path}`.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`}>{op.method} {op.path}</a></li>)}</ul>
          </nav>
          {groups.map((group) => (
            <section>
              <h2>{group.name}</h2>
              <p>{group.description}</p>
              {ops.filter((op) => op.tag === group.name).map((op) => <OperationSection op={op} />)}
            </section>
          ))}
        </main>
      </body>
    </html>
  );
}

export function apiDocsRoutes(openapi: () => Json) {
  return async function docsRoutes(app: FastifyInstance): Promise<void> {
    app.get('/api/v1/openapi.json', async (_request, reply) =>
      reply.header('access-control-allow-origin', '*').header('cache-control', 'public, max-age=300').type('application/json; charset=utf-8').send(JSON.stringify(openapi())),
    );
    app.get('/api/v1/docs', async (_request, reply) =>
      reply.type('text/html; charset=utf-8').header('cache-control', 'public, max-age=300').send(renderDocument(<DocsPage doc={openapi()} />)),
    );
    app.get('/api/v1/docs.css', async (_request, reply) =>
      reply.type('text/css; charset=utf-8').header('cache-control', 'public, max-age=3600').send(stylesheet),
    );
  };
}
