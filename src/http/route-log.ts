/**
 * Test support: when GAZETTE_ROUTE_LOG names a file, every answered request appends "METHOD /route/pattern" to it,
 * so the test runner can tell which routes no test ever called. Requests marked x-coverage-probe (the route sweeps
 * that call every route on purpose) do not count.
 */
import fs from 'node:fs';
import type { FastifyInstance } from 'fastify';

export function logRoutesForCoverage(app: FastifyInstance, file: string | undefined = process.env.GAZETTE_ROUTE_LOG): void {
  if (!file) return;
  app.addHook('onResponse', async (request) => {
    const pattern = request.routeOptions.url;
    if (!pattern || request.headers['x-coverage-probe']) return;
    fs.appendFileSync(file, `${request.method} ${pattern}\n`);
  });
}
