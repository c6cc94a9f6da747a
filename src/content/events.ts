/** Events the stories capability announces after a change has committed. */
export interface StoryEvents {
  /** A story's public face changed: published, edited while published, unpublished, or deleted. */
  'story.changed': [{ articleId: number; kind: 'published' | 'updated' | 'unpublished'; paths: string[] }];
}
