/** The HTML a feed item carries: the featured image as a figure, then the stored body with every link and image made absolute. */
import { DomUtils, parseDocument } from 'htmlparser2';
import { renderToString } from 'preact-render-to-string';
import type { MediaView } from '../content/queries.js';
import { mediaPath } from '../content/urls.js';

function absolute(value: string, siteUrl: string): string {
  try {
    return new URL(value, `${siteUrl}/`).href;
  } catch {
    return value;
  }
}

function absoluteSrcset(value: string, siteUrl: string): string {
  return value
    .split(',')
    .map((candidate) => {
      const [url = '', ...descriptor] = candidate.trim().split(/\s+/);
      return [absolute(url, siteUrl), ...descriptor].join(' ');
    })
    .join(', ');
}

const urlAttributes = ['href', 'src', 'cite'];

/** Feed readers show items away from the site, so a path like /media/x.jpg must carry the site's origin. */
export function withAbsoluteUrls(bodyHtml: string, siteUrl: string): string {
  const document = parseDocument(bodyHtml);
  for (const element of DomUtils.findAll(() => true, document.children)) {
    for (const name of urlAttributes) {
      const value = element.attribs[name];
      if (value) element.attribs[name] = absolute(value, siteUrl);
    }
    const srcset = element.attribs.srcset;
    if (srcset) element.attribs.srcset = absoluteSrcset(srcset, siteUrl);
  }
  return DomUtils.getOuterHTML(document.children, { encodeEntities: 'utf8' });
}

export function imageUrl(image: MediaView, siteUrl: string): string {
  return absolute(mediaPath(image.path), siteUrl);
}

function FeaturedImage(props: { image: MediaView; siteUrl: string }) {
  const { image } = props;
  const note = [image.caption, image.credit].filter(Boolean).join(' ');
  return (
    <figure>
      <img src={imageUrl(image, props.siteUrl)} alt={image.alt} width={image.width} height={image.height} />
      {note ? <figcaption>{note}</figcaption> : null}
    </figure>
  );
}

export function itemHtml(story: { bodyHtml: string; image: MediaView | null }, siteUrl: string): string {
  const figure = story.image ? renderToString(<FeaturedImage image={story.image} siteUrl={siteUrl} />) : '';
  return figure + withAbsoluteUrls(story.bodyHtml, siteUrl);
}
