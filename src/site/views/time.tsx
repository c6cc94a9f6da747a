/** A published time: absolute in the site's zone with the zone named, or "2 hours ago" while the story is fresh. */
import { formatDate, formatDateTime, freshForMs, relativeAge } from './format.js';

/**
 * `<time datetime>` whose title is always the full time with its zone ("6 December 2026, 14:05 CET"). A story under
 * a day old is marked data-relative: the server writes whole hours ago (see relativeAge), the site script rewrites it
 * on load and every minute ("5 minutes ago") and puts back `data-absolute` once the story is a day old, so a cached
 * page corrects itself. Without the script a reader sees at most an hour-step phrase, or the absolute time.
 */
export function PublishedTime(props: { iso: string; /** 'date' on cards, 'datetime' on the story page. */ format: 'date' | 'datetime'; now?: number }) {
  const now = props.now ?? Date.now();
  const full = formatDateTime(props.iso);
  const absolute = props.format === 'date' ? formatDate(props.iso) : full;
  const fresh = now - new Date(props.iso).getTime() < freshForMs;
  const relative = fresh ? relativeAge(props.iso, now) : null;
  return (
    <time dateTime={props.iso} title={full} data-relative={fresh ? '' : undefined} data-absolute={fresh ? absolute : undefined}>
      {relative ?? absolute}
    </time>
  );
}
