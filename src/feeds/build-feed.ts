/** Turns a list of stories into RSS 2.0, Atom 1.0 or JSON Feed 1.1 with the 'feed' package, each format given the text form it expects. */
import { escapeUTF8, encodeXML } from 'entities';
import { Feed, type Author, type Item } from 'feed';
import type { MediaView, StoryCard } from '../content/queries.js';
import type { SiteSettings } from '../content/settings.js';
import { authorPath, mediaPath, tagPath } from '../content/urls.js';
import type { Tag } from '../db/schema.js';
import { imageUrl, itemHtml } from './item-html.js';

export type FeedFormat = 'rss' | 'atom' | 'json';

export const feedContentTypes: Record<FeedFormat, string> = {
  rss: 'application/rss+xml; charset=utf-8',
  atom: 'application/atom+xml; charset=utf-8',
  json: 'application/feed+json; charset=utf-8',
};

/** Whose feed this is: the whole site, a section, a tag or an author. */
export interface FeedOwner {
  title: string;
  description: string;
  /** Path of the HTML page the feed follows, e.g. "/" or "/world". */
  pagePath: string;
  /** Path of the feed without its extension, e.g. "/feed" or "/world/feed". */
  feedBase: string;
  /** The person, for an author's feed; otherwise the publication is the author. */
  author?: { name: string; path: string };
}

export interface FeedStory extends StoryCard {
  bodyHtml: string;
  tags: Tag[];
}

interface FeedSite {
  siteUrl: string;
  settings: SiteSettings;
}

/** Newest change among the items: the feed's "updated" time and its Last-Modified header. */
export function newestChange(stories: FeedStory[]): string | null {
  return stories.reduce<string | null>((newest, s) => (newest === null || s.updatedAt > newest ? s.updatedAt : newest), null);
}

function mediaUrlFor(path: string, siteUrl: string): string {
  return `${siteUrl}${mediaPath(path)}`;
}

/** Atom's package derives an enclosure's type from the file extension, so pick a file whose extension names its type. */
function atomImageUrl(image: MediaView, siteUrl: string): string {
  const extension = image.path.split('.').pop()?.toLowerCase() ?? '';
  if (image.mime === `image/${extension}`) return imageUrl(image, siteUrl);
  const webp = image.variants.filter((v) => v.format === 'webp').sort((a, b) => b.width - a.width)[0];
  return webp ? mediaUrlFor(webp.path, siteUrl) : imageUrl(image, siteUrl);
}

function itemFor(format: FeedFormat, story: FeedStory, site: FeedSite): Item {
  const { siteUrl } = site;
  const url = `${siteUrl}${story.url}`;
  const authors: Author[] = story.authors.map((a) => ({ name: a.name, link: `${siteUrl}${authorPath(a.slug)}` }));
  const item: Item = {
    // Atom and RSS carry titles and summaries as HTML, so the plain text is escaped for them.
    title: format === 'json' ? story.title : escapeUTF8(story.title),
    description: story.dek ? (format === 'json' ? story.dek : escapeUTF8(story.dek)) : undefined,
    id: url,
    link: url,
    date: new Date(story.updatedAt),
    published: new Date(story.publishedAt),
    content: itemHtml(story, siteUrl),
  };
  if (format === 'rss') {
    // RSS <author> must be an e-mail address; Dublin Core's creator carries a name.
    // xml-js writes an array under one name as repeated elements: one <dc:creator> per author.
    const creators = story.authors.map((a) => ({ _text: a.name })) as unknown as Record<string, unknown>;
    item.extensions = story.authors.length ? [{ name: 'dc:creator', objects: creators }] : [];
    item.category = story.tags.map((t) => ({ name: t.name, domain: `${siteUrl}${tagPath(t.slug)}` }));
    if (story.image) item.image = { url: imageUrl(story.image, siteUrl), type: story.image.mime, length: story.image.bytes ?? 0 };
  } else if (format === 'atom') {
    item.author = authors;
    // The package writes attribute values without escaping & and <, so the label is encoded here.
    item.category = story.tags.map((t) => ({ term: t.slug, scheme: `${siteUrl}/tag/`, name: encodeXML(t.name) }));
    if (story.image) item.image = atomImageUrl(story.image, siteUrl);
  } else {
    item.author = authors;
    item.category = story.tags.map((t) => ({ name: t.name }));
    if (story.image) item.image = imageUrl(story.image, siteUrl);
  }
  return item;
}

interface JsonFeedAuthor {
  name: string;
  url?: string;
}

/** The package writes JSON Feed 1.0; 1.1 adds author lists and the language. */
function upgradeToJsonFeed11(json: string, language: string, feedAuthor: JsonFeedAuthor, itemAuthors: JsonFeedAuthor[][]): string {
  const feed = JSON.parse(json) as { version: string; language?: string; authors?: JsonFeedAuthor[]; items: { authors?: JsonFeedAuthor[] }[] };
  feed.version = 'https://jsonfeed.org/version/1.1';
  feed.language = language;
  feed.authors = [feedAuthor];
  feed.items.forEach((item, index) => {
    const authors = itemAuthors[index] ?? [];
    if (authors.length) item.authors = authors;
  });
  return JSON.stringify(feed);
}

export function renderFeed(format: FeedFormat, owner: FeedOwner, stories: FeedStory[], site: FeedSite): string {
  const { siteUrl, settings } = site;
  const pageUrl = `${siteUrl}${owner.pagePath === '/' ? '/' : owner.pagePath}`;
  const newest = newestChange(stories);
  const feedAuthor = owner.author
    ? { name: owner.author.name, link: `${siteUrl}${owner.author.path}` }
    : { name: settings.title, link: `${siteUrl}/` };
  const feed = new Feed({
    id: pageUrl,
    title: owner.title,
    description: owner.description,
    link: pageUrl,
    language: settings.language,
    updated: newest ? new Date(newest) : undefined,
    generator: 'Gazette',
    copyright: `© ${settings.title}`,
    author: feedAuthor,
    feedLinks: {
      rss: `${siteUrl}${owner.feedBase}.rss`,
      atom: `${siteUrl}${owner.feedBase}.atom`,
      json: `${siteUrl}${owner.feedBase}.json`,
    },
  });
  for (const story of stories) feed.addItem(itemFor(format, story, site));
  if (format === 'rss') return feed.rss2();
  if (format === 'atom') return feed.atom1();
  const itemAuthors = stories.map((s) => s.authors.map((a) => ({ name: a.name, url: `${siteUrl}${authorPath(a.slug)}` })));
  return upgradeToJsonFeed11(feed.json1(), settings.language, { name: feedAuthor.name, url: feedAuthor.link }, itemAuthors);
}
