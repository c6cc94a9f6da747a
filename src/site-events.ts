/** Events for changes every page may show: sections, tags, threads, authors, settings, media, imports. */
export interface SiteEvents {
  /** Sections, tags, authors or settings changed: every page may show them. */
  'site.changed': [{ what: string }];
}
