/** Remembers every registered route so an unmatched request can be told "wrong method" (405 + Allow) rather than 404. */
import type { FastifyInstance } from 'fastify';
import FindMyWay, { type HTTPMethod } from 'find-my-way';

export interface RouteIndex {
  /** Methods that would have matched this path, or [] when the path itself is unknown. */
  allowedMethods(path: string): string[];
  /** Every registered method + URL pattern (the route-coverage test walks these). */
  routes(): { method: string; url: string }[];
}

export function indexRoutes(app: FastifyInstance): RouteIndex {
  const router = FindMyWay({ ignoreTrailingSlash: false, maxParamLength: 300 });
  const seen: { method: string; url: string }[] = [];
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) {
      seen.push({ method, url: route.url });
      if (method === 'HEAD') continue;
      try {
        router.on(method as HTTPMethod, route.url, () => undefined);
      } catch {
        // The same pattern registered twice (e.g. by two prefixes) is already known.
      }
    }
  });
  return {
    allowedMethods(path) {
      const methods: string[] = [];
      for (const method of ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as HTTPMethod[]) {
        if (router.find(method, path)) methods.push(method);
      }
      if (methods.includes('GET')) methods.push('HEAD');
      return methods;
    },
    routes: () => [...seen],
  };
}
