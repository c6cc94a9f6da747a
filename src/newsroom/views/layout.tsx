/** The newsroom page frame: head, navigation shown by role (only to areas that exist), the signed-in user and a sign-out form. */
import type { ComponentChildren } from 'preact';
import type { SessionUser } from '../../http/session.js';
import { can, type Action } from '../../accounts/policies.js';
import { newsroomAssetUrl } from '../page.js';
import { useNewsroomPaths } from '../paths.js';

interface NavItem {
  key: string;
  label: string;
  href: string;
  action?: Action;
}

const navItems: NavItem[] = [
  { key: 'dashboard', label: 'Dashboard', href: '/newsroom' },
  { key: 'stories', label: 'Stories', href: '/newsroom/stories' },
  { key: 'live', label: 'Live', href: '/newsroom/live' },
  { key: 'media', label: 'Media', href: '/newsroom/media' },
  { key: 'front', label: 'Front page', href: '/newsroom/front', action: 'front.arrange' },
  { key: 'comments', label: 'Comments', href: '/newsroom/comments', action: 'comment.moderate' },
  { key: 'newsletters', label: 'Newsletters', href: '/newsroom/newsletters', action: 'newsletter.send' },
  { key: 'taxonomy', label: 'Sections & tags', href: '/newsroom/taxonomy', action: 'taxonomy.manage' },
  { key: 'sources', label: 'Sources', href: '/newsroom/sources', action: 'source.create' },
  { key: 'places', label: 'Places', href: '/newsroom/places', action: 'taxonomy.manage' },
  { key: 'users', label: 'Users', href: '/newsroom/users', action: 'user.manage' },
  { key: 'settings', label: 'Settings', href: '/newsroom/settings', action: 'settings.manage' },
  { key: 'tokens', label: 'API tokens', href: '/newsroom/tokens', action: 'token.own' },
  { key: 'webhooks', label: 'Webhooks', href: '/newsroom/webhooks', action: 'webhook.manage' },
  { key: 'import', label: 'Import', href: '/newsroom/import', action: 'import.run' },
];

export function visibleNav(user: SessionUser, newsroomPaths: ReadonlySet<string>): NavItem[] {
  return navItems.filter((item) => newsroomPaths.has(item.href) && (!item.action || can(user, item.action)));
}

/** A hidden CSRF field for newsroom forms. */
export function CsrfField(props: { token: string }) {
  return <input type="hidden" name="_csrf" value={props.token} />;
}

export interface NewsroomLayoutProps {
  title: string;
  user: SessionUser;
  csrfToken: string;
  /** Key or path of the current area, for aria-current: 'stories' or '/newsroom/stories'. */
  current?: string;
  /** Extra asset file names from src/newsroom/assets: .css become stylesheets, .js module scripts. */
  assets?: string[];
  /** Buttons beside the page's heading (the page's own main action). */
  headActions?: ComponentChildren;
  children: ComponentChildren;
}

/** Links to the neighbouring pages of a paged newsroom list; nothing when the list fits on one page. */
export function Pager(props: { page: number; pages: number; href: (page: number) => string; label?: string; words?: [string, string] }) {
  if (props.pages <= 1) return null;
  const [back, forward] = props.words ?? ['Previous', 'Next'];
  return (
    <nav class="nr-actions" aria-label={props.label ?? 'Pages'}>
      {props.page > 1 ? <a href={props.href(props.page - 1)} rel="prev">{back}</a> : null}
      <span class="nr-muted">Page {props.page} of {props.pages}</span>
      {props.page < props.pages ? <a href={props.href(props.page + 1)} rel="next">{forward}</a> : null}
    </nav>
  );
}

export function NewsroomLayout(props: NewsroomLayoutProps) {
  const { user } = props;
  const extra = props.assets ?? [];
  const newsroomPaths = useNewsroomPaths();
  return (
    <html lang="en">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex, nofollow" />
        <meta name="csrf-token" content={props.csrfToken} />
        <title>{`${props.title} | Newsroom`}</title>
        <link rel="icon" href="/favicon.ico" sizes="16x16 32x32 48x48" />
        <link rel="stylesheet" href={newsroomAssetUrl('newsroom.css')} />
        {extra.filter((name) => name.endsWith('.css')).map((name) => <link rel="stylesheet" href={newsroomAssetUrl(name)} />)}
        {extra.filter((name) => name.endsWith('.js')).map((name) => <script type="module" src={newsroomAssetUrl(name)} />)}
      </head>
      <body class="newsroom">
        <a class="skip-link" href="#main">Skip to content</a>
        <header class="nr-header">
          <div class="nr-header-inner">
            <a class="nr-brand" href="/newsroom">Newsroom</a>
            {newsroomPaths.has('/newsroom/stories/new') && can(user, 'story.create') ? (
              <a class="nr-button nr-new-story" href="/newsroom/stories/new" aria-current={props.current === 'new-story' ? 'page' : undefined}>New story</a>
            ) : null}
            <nav class="nr-nav" aria-label="Newsroom">
              <ul>
                {visibleNav(user, newsroomPaths).map((item) => (
                  <li>
                    <a href={item.href} aria-current={props.current === item.key || props.current === item.href ? 'page' : undefined}>{item.label}</a>
                  </li>
                ))}
              </ul>
            </nav>
            <div class="nr-account">
              {newsroomPaths.has('/newsroom/account') ? (
                <a class="nr-user" href="/newsroom/account" aria-current={props.current === 'account' ? 'page' : undefined}>
                  {user.name} <span class="nr-role">({user.role})</span>
                </a>
              ) : (
                <span class="nr-user">
                  {user.name} <span class="nr-role">({user.role})</span>
                </span>
              )}
              <a href="/" class="nr-site-link">View site</a>
              <form method="post" action="/newsroom/sign-out" class="nr-inline-form">
                <CsrfField token={props.csrfToken} />
                <button type="submit" class="nr-button-link">Sign out</button>
              </form>
            </div>
          </div>
        </header>
        <main id="main" tabIndex={-1}>
          {props.headActions ? (
            <div class="nr-page-head">
              <h1>{props.title}</h1>
              <div class="nr-actions">{props.headActions}</div>
            </div>
          ) : (
            <h1>{props.title}</h1>
          )}
          {props.children}
        </main>
      </body>
    </html>
  );
}

/** The frame for signed-out pages: sign in, reset password, accept an invitation. */
export function PublicNewsroomLayout(props: { title: string; children: ComponentChildren }) {
  return (
    <html lang="en">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex, nofollow" />
        <title>{`${props.title} | Newsroom`}</title>
        <link rel="icon" href="/favicon.ico" sizes="16x16 32x32 48x48" />
        <link rel="stylesheet" href={newsroomAssetUrl('newsroom.css')} />
      </head>
      <body class="newsroom newsroom-signed-out">
        <main id="main" class="nr-narrow">
          <p class="nr-brand">
            <a href="/">Back to the site</a>
          </p>
          <h1>{props.title}</h1>
          {props.children}
        </main>
      </body>
    </html>
  );
}
