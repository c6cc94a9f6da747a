/** Events of the places capability: a place added or changed, a story's places set. */

export type PlaceChange =
  /** An editor added a place: its page, its country's page and the world map. */
  | { kind: 'added'; placeId: number; slug: string; paths: string[] }
  /** A place corrected: `storyUrls` are the published stories naming it, whose pages show its name. */
  | { kind: 'updated'; placeId: number; slug: string; storyUrls: string[]; paths: string[] }
  /**
   * A place merged into another: its stories moved. `paths` are both places' pages; `storyUrls` the published stories
   * that named it, whose pages link to the place.
   */
  | { kind: 'merged'; placeId: number; slug: string; intoId: number; intoSlug: string; storyUrls: string[]; paths: string[] }
  /**
   * A story's dateline or places changed. `storyUrl` is null while the story is not public: nothing a reader sees
   * changed. `paths` are the pages of the places before and after.
   */
  | { kind: 'story-places'; articleId: number; storyUrl: string | null; paths: string[] };

export interface PlaceEvents {
  'place.changed': [PlaceChange];
}
