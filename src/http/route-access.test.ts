import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { can, type Action } from '../accounts/policies.js';
import { routeAccess } from '../../test/route-access.js';
import { createTestUser, signIn, type SignedIn } from '../../test/helpers/auth.js';
import { startTestServer, type TestServer } from '../../test/helpers/server.js';

let server: TestServer;
let contributor: SignedIn;
const registered: string[] = [];

before(async () => {
  server = await startTestServer({ seed: false });
  for (const route of server.app.routeIndex.routes()) {
    const key = `${route.method} ${route.url}`;
    if (route.method !== 'HEAD' && !registered.includes(key)) registered.push(key);
  }
  const user = await createTestUser(server, 'contributor');
  contributor = await signIn(server, user.email, user.password);
});
after(async () => {
  await server.stop();
});

const fill = (pattern: string) => pattern.replace(/:[A-Za-z_]+\??/g, '1').replace(/\*$/, 'x');

async function call(route: string, headers: Record<string, string> = {}, csrf?: string): Promise<Response> {
  const [method, pattern] = route.split(' ') as [string, string];
  const hasBody = method !== 'GET' && method !== 'OPTIONS' && method !== 'TRACE';
  const response = await fetch(`${server.url}${fill(pattern)}`, {
    method,
    redirect: 'manual',
    headers: { 'x-coverage-probe': '1', ...headers, ...(hasBody ? { 'content-type': 'application/x-www-form-urlencoded' } : {}), ...(csrf ? { 'x-csrf-token': csrf } : {}) },
    ...(hasBody ? { body: new URLSearchParams(csrf ? { _csrf: csrf } : {}).toString() } : {}),
  });
  await response.arrayBuffer();
  return response;
}

function isSignInRedirect(response: Response): boolean {
  return [302, 303].includes(response.status) && (response.headers.get('location') ?? '').startsWith('/newsroom/sign-in');
}

describe('every route has an access rule and holds to it', () => {
  it('every registered route is in the access table, and the table names no route that is gone', () => {
    assert.deepEqual(registered.filter((r) => !(r in routeAccess)), [], 'routes without an access rule (add them to test/route-access.ts)');
    assert.deepEqual(Object.keys(routeAccess).filter((r) => !registered.includes(r)), [], 'rules for routes that no longer exist');
  });

  it('a stranger is turned away from every route that needs a sign-in or a token', async () => {
    const failures: string[] = [];
    for (const route of registered) {
      const access = routeAccess[route];
      if (access === undefined || access === 'public' || access === 'public-form') continue;
      const response = await call(route, { accept: route.includes('/api/') ? 'application/json' : 'text/html' });
      const refused = response.status === 401 || response.status === 403 || isSignInRedirect(response);
      if (!refused) failures.push(`${route} → ${response.status}`);
    }
    assert.deepEqual(failures, []);
  });

  it('public routes never ask a reader to sign in', async () => {
    const failures: string[] = [];
    for (const route of registered) {
      if (routeAccess[route] !== 'public' && routeAccess[route] !== 'public-form') continue;
      if (route.startsWith('TRACE ')) continue; // fetch cannot send TRACE
      const response = await call(route);
      if (response.status === 401 || isSignInRedirect(response)) failures.push(`${route} → ${response.status}`);
    }
    assert.deepEqual(failures, []);
  });

  it('a contributor is refused every route whose action a contributor may not take', async () => {
    const failures: string[] = [];
    for (const route of registered) {
      const access = routeAccess[route];
      if (!access || ['public', 'public-form', 'signed-in', 'api-token'].includes(access)) continue;
      if (can({ id: -1, role: 'contributor' }, access as Action)) continue;
      const response = await call(route, { cookie: contributor.cookie, accept: 'text/html' }, contributor.csrf);
      // A route with an id may answer 404 for an object that does not exist before it looks at the role.
      const allowed = route.includes(':') ? [403, 404] : [403];
      if (!allowed.includes(response.status)) failures.push(`${route} → ${response.status}`);
    }
    assert.deepEqual(failures, []);
  });

});
