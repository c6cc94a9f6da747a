/** Refuses input no page or story can need: NUL characters, which PostgreSQL cannot store in text and which only attackers send. */
import type { FastifyInstance } from 'fastify';
import { HttpError } from './errors.js';

function containsNul(value: unknown, depth = 0): boolean {
  if (typeof value === 'string') return value.includes('\u0000');
  if (depth > 8 || value === null || typeof value !== 'object') return false;
  if (Buffer.isBuffer(value)) return false;
  return Object.entries(value as Record<string, unknown>).some(([key, inner]) => key.includes('\u0000') || containsNul(inner, depth + 1));
}

export function guardInput(app: FastifyInstance): void {
  app.addHook('preHandler', async (request) => {
    if (containsNul(request.params) || containsNul(request.query) || containsNul(request.body)) {
      throw new HttpError(400, 'The request contains a NUL character, which is not allowed in any field.');
    }
  });
}
