/** Account, session, token and webhook commands on a real database: who may, what is refused, and the one event each announces (newsroom.changed, or site.changed for a public byline). */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { siteChangeSpec } from '../cache/invalidation.js';
import { importWordPress } from '../importers/wordpress/import.js';
import { addWebhookEndpoint, removeWebhookEndpoint, retryWebhookDelivery } from '../webhooks/commands.js';
import { completePasswordReset, requestPasswordReset, signIn, signOut } from './access.js';
import { systemActor } from './actor.js';
import { findOpenLink } from './links.js';
import { verifyPassword } from './passwords.js';
import { addPerson, changeOwnPassword, changePersonRole, invitePerson, issuePasswordLink, joinByInvitation, setPersonEnabled, updateOwnProfile, withdrawInvitation } from './people.js';
import { countUserSessions } from './sessions.js';
import { authenticateApiToken, issueApiToken, revokeApiToken } from './tokens.js';
import { findUserById } from './users.js';
import { assertRefused, startCommandBench, type CommandBench } from '../../test/helpers/commands.js';

let bench: CommandBench;
const password = 'correct horse battery staple';

describe('account commands', () => {
  before(async () => {
    bench = await startCommandBench();
  });
  after(async () => {
    await bench?.close();
  });

  it('people: admins add, invite, change roles and disable; the last admin and oneself are protected', async () => {
    const [admin, editor] = [await bench.person('admin'), await bench.person('editor')];
    await assertRefused(bench, addPerson(bench.ctx, editor, { email: 'new@example.test', name: 'New', role: 'author', password }), 'forbidden');
    await assertRefused(bench, addPerson(bench.ctx, admin, { email: 'not an address', name: 'New', role: 'author', password }), 'invalid');
    const added = await addPerson(bench.ctx, admin, { email: 'new@example.test', name: 'New Person', role: 'author', password });
    assert.deepEqual(bench.take(), [{ event: 'newsroom.changed', change: { what: 'users', kind: 'created', userId: added.id } }]);
    await assertRefused(bench, addPerson(bench.ctx, systemActor('cli'), { email: 'new@example.test', name: 'Again', role: 'author', password }), 'conflict');

    await assertRefused(bench, changePersonRole(bench.ctx, admin, added.id, 'overlord'), 'invalid');
    await changePersonRole(bench.ctx, admin, added.id, 'editor');
    assert.deepEqual(bench.take(), [{ event: 'newsroom.changed', change: { what: 'users', kind: 'role', userId: added.id } }]);

    await assertRefused(bench, setPersonEnabled(bench.ctx, admin, admin.id, false), 'conflict');
    await assertRefused(bench, setPersonEnabled(bench.ctx, editor, added.id, false), 'forbidden');
    await setPersonEnabled(bench.ctx, admin, added.id, false);
    assert.deepEqual(bench.take(), [{ event: 'newsroom.changed', change: { what: 'users', kind: 'disabled', userId: added.id } }]);
    assert.equal(Number((await findUserById(bench.ctx.store.db, added.id))?.disabled), 1);
    await assertRefused(bench, issuePasswordLink(bench.ctx, admin, added.id), 'conflict');

    await assertRefused(bench, invitePerson(bench.ctx, admin, { email: 'new@example.test', role: 'author' }), 'conflict');
    const token = await invitePerson(bench.ctx, admin, { email: 'Invitee@Example.test', role: 'contributor' });
    assert.deepEqual(bench.take(), [{ event: 'newsroom.changed', change: { what: 'invitations', kind: 'created', email: 'invitee@example.test' } }]);
    await assertRefused(bench, joinByInvitation(bench.ctx, token, { name: '', password }), 'invalid');
    const joined = await joinByInvitation(bench.ctx, token, { name: 'Invitee', password });
    assert.deepEqual(bench.take(), [{ event: 'newsroom.changed', change: { what: 'users', kind: 'created', userId: joined.userId } }]);
    await assertRefused(bench, joinByInvitation(bench.ctx, token, { name: 'Invitee', password }), 'gone');
    await assertRefused(bench, withdrawInvitation(bench.ctx, admin, 'nobody@example.test'), 'not_found');
  });

  it('profile: a person changes their byline; it is a public change that names their author page', async () => {
    const author = await bench.person('author');
    await assertRefused(bench, updateOwnProfile(bench.ctx, systemActor('cli'), { name: 'X', bio: '' }), 'unauthenticated');
    await assertRefused(bench, updateOwnProfile(bench.ctx, author, { name: ' ', bio: '' }), 'invalid');
    await updateOwnProfile(bench.ctx, author, { name: 'Ada Reporter', bio: 'Covers the weather.' });
    const [changed] = bench.take();
    assert.ok(changed?.event === 'site.changed');
    assert.deepEqual(changed, { event: 'site.changed', change: { what: 'authors', userId: author.id, slug: author.slug } });
    assert.deepEqual(siteChangeSpec(changed.change), { all: true });
  });

  it('sessions: sign in, sign out, change a password, and complete a reset in one go', async () => {
    const admin = await bench.person('admin');
    const person = await addPerson(bench.ctx, admin, { email: 'reporter@example.test', name: 'Reporter', role: 'author', password });
    bench.take();
    await assertRefused(bench, signIn(bench.ctx, { email: person.email, password: 'wrong password entirely', ip: '127.0.0.1', userAgent: 'test' }), 'unauthenticated');
    const session = await signIn(bench.ctx, { email: 'REPORTER@example.test', password, ip: '127.0.0.1', userAgent: 'test' });
    assert.deepEqual(bench.take(), [{ event: 'newsroom.changed', change: { what: 'sessions', kind: 'signed-in', userId: person.id } }]);
    await signIn(bench.ctx, { email: person.email, password, ip: '127.0.0.1', userAgent: 'test' });
    bench.take();

    const actor = { id: person.id, role: person.role };
    await assertRefused(bench, changeOwnPassword(bench.ctx, actor, { current: 'not it at all', password: 'a brand new passphrase' }), 'invalid');
    await changeOwnPassword(bench.ctx, actor, { current: password, password: 'a brand new passphrase', keepSessionToken: session.token });
    assert.deepEqual(bench.take(), [{ event: 'newsroom.changed', change: { what: 'users', kind: 'password', userId: person.id } }]);
    assert.equal(await countUserSessions(bench.ctx.store.db, person.id), 1, 'the other session ended');

    await signOut(bench.ctx, session.token);
    assert.deepEqual(bench.take(), [{ event: 'newsroom.changed', change: { what: 'sessions', kind: 'signed-out', userId: person.id } }]);

    assert.equal(await requestPasswordReset(bench.ctx, 'nobody@example.test'), null);
    assert.deepEqual(bench.take(), []);
    const link = await requestPasswordReset(bench.ctx, person.email);
    assert.ok(link);
    bench.take();
    await assertRefused(bench, completePasswordReset(bench.ctx, link.token, 'short'), 'invalid');
    assert.ok(await findOpenLink(bench.ctx.store.db, 'reset', link.token), 'a refused reset leaves the link usable');
    await completePasswordReset(bench.ctx, link.token, 'the third passphrase here');
    assert.deepEqual(bench.take(), [{ event: 'newsroom.changed', change: { what: 'sessions', kind: 'password-reset', userId: person.id } }]);
    assert.ok(await verifyPassword('the third passphrase here', (await findUserById(bench.ctx.store.db, person.id))?.password_hash ?? null));
    await assertRefused(bench, completePasswordReset(bench.ctx, link.token, 'the fourth passphrase'), 'gone');
  });

  it('API tokens: people make and revoke their own; only admins touch anyone else’s', async () => {
    const [author, other, admin] = [await bench.person('author'), await bench.person('author'), await bench.person('admin')];
    await assertRefused(bench, issueApiToken(bench.ctx, author, { name: '', scopes: ['stories:write'] }), 'invalid');
    await assertRefused(bench, issueApiToken(bench.ctx, author, { name: 'Mine', scopes: ['stories:write'], userId: other.id }), 'forbidden');
    const made = await issueApiToken(bench.ctx, author, { name: 'Desk script', scopes: ['stories:write'] });
    assert.deepEqual(bench.take(), [{ event: 'newsroom.changed', change: { what: 'tokens', kind: 'created', tokenId: made.id, userId: author.id } }]);
    await assertRefused(bench, revokeApiToken(bench.ctx, other, made.id), 'forbidden');
    await assertRefused(bench, revokeApiToken(bench.ctx, admin, 999999), 'not_found');
    await revokeApiToken(bench.ctx, admin, made.id);
    assert.deepEqual(bench.take(), [{ event: 'newsroom.changed', change: { what: 'tokens', kind: 'revoked', tokenId: made.id, userId: author.id } }]);
    assert.equal(await authenticateApiToken(bench.ctx.store.db, made.token), null);
  });

  it('webhook endpoints: admins add and remove them; a retry of a delivery that did not fail is refused', async () => {
    const [admin, editor] = [await bench.person('admin'), await bench.person('editor')];
    const endpoint = { url: 'http://127.0.0.1:9/gazette', events: ['story.published'], description: '' };
    await assertRefused(bench, addWebhookEndpoint(bench.ctx, editor, endpoint), 'forbidden');
    await assertRefused(bench, addWebhookEndpoint(bench.ctx, admin, { ...endpoint, events: ['story.eaten'] }), 'invalid');
    await assertRefused(bench, addWebhookEndpoint(bench.ctx, admin, { ...endpoint, url: 'http://10.0.0.1/hook' }), 'invalid');
    const added = await addWebhookEndpoint(bench.ctx, admin, endpoint);
    assert.deepEqual(bench.take(), [{ event: 'newsroom.changed', change: { what: 'webhooks', kind: 'added', endpointId: added.id } }]);
    await assertRefused(bench, retryWebhookDelivery(bench.ctx, admin, added.id, 999999), 'conflict');
    await removeWebhookEndpoint(bench.ctx, admin, added.id);
    assert.deepEqual(bench.take(), [{ event: 'newsroom.changed', change: { what: 'webhooks', kind: 'deleted', endpointId: added.id } }]);
    await assertRefused(bench, removeWebhookEndpoint(bench.ctx, admin, added.id), 'not_found');
  });

  it('the WordPress import needs import.run; the system (the CLI) may run it', async () => {
    const editor = await bench.person('editor');
    await assertRefused(bench, importWordPress(bench.ctx, editor, '/nonexistent.xml', { categories: 'sections', defaultSection: 'news', pagesSection: 'pages', uploadsDir: null }), 'forbidden');
  });
});
