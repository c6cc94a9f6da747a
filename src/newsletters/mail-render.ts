/**
 * The mail readers receive, as HTML (one column, table layout and inline styles, the site's colours and type, dark
 * mode where the mail client supports it) and as plain text. Every link and image is absolute; nothing tracks the
 * reader. Per-reader links (preferences, one-click unsubscribe) are placeholders filled in at send time, so an edition
 * is rendered once however many readers it goes to.
 */
import type { SiteSettings } from '../content/settings.js';

export const preferencesPlaceholder = '%%GAZETTE_PREFERENCES_URL%%';
export const unsubscribePlaceholder = '%%GAZETTE_UNSUBSCRIBE_URL%%';

export function esc(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

export interface MailStory {
  title: string;
  dek: string;
  /** Absolute address. */
  url: string;
  section: string;
  /** Absolute address of the image, or null. */
  image: { url: string; alt: string; width: number; height: number } | null;
}

export interface MailContent {
  subject: string;
  /** A line shown by mail clients beside the subject. */
  preheader: string;
  /** A short heading above everything, e.g. "The daily briefing". */
  kicker: string;
  heading: string;
  /** Paragraphs of plain text. */
  intro: string[];
  stories: MailStory[];
  /** A call to action: one prominent link (confirmation mail). */
  action?: { label: string; url: string };
  /** Why the reader receives this, in the footer. */
  reason: string;
  /** Whether the footer offers the preferences and unsubscribe links (not in a confirmation mail before it is used). */
  footerLinks: boolean;
}

export interface RenderedMail {
  subject: string;
  html: string;
  text: string;
}

const colours = { brand: '#b01c2e', ink: '#15171a', ink2: '#3b3f46', muted: '#5d626b', paper: '#fdfcfa', soft: '#f3f0e9', rule: '#dcd8cf', link: '#0b4f8a' };
const serif = "Georgia, 'Times New Roman', serif";
const sans = "-apple-system, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif";

export function renderMail(siteUrl: string, settings: Pick<SiteSettings, 'title' | 'accentColor' | 'language'>, content: MailContent): RenderedMail {
  const brand = settings.accentColor || colours.brand;
  const site = esc(settings.title);
  const stories = content.stories
    .map((s) => `
<tr><td style="padding:20px 0;border-top:1px solid ${colours.rule};">
  ${s.image ? `<a href="${esc(s.url)}"><img src="${esc(s.image.url)}" alt="${esc(s.image.alt)}" width="560" style="display:block;width:100%;max-width:560px;height:auto;border:0;margin:0 0 12px;" /></a>` : ''}
  <p style="margin:0 0 4px;font:600 12px/1.4 ${sans};letter-spacing:.06em;text-transform:uppercase;color:${brand};">${esc(s.section)}</p>
  <h2 style="margin:0 0 6px;font:700 22px/1.25 ${serif};"><a href="${esc(s.url)}" style="color:${colours.ink};text-decoration:none;" class="ink">${esc(s.title)}</a></h2>
  ${s.dek ? `<p style="margin:0;font:400 16px/1.5 ${serif};color:${colours.ink2};" class="ink2">${esc(s.dek)}</p>` : ''}
</td></tr>`)
    .join('');
  const intro = content.intro.map((p) => `<p style="margin:0 0 14px;font:400 17px/1.55 ${serif};color:${colours.ink};" class="ink">${esc(p)}</p>`).join('');
  const action = content.action
    ? `<p style="margin:8px 0 24px;"><a href="${esc(content.action.url)}" style="display:inline-block;padding:12px 20px;background:${colours.ink};color:#ffffff;font:600 16px/1 ${sans};text-decoration:none;border-radius:4px;">${esc(content.action.label)}</a></p>
<p style="margin:0 0 14px;font:400 14px/1.5 ${sans};color:${colours.muted};" class="muted">Or paste this address into your browser: <a href="${esc(content.action.url)}" style="color:${colours.link};word-break:break-all;">${esc(content.action.url)}</a></p>`
    : '';
  const links = content.footerLinks
    ? `<a href="${preferencesPlaceholder}" style="color:${colours.muted};">Manage your newsletters</a> · <a href="${unsubscribePlaceholder}" style="color:${colours.muted};">Unsubscribe</a><br />`
    : '';
  const html = `<!doctype html>
<html lang="${esc(settings.language)}"><head><meta charset="utf-8" /><meta name="viewport" content="width=device-width, initial-scale=1" />
<meta name="color-scheme" content="light dark" /><meta name="supported-color-schemes" content="light dark" />
<title>${esc(content.subject)}</title>
<style>
@media (max-width: 620px) { .wrap { padding: 16px !important; } h1 { font-size: 26px !important; } }
@media (prefers-color-scheme: dark) {
  body, .page { background: #121416 !important; } .ink { color: #ecebe7 !important; } .ink2 { color: #c9c8c2 !important; }
  .muted { color: #a2a6ad !important; } .foot { background: #1c1f23 !important; }
}
</style></head>
<body style="margin:0;padding:0;background:${colours.paper};" class="page">
<div style="display:none;max-height:0;overflow:hidden;">${esc(content.preheader)}</div>
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="background:${colours.paper};" class="page"><tr><td align="center">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="max-width:600px;">
<tr><td class="wrap" style="padding:24px 20px;">
  <p style="margin:0 0 18px;padding-bottom:12px;border-bottom:3px solid ${colours.ink};font:700 26px/1.1 ${serif};"><a href="${esc(siteUrl)}/" style="color:${colours.ink};text-decoration:none;" class="ink">${site}</a></p>
  <p style="margin:0 0 6px;font:600 13px/1.4 ${sans};letter-spacing:.06em;text-transform:uppercase;color:${brand};">${esc(content.kicker)}</p>
  <h1 style="margin:0 0 16px;font:700 30px/1.2 ${serif};color:${colours.ink};" class="ink">${esc(content.heading)}</h1>
  ${intro}${action}
  <table role="presentation" width="100%" cellpadding="0" cellspacing="0">${stories}</table>
</td></tr>
<tr><td class="foot wrap" style="padding:20px;background:${colours.soft};font:400 13px/1.6 ${sans};color:${colours.muted};">
  <span class="muted">${esc(content.reason)}<br />${links}<a href="${esc(siteUrl)}/" style="color:${colours.muted};">${site}</a> · ${esc(siteUrl.replace(/^https?:\/\//, ''))}</span>
</td></tr>
</table></td></tr></table>
</body></html>`;
  const text = [
    settings.title,
    '',
    content.kicker.toUpperCase(),
    content.heading,
    '',
    ...content.intro.flatMap((p) => [p, '']),
    ...(content.action ? [`${content.action.label}:`, content.action.url, ''] : []),
    ...content.stories.flatMap((s) => [`${s.section.toUpperCase()}: ${s.title}`, ...(s.dek ? [s.dek] : []), s.url, '']),
    '--',
    content.reason,
    ...(content.footerLinks ? [`Manage your newsletters: ${preferencesPlaceholder}`, `Unsubscribe: ${unsubscribePlaceholder}`] : []),
    `${settings.title}: ${siteUrl}/`,
  ].join('\n');
  return { subject: content.subject, html, text };
}

/** Fills in one reader's links. */
export function personalise(body: string, links: { preferences: string; unsubscribe: string }, html: boolean): string {
  const p = html ? esc(links.preferences) : links.preferences;
  const u = html ? esc(links.unsubscribe) : links.unsubscribe;
  return body.split(preferencesPlaceholder).join(p).split(unsubscribePlaceholder).join(u);
}

/** Every http(s) link in a plain-text message, in order, for the log when mail is only stored. */
export function linksIn(text: string): string[] {
  return [...new Set(text.match(/https?:\/\/[^\s<>"]+/g) ?? [])];
}
