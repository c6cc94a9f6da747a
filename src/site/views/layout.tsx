/** The page frame every public page shares: head metadata, masthead with section navigation and search, footer. */
import type { ComponentChildren } from 'preact';
import type { Section } from '../../db/schema.js';
import type { MediaView } from '../../content/queries.js';
import { mediaPath } from '../../content/urls.js';
import type { SiteSettings } from '../../content/settings.js';
import { jsonForScript } from '../render.js';
import { assetUrl } from '../assets.js';
import { brandStylesheetUrl, headlineFont } from '../brand.js';
import { datelineLocale, formatToday, todayIso } from './format.js';

export interface FeedLink {
  title: string;
  /** Path without extension; .rss/.atom/.json are appended. */
  base: string;
}

export interface PageMeta {
  title: string;
  description: string;
  /** Absolute canonical URL. */
  canonical: string;
  ogType?: 'website' | 'article' | 'profile';
  image?: { url: string; alt: string; width?: number; height?: number } | null;
  feed?: FeedLink;
  /** A live story's own feeds of updates: `${base}.atom` and `${base}.json` (there is no RSS one). */
  updatesFeed?: FeedLink;
  jsonLd?: object[];
  noindex?: boolean;
  article?: { publishedTime: string; modifiedTime: string; section: string; tags: string[] };
}

export interface SiteChrome {
  settings: SiteSettings;
  sections: Section[];
  siteUrl: string;
  /** Current query, echoed in the search box on search pages. */
  query?: string;
  /** The logo chosen in the newsroom's settings, if any. */
  logo?: MediaView | null;
}

