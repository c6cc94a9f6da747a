/** Sitemap XML (index, pages, stories, Google News) written with fast-xml-parser's builder, which escapes every value. */
import { XMLBuilder } from 'fast-xml-parser';

const sitemapNs = 'http://www.sitemaps.org/schemas/sitemap/0.9';
const newsNs = 'http://www.google.com/schemas/sitemap-news/0.9';

/** Stories per /sitemap-stories-<n>.xml, well under the protocol's 50,000-address limit. */
export const storiesPerSitemap = 5000;
/** Google News reads at most this many addresses from one news sitemap. */
export const newsSitemapLimit = 1000;
export const newsWindowHours = 48;

const builder = new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: '@_', format: true, suppressEmptyNode: true });
const declaration = { '@_version': '1.0', '@_encoding': 'UTF-8' };

export interface SitemapEntry {
  loc: string;
  lastmod?: string | null;
}

function withLastmod(entry: SitemapEntry): { loc: string; lastmod?: string } {
  return entry.lastmod ? { loc: entry.loc, lastmod: entry.lastmod } : { loc: entry.loc };
}

export function sitemapIndex(parts: SitemapEntry[]): string {
  return builder.build({ '?xml': declaration, sitemapindex: { '@_xmlns': sitemapNs, sitemap: parts.map(withLastmod) } });
}

export function urlSet(entries: SitemapEntry[]): string {
  return builder.build({ '?xml': declaration, urlset: { '@_xmlns': sitemapNs, url: entries.map(withLastmod) } });
}

export interface NewsEntry {
  loc: string;
  title: string;
  publishedAt: string;
}

/** Google News wants ISO 639 codes, keeping only Chinese's script variants (zh-cn, zh-tw). */
export function newsLanguage(language: string): string {
  const code = language.trim().toLowerCase();
  return code.startsWith('zh') ? code : (code.split(/[-_]/)[0] ?? code);
}

export function newsSitemap(publication: { name: string; language: string }, entries: NewsEntry[]): string {
  return builder.build({
    '?xml': declaration,
    urlset: {
      '@_xmlns': sitemapNs,
      '@_xmlns:news': newsNs,
      url: entries.map((entry) => ({
        loc: entry.loc,
        'news:news': {
          'news:publication': { 'news:name': publication.name, 'news:language': newsLanguage(publication.language) },
          'news:publication_date': entry.publishedAt,
          'news:title': entry.title,
        },
      })),
    },
  });
}
