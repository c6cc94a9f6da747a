/** Events of the places capability: a place added or changed, a story's places set. */

export type PlaceChange =
  /** An editor added or corrected a place: its page, its country's page and the world map. */
  | { kind: 'added' | 'updated'; placeId: number; slug: string; paths: string[] }
  /**
   * A story's dateline or places changed. `storyUrl` is null while the story is not public: nothing a reader sees
   * changed. `paths` are the pages of the places before and after.
   */
  | { kind: 'story-places'; articleId: number; storyUrl: string | null; paths: string[] };

export interface PlaceEvents {
  'place.changed': [PlaceChange];
}
