/**
 * Share links for a story: plain addresses of each service's own share page, so the story page loads nothing from
 * them (no widgets, no counters, no scripts). The copy and share buttons need the site script; they are rendered
 * hidden and shown by it (the share button only where navigator.share exists).
 */
export function ShareLinks(props: { url: string; title: string }) {
  const u = encodeURIComponent(props.url);
  const t = encodeURIComponent(props.title);
  const links: { name: string; href: string }[] = [
    { name: 'E-mail', href: `mailto:?subject=${t}&body=${encodeURIComponent(`${props.title}\n\n${props.url}`)}` },
    { name: 'Bluesky', href: `https://bsky.app/intent/compose?text=${encodeURIComponent(`${props.title} ${props.url}`)}` },
    { name: 'X', href: `https://x.com/intent/post?text=${t}&url=${u}` },
    { name: 'Facebook', href: `https://www.facebook.com/sharer/sharer.php?u=${u}` },
    { name: 'LinkedIn', href: `https://www.linkedin.com/sharing/share-offsite/?url=${u}` },
  ];
  return (
    <nav class="share" aria-label="Share this story" data-share-url={props.url} data-share-title={props.title}>
      <span class="share-label" aria-hidden="true">Share</span>
      <ul>
        <li hidden data-share-native><button type="button" class="share-button">Share…</button></li>
        {links.map((l) => (
          <li><a href={l.href} rel="noopener noreferrer nofollow" class="share-link">{l.name}<span class="visually-hidden"> (share this story)</span></a></li>
        ))}
        <li hidden data-share-copy><button type="button" class="share-button">Copy link</button><span class="share-status" role="status" /></li>
      </ul>
    </nav>
  );
}
