/**
 * What a story rests on, on its public page: the "Sources" box (every source the story cites, with its kind and a
 * link to its page and to the document), and the structured data for it: `citation` for documents, and each quote's
 * attribution as the creator of a Quotation that is part of the article.
 */
import type { Db } from '../db/index.js';
import type { Story } from '../content/queries.js';
import { citationsOf, kindLabels, sourceLine, sourcePath, type CitedSource, type SourceEntry } from '../sources/queries.js';

export type StoryCitations = CitedSource[];

export function loadStoryCitations(db: Db, story: Story): Promise<StoryCitations> {
  return citationsOf(db, story.id);
}

export function StorySources(props: { cited: StoryCitations }) {
  if (!props.cited.length) return null;
  return (
    <aside class="sources-box" aria-labelledby="sources-title">
      <h2 id="sources-title">Sources</h2>
      <ul>
        {props.cited.map(({ source, links }) => {
          const line = sourceLine(source);
          const documentLinks = [...(source.kind === 'document' && source.url ? [source.url] : []), ...links.filter((l) => l !== source.url)];
          return (
            <li data-source-kind={source.kind}>
              <span class="source-kind">{kindLabels[source.kind]}</span>
              <a class="source-name" href={sourcePath(source.slug)}>{source.name}</a>
              {line !== kindLabels[source.kind] ? <span class="source-line">{line}</span> : null}
              {documentLinks.length ? (
                <span class="source-links">
                  {documentLinks.map((link, i) => (
                    <a href={link} rel="noopener nofollow" class="source-document">{documentLinks.length > 1 ? `Original ${i + 1}` : 'Read the original'}</a>
                  ))}
                </span>
              ) : null}
            </li>
          );
        })}
      </ul>
    </aside>
  );
}

/** A source as a schema.org thing: an Organization, a Person (with the organisation they work for) or a CreativeWork. */
export function sourceThingLd(source: SourceEntry, siteUrl: string): Record<string, unknown> {
  const page = `${siteUrl}${sourcePath(source.slug)}`;
  if (source.kind === 'organisation') return { '@type': 'Organization', name: source.name, url: source.url || page, ...(source.description ? { description: source.description } : {}) };
  if (source.kind === 'person') {
    return {
      '@type': 'Person',
      name: source.name,
      url: source.url || page,
      ...(source.role ? { jobTitle: source.role } : {}),
      ...(source.affiliation ? { worksFor: { '@type': 'Organization', name: source.affiliation.name, url: `${siteUrl}${sourcePath(source.affiliation.slug)}` } } : {}),
    };
  }
  return {
    '@type': 'CreativeWork',
    name: source.name,
    url: source.url || page,
    ...(source.published_on ? { datePublished: source.published_on } : {}),
    ...(source.affiliation ? { publisher: { '@type': 'Organization', name: source.affiliation.name } } : {}),
  };
}

/** The NewsArticle with `citation` (its documents and linked originals), and a Quotation per attributed quote. */
export function withCitationsLd(articleLd: object, cited: StoryCitations, siteUrl: string, storyUrl: string): object[] {
  if (!cited.length) return [articleLd];
  const citations = cited.flatMap(({ source, links }) => [
    ...(source.kind === 'document' ? [sourceThingLd(source, siteUrl)] : []),
    ...links.filter((link) => link !== source.url).map((link) => ({ '@type': 'CreativeWork', url: link, author: sourceThingLd(source, siteUrl) })),
  ]);
  const article = citations.length ? { ...articleLd, citation: citations } : articleLd;
  const quotations = cited.flatMap(({ source, quotes }) =>
    quotes.map((q) => ({
      '@context': 'https://schema.org',
      '@type': 'Quotation',
      text: q.quote,
      creator: sourceThingLd(source, siteUrl),
      isPartOf: { '@id': `${siteUrl}${storyUrl}` },
      ...(q.link ? { citation: q.link } : {}),
    })),
  );
  return [article, ...quotations];
}
