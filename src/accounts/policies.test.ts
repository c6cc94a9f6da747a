/** The role matrix: every role against every action, on own and others' stories in each relevant state, allowed and refused. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ArticleStatus, Role } from '../db/schema.js';
import { CommandError } from '../errors.js';
import { actions, authorize, can, type Action, type StoryResource } from './policies.js';

const roles: Role[] = ['contributor', 'author', 'editor', 'admin'];
const me = 7;
const someoneElse = 99;

function story(owner: 'own' | 'other', status: ArticleStatus): StoryResource {
  return { authorIds: owner === 'own' ? [me, 3] : [someoneElse], status };
}

/** Actions that do not depend on a story: which roles may do them. */
const roleOnly: Record<Exclude<Action, `story.${string}`> | 'story.create' | 'story.correct' | 'story.edit-any', Role[]> = {
  'story.create': ['contributor', 'author', 'editor', 'admin'],
  'story.correct': ['editor', 'admin'],
  'story.edit-any': ['editor', 'admin'],
  'media.upload': ['contributor', 'author', 'editor', 'admin'],
  'media.edit': ['contributor', 'author', 'editor', 'admin'],
  'media.delete': ['editor', 'admin'],
  'comment.moderate': ['editor', 'admin'],
  'front.arrange': ['editor', 'admin'],
  'taxonomy.manage': ['editor', 'admin'],
  'user.manage': ['admin'],
  'settings.manage': ['admin'],
  'token.manage': ['admin'],
  'token.own': ['contributor', 'author', 'editor', 'admin'],
  'webhook.manage': ['admin'],
  'newsletter.send': ['editor', 'admin'],
  'import.run': ['admin'],
  'export.run': ['admin'],
  // Without a story or an update named: "could this role ever?" (the story's author may cover it; anyone may edit their own update).
  'live.cover': ['author', 'editor', 'admin'],
  'live.post': ['contributor', 'author', 'editor', 'admin'],
  'live.edit': ['contributor', 'author', 'editor', 'admin'],
  'live.correct': ['author', 'editor', 'admin'],
  'live.pin': ['author', 'editor', 'admin'],
  'live.approve': ['editor', 'admin'],
  'live.delete': ['editor', 'admin'],
  'source.create': ['contributor', 'author', 'editor', 'admin'],
  'source.manage': ['editor', 'admin'],
};

type StoryCase = `${'own' | 'other'}:${ArticleStatus}`;
const storyCases: StoryCase[] = (['own', 'other'] as const).flatMap((owner) =>
  (['draft', 'review', 'scheduled', 'published', 'archived'] as const).map((status) => `${owner}:${status}` as StoryCase),
);
const everyStoryCase = new Set(storyCases);
const ownAnyStatus = new Set(storyCases.filter((c) => c.startsWith('own:')));
const ownDraftOrReview = new Set<StoryCase>(['own:draft', 'own:review']);
const ownDraft = new Set<StoryCase>(['own:draft']);
const none = new Set<StoryCase>();

/** For story actions that depend on ownership and state: per role, the story cases that are allowed. */
const storyRules: Record<'story.edit' | 'story.submit' | 'story.publish' | 'story.schedule' | 'story.unpublish' | 'story.delete', Record<Role, Set<StoryCase>>> = {
  'story.edit': { contributor: ownDraftOrReview, author: ownAnyStatus, editor: everyStoryCase, admin: everyStoryCase },
  'story.submit': { contributor: ownDraftOrReview, author: ownAnyStatus, editor: everyStoryCase, admin: everyStoryCase },
  'story.publish': { contributor: none, author: ownAnyStatus, editor: everyStoryCase, admin: everyStoryCase },
  'story.schedule': { contributor: none, author: ownAnyStatus, editor: everyStoryCase, admin: everyStoryCase },
  'story.unpublish': { contributor: none, author: ownAnyStatus, editor: everyStoryCase, admin: everyStoryCase },
  'story.delete': { contributor: ownDraft, author: ownDraft, editor: everyStoryCase, admin: everyStoryCase },
};

describe('role policies', () => {
  it('covers every action in this matrix', () => {
    const covered = new Set<string>([...Object.keys(roleOnly), ...Object.keys(storyRules)]);
    assert.deepEqual([...actions].sort(), [...covered].sort());
  });

  for (const [action, allowed] of Object.entries(roleOnly) as [Action, Role[]][]) {
    for (const role of roles) {
      const expected = allowed.includes(role);
      it(`${role} ${expected ? 'may' : 'may not'} ${action}`, () => {
        const user = { id: me, role };
        assert.equal(can(user, action), expected);
        if (expected) assert.doesNotThrow(() => authorize(user, action));
        else {
          assert.throws(
            () => authorize(user, action),
            (error: unknown) => error instanceof CommandError && error.kind === 'forbidden' && error.message.includes(role),
          );
        }
      });
    }
  }

  for (const [action, byRole] of Object.entries(storyRules) as [Action, Record<Role, Set<StoryCase>>][]) {
    for (const role of roles) {
      for (const storyCase of storyCases) {
        const expected = byRole[role].has(storyCase);
        const [owner, status] = storyCase.split(':') as ['own' | 'other', ArticleStatus];
        it(`${role} ${expected ? 'may' : 'may not'} ${action} on ${owner === 'own' ? 'their own' : "someone else's"} ${status} story`, () => {
          const user = { id: me, role };
          const resource = story(owner, status);
          assert.equal(can(user, action, resource), expected);
          if (expected) assert.doesNotThrow(() => authorize(user, action, resource));
          else assert.throws(() => authorize(user, action, resource), (error: unknown) => error instanceof CommandError && error.kind === 'forbidden');
        });
      }
    }
  }

  it('lets everyone manage their own API tokens but only admins anyone else’s', () => {
    for (const role of roles) {
      assert.equal(can({ id: me, role }, 'token.own', { userId: me }), true, role);
      assert.equal(can({ id: me, role }, 'token.own', { userId: someoneElse }), role === 'admin', role);
    }
  });

  it('refuses everything to nobody, with a 401 from authorize', () => {
    for (const action of actions) assert.equal(can(null, action), false, action);
    assert.throws(() => authorize(null, 'story.create'), (error: unknown) => error instanceof CommandError && error.kind === 'unauthenticated');
  });

  it('says why in the refusal', () => {
    assert.throws(
      () => authorize({ id: me, role: 'author' }, 'story.publish', story('other', 'review')),
      /As an author you cannot publish this story that is not yours\./,
    );
    assert.throws(() => authorize({ id: me, role: 'editor' }, 'user.manage'), /As an editor you cannot manage users\./);
  });
});
