/** Shapes of the demo newsroom's hand-written content, read by the seeder. */

export interface DemoSection {
  slug: string;
  name: string;
  description: string;
}

export interface DemoAuthor {
  slug: string;
  name: string;
  email: string;
  role: 'admin' | 'editor' | 'author' | 'contributor';
  bio: string;
}

export interface DemoComment {
  name: string;
  email: string;
  body: string;
  /** Minutes after the story's publication. */
  minutesAfter: number;
  replies?: DemoComment[];
}

export interface DemoImage {
  /** Keys the picture drawn for the story in pictures.ts and seeds its small variations. */
  seed: number;
  alt: string;
  caption: string;
  credit: string;
}

export interface DemoStory {
  /** Stable key: the seeder uses it to stay idempotent and to resolve {{link:key}} placeholders. */
  key: string;
  section: string;
  title: string;
  dek: string;
  /** Author slugs, first is the lead byline. */
  authors: string[];
  /** Tag names as shown to readers. */
  tags: string[];
  /** Publication time relative to seeding: days ago plus the hour of day (UTC). */
  daysAgo: number;
  hour: number;
  /** Body HTML in Gazette's stored format (see README of the demo content). */
  body: string;
  image?: DemoImage;
  /** Story-thread slug for developing stories followed over several pieces. */
  thread?: string;
  comments?: DemoComment[];
  /** Minutes after publication at which a visible update was made. */
  updatedMinutesAfter?: number;
}
