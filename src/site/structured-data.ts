/** schema.org JSON-LD for search engines: WebSite with SearchAction, NewsArticle, BreadcrumbList, Person. */
import type { MediaView, Story } from '../content/queries.js';
import type { SiteSettings } from '../content/settings.js';
import { authorPath, mediaPath, sectionPath } from '../content/urls.js';
import { assetUrl } from './assets.js';

export function websiteLd(siteUrl: string, settings: SiteSettings): object {
  return {
    '@context': 'https://schema.org',
    '@type': 'WebSite',
    name: settings.title,
    description: settings.description,
    url: `${siteUrl}/`,
    inLanguage: settings.language,
    potentialAction: {
      '@type': 'SearchAction',
      target: { '@type': 'EntryPoint', urlTemplate: `${siteUrl}/search?q={search_term_string}` },
      'query-input': 'required name=search_term_string',
    },
  };
}

/** The site's own logo from the media library when one is set, else the bundled one. */
export function publisherLd(siteUrl: string, settings: SiteSettings, logo: MediaView | null = null): object {
  return {
    '@type': 'NewsMediaOrganization',
    name: settings.title,
    url: `${siteUrl}/`,
    logo: logo
      ? { '@type': 'ImageObject', url: `${siteUrl}${mediaPath(logo.path)}`, width: logo.width, height: logo.height }
      : { '@type': 'ImageObject', url: `${siteUrl}${assetUrl('logo.png')}`, width: 600, height: 60 },
  };
}

export function newsArticleLd(story: Story, siteUrl: string, settings: SiteSettings, logo: MediaView | null = null): object {
  const url = `${siteUrl}${story.url}`;
  const images = story.image
    ? [
        `${siteUrl}${mediaPath(story.image.path)}`,
        ...story.image.variants.filter((v) => v.format === 'webp').map((v) => `${siteUrl}${mediaPath(v.path)}`),
      ]
    : [`${siteUrl}${assetUrl('logo.png')}`];
  return {
    '@context': 'https://schema.org',
    '@type': 'NewsArticle',
    mainEntityOfPage: { '@type': 'WebPage', '@id': url },
    url,
    headline: story.title.slice(0, 110),
    description: story.seoDescription || story.dek,
    datePublished: story.publishedAt,
    dateModified: story.updatedAt,
    author: story.authors.map((a) => ({ '@type': 'Person', name: a.name, url: `${siteUrl}${authorPath(a.slug)}` })),
    publisher: publisherLd(siteUrl, settings, logo),
    image: images,
    articleSection: story.section.name,
    keywords: story.tags.map((t) => t.name),
    inLanguage: settings.language,
    isAccessibleForFree: true,
    ...(story.thread ? { isPartOf: { '@type': 'CreativeWorkSeries', name: story.thread.title } } : {}),
    ...(story.corrections.length
      ? { correction: story.corrections.map((c) => ({ '@type': 'CorrectionComment', text: c.text, datePublished: c.createdAt })) }
      : {}),
  };
}

export function breadcrumbLd(siteUrl: string, items: { name: string; path: string }[]): object {
  return {
    '@context': 'https://schema.org',
    '@type': 'BreadcrumbList',
    itemListElement: items.map((item, i) => ({ '@type': 'ListItem', position: i + 1, name: item.name, item: `${siteUrl}${item.path}` })),
  };
}

export function storyBreadcrumbs(siteUrl: string, story: Story): object {
  return breadcrumbLd(siteUrl, [
    { name: 'Home', path: '/' },
    { name: story.section.name, path: sectionPath(story.section.slug) },
    { name: story.title, path: story.url },
  ]);
}
