/** The story.changed a command announces, for tests that write a story directly and then tell the listeners. */
import { placementOf, type StoryChanged } from '../../src/content/events.js';
import type { Story } from '../../src/content/queries.js';

export function storyChangedEvent(story: Story, kind: 'published' | 'updated' | 'unpublished'): StoryChanged {
  const placement = placementOf(story);
  return {
    articleId: story.id,
    kind,
    statusBefore: kind === 'published' ? 'draft' : 'published',
    statusAfter: kind === 'unpublished' ? 'archived' : 'published',
    before: kind === 'published' ? null : placement,
    after: kind === 'unpublished' ? null : placement,
    story,
  };
}
