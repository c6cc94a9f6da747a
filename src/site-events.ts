/**
 * Events for changes outside stories and comments. `site.changed` is for what public pages show (settings, sections,
 * tags, authors, media, imports, the front's arrangement) and carries enough for the page cache to decide what to purge without a lookup;
 * `newsroom.changed` is for what only the newsroom sees (users, tokens, webhook endpoints), so it purges nothing public.
 */
export type SiteChange =
  /** Title, description, logo, language, time zone or comment policy: every page shows some of them. */
  | { what: 'settings' }
  /** A section added, renamed, described or moved: the navigation on every page lists sections. */
  | { what: 'sections'; kind: 'added' | 'updated' | 'reordered'; sectionIds: number[]; paths: string[] }
  /** A tag renamed or merged into another: the old page now redirects; stories carrying it show its new name. */
  | { what: 'tags'; kind: 'renamed' | 'merged'; tagId: number; oldPath: string; newPath: string; articleIds: number[] }
  /** An image stored, described or deleted. A new or deleted image is on no public page (only unused ones are deleted). */
  | { what: 'media'; kind: 'uploaded' | 'updated' | 'deleted'; mediaIds: number[]; paths: string[] }
  /** Images became the featured images of published stories (the demo's pictures, drawn after seeding). */
  | { what: 'media'; kind: 'attached'; mediaIds: number[]; articleIds: number[] }
  /** A person's public byline or biography changed: their author page and every story with their byline. */
  | { what: 'authors'; userId: number; slug: string }
  /** An editor saved the front's arrangement: only the home page shows it. */
  | { what: 'front' }
  /** An import or the demo seeder added stories, people, sections and images in bulk. */
  | { what: 'import'; source: 'wordpress' | 'demo'; articles: number };

export type NewsroomChange =
  | { what: 'users'; kind: 'created' | 'role' | 'disabled' | 'enabled' | 'password' | 'password-link'; userId: number }
  | { what: 'invitations'; kind: 'created' | 'withdrawn'; email: string }
  /** Sessions started or ended; `userId` is null when a sign-out named an unknown session. */
  | { what: 'sessions'; kind: 'signed-in' | 'signed-out' | 'signed-out-everywhere' | 'password-reset'; userId: number | null }
  | { what: 'tokens'; kind: 'created' | 'revoked'; tokenId: number; userId: number }
  | { what: 'webhooks'; kind: 'added' | 'deleted' | 'retried'; endpointId: number };

export interface SiteEvents {
  /** Something every public page may show changed. */
  'site.changed': [SiteChange];
  /** Something only the newsroom shows changed: no public page is stale. */
  'newsroom.changed': [NewsroomChange];
}
