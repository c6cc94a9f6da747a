/**
 * GET paths under /newsroom that some plugin answers, so navigation never links to a page that is not there.
 * Each app collects its own (a decoration filled as routes are added); pages read it through a Preact context that
 * sendNewsroomPage provides, so views need no extra prop.
 */
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';

declare module 'fastify' {
  interface FastifyInstance {
    newsroomPaths: ReadonlySet<string>;
  }
}

/** Registered before the newsroom's routes, so it sees every one of them. */
export const newsroomPathsPlugin = fp(
  async function newsroomPaths(app: FastifyInstance): Promise<void> {
    const paths = new Set<string>();
    app.decorate('newsroomPaths', paths);
    app.addHook('onRoute', (route) => {
      const methods = Array.isArray(route.method) ? route.method : [route.method];
      if (methods.includes('GET') && route.url.startsWith('/newsroom')) paths.add(route.url);
    });
  },
  { name: 'gazette-newsroom-paths' },
);

export const NewsroomPathsContext = createContext<ReadonlySet<string>>(new Set());

/** The newsroom paths of the app rendering this page. */
export function useNewsroomPaths(): ReadonlySet<string> {
  return useContext(NewsroomPathsContext);
}
