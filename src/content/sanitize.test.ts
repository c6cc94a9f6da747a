import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { storiesA } from '../demo/content/stories-a.js';
import { storiesB } from '../demo/content/stories-b.js';
import { htmlToText, sanitizeBody, wordCount } from './sanitize.js';

/** The slow, parsing definition the fast count must agree with. */
function parsedCount(html: string): number {
  const text = htmlToText(html);
  return text ? text.split(' ').length : 0;
}

describe('wordCount', () => {
  it('counts every demo story body exactly as splitting its parsed text does', () => {
    const bodies = [...storiesA, ...storiesB].map((story) => sanitizeBody(story.body));
    assert.ok(bodies.length >= 40);
    for (const body of bodies) assert.equal(wordCount(body), parsedCount(body));
  });

  it('separates words at block boundaries, joins them across inline tags, and reads entities as text', () => {
    const cases = [
      '<p>One</p><p>two</p>',
      '<p>un<em>broken</em> word</p>',
      '<p>line<br>break</p>',
      '<figure class="quote"><blockquote><p>Said it.</p></blockquote><figcaption><cite>Someone</cite></figcaption></figure>',
      '<p>a&nbsp;b &amp; c&#160;d</p>',
      '<ul><li>first</li><li>second</li></ul>',
      '',
      '<p>   </p>',
      '<p>shown</p><script>hidden words here</script><p>too</p>',
    ];
    for (const html of cases) assert.equal(wordCount(html), parsedCount(html), html);
    assert.equal(wordCount('<p>un<em>broken</em> word</p>'), 2);
    assert.equal(wordCount('<p>shown</p><script>hidden words here</script><p>too</p>'), 2);
  });
});
