/** Who may do what: the role rules for every newsroom and API action, as small readable rules in one table. */
import type { ArticleStatus, Role } from '../db/schema.js';
import { CommandError, forbidden } from '../errors.js';

export interface PolicyUser {
  id: number;
  role: Role;
}

/** The story an action is about: who wrote it and where it is in the workflow. */
export interface StoryResource {
  authorIds: number[];
  status: ArticleStatus;
}

/** The owner of a personal resource such as an API token. */
export interface OwnedResource {
  userId: number;
}

export type Action =
  | 'story.create' | 'story.edit' | 'story.edit-any' | 'story.submit' | 'story.publish' | 'story.schedule' | 'story.unpublish' | 'story.delete' | 'story.correct'
  | 'media.upload' | 'media.edit' | 'media.delete'
  | 'comment.moderate' | 'front.arrange' | 'taxonomy.manage' | 'user.manage' | 'settings.manage'
  | 'token.manage' | 'token.own' | 'webhook.manage' | 'import.run' | 'export.run'
  | 'live.cover' | 'live.post' | 'live.edit' | 'live.correct' | 'live.pin' | 'live.approve' | 'live.delete'
  | 'source.create' | 'source.manage' | 'newsletter.send';

type Resource = StoryResource | OwnedResource | undefined;

const everyone: Role[] = ['contributor', 'author', 'editor', 'admin'];
const editors: Role[] = ['editor', 'admin'];
const admins: Role[] = ['admin'];

function isStory(resource: Resource): resource is StoryResource {
  return !!resource && 'authorIds' in resource;
}

/** Without a story, an ownership rule answers for the user's own story: "could this role ever do it?". */
function ownsStory(user: PolicyUser, resource: Resource): boolean {
  return isStory(resource) ? resource.authorIds.includes(user.id) : true;
}

function storyStatus(resource: Resource): ArticleStatus {
  return isStory(resource) ? resource.status : 'draft';
}

function canEditStory(user: PolicyUser, resource: Resource): boolean {
  if (editors.includes(user.role)) return true;
  if (!ownsStory(user, resource)) return false;
  if (user.role === 'author') return true;
  return user.role === 'contributor' && ['draft', 'review'].includes(storyStatus(resource));
}

function canPublishStory(user: PolicyUser, resource: Resource): boolean {
  if (editors.includes(user.role)) return true;
  return user.role === 'author' && ownsStory(user, resource);
}

const rules: Record<Action, (user: PolicyUser, resource: Resource) => boolean> = {
  'story.create': (user) => everyone.includes(user.role),
  'story.edit': canEditStory,
  /** Edit anyone's stories in any state: the desk sees every story and may leave itself off the byline. */
  'story.edit-any': (user) => editors.includes(user.role),
  'story.submit': canEditStory,
  'story.publish': canPublishStory,
  'story.schedule': canPublishStory,
  'story.unpublish': canPublishStory,
  'story.delete': (user, resource) =>
    editors.includes(user.role) || (ownsStory(user, resource) && storyStatus(resource) === 'draft' && everyone.includes(user.role)),
  'story.correct': (user) => editors.includes(user.role),
  'media.upload': (user) => everyone.includes(user.role),
  'media.edit': (user) => everyone.includes(user.role),
  'media.delete': (user) => editors.includes(user.role),
  'comment.moderate': (user) => editors.includes(user.role),
  /** Arrange the front page: lead, top stories, developing threads, section blocks, opinion rail. */
  'front.arrange': (user) => editors.includes(user.role),
  'taxonomy.manage': (user) => editors.includes(user.role),
  'user.manage': (user) => admins.includes(user.role),
  'settings.manage': (user) => admins.includes(user.role),
  'token.manage': (user) => admins.includes(user.role),
  'token.own': (user, resource) => admins.includes(user.role) || !resource || !('userId' in resource) || resource.userId === user.id,
  'webhook.manage': (user) => admins.includes(user.role),
  'import.run': (user) => admins.includes(user.role),
  'export.run': (user) => admins.includes(user.role),
  /** Start and end a story's live coverage, keep its summary current: the desk, or the story's own author. */
  'live.cover': canPublishStory,
  /** Post to a live story; a contributor's update may wait for an editor (the story's own rule). */
  'live.post': (user) => everyone.includes(user.role),
  /** Edit an update: the desk any, everyone else their own. */
  'live.edit': (user, resource) => editors.includes(user.role) || !resource || !('userId' in resource) || resource.userId === user.id,
  'live.correct': (user) => editors.includes(user.role) || user.role === 'author',
  'live.pin': (user) => editors.includes(user.role) || user.role === 'author',
  'live.approve': (user) => editors.includes(user.role),
  'live.delete': (user) => editors.includes(user.role),
  /** Add a source to the directory, as the editor's picker does when a source is new. */
  'source.create': (user) => everyone.includes(user.role),
  /** Edit, describe and merge sources; confirm or dismiss the backfill's proposals. */
  'source.manage': (user) => editors.includes(user.role),
  /** Compose, schedule and send newsletters; read the outbox and the subscriber counts. */
  'newsletter.send': (user) => editors.includes(user.role),
};

const refusals: Record<Action, string> = {
  'story.create': 'write stories',
  'story.edit': 'edit this story',
  'story.edit-any': "edit other people's stories",
  'story.submit': 'submit this story for review',
  'story.publish': 'publish this story',
  'story.schedule': 'schedule this story',
  'story.unpublish': 'unpublish this story',
  'story.delete': 'delete this story',
  'story.correct': 'add corrections',
  'media.upload': 'upload media',
  'media.edit': 'edit media',
  'media.delete': 'delete media',
  'comment.moderate': 'moderate comments',
  'front.arrange': 'arrange the front page',
  'taxonomy.manage': 'manage sections and tags',
  'user.manage': 'manage users',
  'settings.manage': 'change site settings',
  'token.manage': "manage other people's API tokens",
  'token.own': 'manage this API token',
  'webhook.manage': 'manage webhooks',
  'import.run': 'run imports',
  'export.run': 'run exports',
  'live.cover': 'start or end live coverage of this story',
  'live.post': 'post live updates',
  'live.edit': "edit other people's live updates",
  'live.correct': 'correct live updates',
  'live.pin': 'pin key events',
  'live.approve': 'approve live updates',
  'live.delete': 'delete live updates',
  'source.create': 'add sources',
  'source.manage': 'edit or merge sources',
  'newsletter.send': 'send newsletters',
};

export const actions = Object.keys(rules) as Action[];

export function can(user: PolicyUser | null | undefined, action: Action, resource?: StoryResource | OwnedResource): boolean {
  if (!user) return false;
  return rules[action](user, resource);
}

/** Refuses (forbidden, a 403 over HTTP) saying what was refused and why, unless the user may do it; nobody is unauthenticated. */
export function authorize(user: PolicyUser | null | undefined, action: Action, resource?: StoryResource | OwnedResource): void {
  if (!user) throw new CommandError('unauthenticated', 'Please sign in to continue.');
  if (can(user, action, resource)) return;
  const who = `As ${user.role === 'admin' || user.role === 'author' || user.role === 'editor' ? 'an' : 'a'} ${user.role}`;
  let why = '';
  if (action.startsWith('story.') && isStory(resource) && !resource.authorIds.includes(user.id) && !editors.includes(user.role)) {
    why = ' that is not yours';
  } else if (action === 'story.edit' && user.role === 'contributor') {
    why = ` once it is ${resource && isStory(resource) ? resource.status : 'past review'}; an editor takes it from here`;
  }
  throw forbidden(`${who} you cannot ${refusals[action]}${why}.`);
}