export function Layout(props: { meta: PageMeta; chrome: SiteChrome; children: ComponentChildren; current?: string }) {
  const { meta, chrome } = props;
  const { settings } = chrome;
  const pageTitle = meta.title === settings.title ? meta.title : `${meta.title} | ${settings.title}`;
  const feeds: FeedLink[] = [{ title: settings.title, base: '/feed' }];
  if (meta.feed && meta.feed.base !== '/feed') feeds.push(meta.feed);
  const brandSheet = brandStylesheetUrl(settings);
  return (
    <html lang={settings.language}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="color-scheme" content={settings.theme === 'light' ? 'light' : settings.theme === 'dark' ? 'dark' : 'light dark'} />
        <title>{pageTitle}</title>
        <meta name="description" content={meta.description} />
        <link rel="canonical" href={meta.canonical} />
        {meta.noindex ? <meta name="robots" content="noindex, follow" /> : null}
        <meta property="og:site_name" content={settings.title} />
        <meta property="og:type" content={meta.ogType ?? 'website'} />
        <meta property="og:title" content={meta.title} />
        <meta property="og:description" content={meta.description} />
        <meta property="og:url" content={meta.canonical} />
        <meta property="og:locale" content={settings.language === 'en' ? 'en_GB' : settings.language} />
        {meta.image ? <meta property="og:image" content={meta.image.url} /> : null}
        {meta.image ? <meta property="og:image:alt" content={meta.image.alt} /> : null}
        {meta.image?.width ? <meta property="og:image:width" content={String(meta.image.width)} /> : null}
        {meta.image?.height ? <meta property="og:image:height" content={String(meta.image.height)} /> : null}
        {meta.article ? <meta property="article:published_time" content={meta.article.publishedTime} /> : null}
        {meta.article ? <meta property="article:modified_time" content={meta.article.modifiedTime} /> : null}
        {meta.article ? <meta property="article:section" content={meta.article.section} /> : null}
        {meta.article?.tags.map((tag) => <meta property="article:tag" content={tag} />)}
        <meta name="twitter:card" content={meta.image ? 'summary_large_image' : 'summary'} />
        <meta name="twitter:title" content={meta.title} />
        <meta name="twitter:description" content={meta.description} />
        {meta.image ? <meta name="twitter:image" content={meta.image.url} /> : null}
        {feeds.flatMap((feed) => [
          <link rel="alternate" type="application/rss+xml" title={`${feed.title} (RSS)`} href={`${feed.base}.rss`} />,
          <link rel="alternate" type="application/atom+xml" title={`${feed.title} (Atom)`} href={`${feed.base}.atom`} />,
          <link rel="alternate" type="application/feed+json" title={`${feed.title} (JSON Feed)`} href={`${feed.base}.json`} />,
        ])}
        {meta.updatesFeed ? <link rel="alternate" type="application/atom+xml" title={`${meta.updatesFeed.title} (Atom)`} href={`${meta.updatesFeed.base}.atom`} /> : null}
        {meta.updatesFeed ? <link rel="alternate" type="application/feed+json" title={`${meta.updatesFeed.title} (JSON Feed)`} href={`${meta.updatesFeed.base}.json`} /> : null}
        <link rel="preload" href={assetUrl(headlineFont(settings))} as="font" type="font/woff2" crossOrigin="anonymous" />
        <link rel="stylesheet" href={assetUrl('site.css')} />
        {brandSheet ? <link rel="stylesheet" href={brandSheet} /> : null}
        <link rel="icon" href="/favicon.ico" sizes="16x16 32x32 48x48" />
        <script type="module" src={assetUrl('site.js')} />
        <script type="module" src={assetUrl('search.js')} />
        {(meta.jsonLd ?? []).map((data) => (
          <script type="application/ld+json" dangerouslySetInnerHTML={{ __html: jsonForScript(data) }} />
        ))}
      </head>
      <body>
        <a class="skip-link" href="#main">Skip to content</a>
        <header class="masthead">
          <div class="masthead-inner">
            <p class="dateline">
              <time dateTime={todayIso()} data-zone={settings.timezone} data-locale={datelineLocale(settings.language)}>{formatToday(settings.language)}</time>
            </p>
            {chrome.logo ? (
              <a class="site-title site-logo" href="/" rel="home">
                <img src={mediaPath(chrome.logo.path)} alt={settings.title} width={chrome.logo.width} height={chrome.logo.height} />
              </a>
            ) : (
              <a class="site-title" href="/" rel="home">{settings.title}</a>
            )}
            <SearchForm query={chrome.query} id="site-search" />
          </div>
        </header>
        {/* The section row stays at the top while the page scrolls (CSS sticky); on phones it scrolls sideways on one
            line, and the menu beside it lists every section without needing a script. */}
        <nav class="sections-nav" aria-label="Sections">
          <div class="sections-inner">
            {/* Shown only once the masthead has scrolled away (wide screens, CSS scroll timeline); the masthead's own link is the one for readers of any kind. */}
            <a class="mini-mark" href="/" tabIndex={-1} aria-hidden="true">{settings.title}</a>
            <ul class="sections-row">
              <li><a href="/" aria-current={props.current === 'home' ? 'page' : undefined}>Home</a></li>
              {chrome.sections.map((s) => (
                <li><a href={`/${s.slug}`} aria-current={props.current === `section:${s.slug}` ? 'page' : undefined}>{s.name}</a></li>
              ))}
            </ul>
            <details class="sections-menu">
              <summary>Menu</summary>
              <div class="menu-panel">
                <ul>
                  {chrome.sections.map((s) => <li><a href={`/${s.slug}`}>{s.name}</a></li>)}
                  <li><a href="/authors">Our journalists</a></li>
                  <li><a href="/archive">Archive</a></li>
                  <li><a href="/search">Search</a></li>
                </ul>
              </div>
            </details>
          </div>
        </nav>
        <main id="main" tabIndex={-1}>{props.children}</main>
        <footer class="site-footer">
          <nav aria-label="Footer">
            <ul>
              {chrome.sections.map((s) => <li><a href={`/${s.slug}`}>{s.name}</a></li>)}
            </ul>
            <ul>
              <li><a href="/authors">Our journalists</a></li>
              <li><a href="/archive">Archive</a></li>
              <li><a href="/feed.rss">RSS</a></li>
              <li><a href="/feed.atom">Atom</a></li>
              <li><a href="/feed.json">JSON Feed</a></li>
              <li><a href="/newsroom">Newsroom sign-in</a></li>
            </ul>
          </nav>
          <p class="colophon">{settings.title} — {settings.description} Published with Gazette.</p>
        </footer>
      </body>
    </html>
  );
}

export function SearchForm(props: { query?: string; id: string; large?: boolean }) {
  return (
    <form class={props.large ? 'search-form search-form-large' : 'search-form'} role="search" action="/search" method="get" data-search-form="">
      <label for={props.id} class={props.large ? undefined : 'visually-hidden'}>Search stories</label>
      <div class="search-row">
        <input
          id={props.id}
          type="search"
          name="q"
          value={props.query ?? ''}
          placeholder="Start typing and press Enter to search"
          autoComplete="off"
          maxLength={200}
          data-search-input=""
        />
        <button type="submit">Search</button>
      </div>
    </form>
  );
}
