import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../context.js';

export function feedRoutes(_ctx: AppContext) {
  return async function register(_app: FastifyInstance): Promise<void> {};
}
