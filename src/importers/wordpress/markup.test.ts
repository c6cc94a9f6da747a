import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sanitizeBody } from '../../content/sanitize.js';
import { autop, convertPostBody, shortcodeAttributes, type AttachmentInfo } from './markup.js';

const attachments = new Map<string, AttachmentInfo>([
  ['7', { url: 'https://old.example/wp-content/uploads/a.jpg', alt: 'Boat', caption: 'A boat & a dock', parentId: '1' }],
  ['8', { url: 'https://old.example/wp-content/uploads/b.png', alt: '', caption: '', parentId: '1' }],
  ['9', { url: 'https://old.example/wp-content/uploads/c.png', alt: '', caption: '', parentId: '2' }],
]);
const convert = (content: string, postId = '1') => sanitizeBody(convertPostBody(content, { attachments, postId }));

describe('wpautop', () => {
  it('makes paragraphs from blank lines and <br> from single line breaks', () => {
    assert.equal(autop('One\ntwo\n\nThree'), '<p>One<br />\ntwo</p>\n<p>Three</p>');
  });
  it('leaves block elements and <pre> alone', () => {
    const out = autop('Intro\n<blockquote>Quoted</blockquote>\n<pre>a\n\nb</pre>\nEnd');
    assert.match(out, /^<p>Intro<\/p>\n<blockquote>Quoted<\/blockquote>\n<pre>a\n\nb<\/pre>\n<p>End<\/p>$/);
  });
  it('gives nothing for an empty body', () => {
    assert.equal(autop('  \n '), '');
    assert.equal(convert(''), '');
  });
});

describe('shortcodes', () => {
  it('reads quoted, single-quoted, bare and positional attributes', () => {
    assert.deepEqual(shortcodeAttributes(` id="attachment_5" align='left' width=300 "https://x.example"`), {
      id: 'attachment_5', align: 'left', width: '300', '0': 'https://x.example',
    });
  });
  it('turns [caption] into a figure with a figcaption', () => {
    const out = convert('[caption id="attachment_7" width="300"]<a href="https://old.example/a"><img src="https://old.example/a.jpg" alt="Boat" /></a> The boat at <em>dawn</em>[/caption]');
    assert.match(out, /^<figure class="image"><a href="https:\/\/old.example\/a" rel="noopener"><img src="https:\/\/old.example\/a.jpg" alt="Boat" \/><\/a>\s*<figcaption>The boat at <em>dawn<\/em><\/figcaption>\s*<\/figure>$/);
  });
  it('lays out [gallery ids] and a gallery of the post’s own attachments', () => {
    const listed = convert('[gallery ids="8,7"]');
    assert.ok(listed.indexOf('b.png') < listed.indexOf('a.jpg'), 'keeps the listed order');
    assert.match(listed, /<figcaption>A boat &amp; a dock<\/figcaption>/);
    const own = convert('[gallery]', '2');
    assert.match(own, /c\.png/);
    assert.doesNotMatch(own, /a\.jpg/);
  });
  it('makes embeds of [embed], [audio], [video] and a known provider URL alone on its line', () => {
    const out = convert('[embed]https://vimeo.com/1[/embed]\n\nhttps://youtu.be/xyz\n\n[audio mp3="https://old.example/a.mp3"][/audio]\n\n[video src="https://old.example/v.mp4"]\n\nhttps://example.org/not-a-provider');
    assert.match(out, /<figure class="embed" data-embed-url="https:\/\/vimeo.com\/1" data-embed-provider="vimeo">/);
    assert.match(out, /data-embed-url="https:\/\/youtu.be\/xyz" data-embed-provider="youtube"/);
    assert.match(out, /data-embed-provider="audio"><a href="https:\/\/old.example\/a.mp3" rel="noopener">Listen: a.mp3<\/a>/);
    assert.match(out, /data-embed-provider="video"><a href="https:\/\/old.example\/v.mp4" rel="noopener">Watch: v.mp4<\/a>/);
    assert.match(out, /<p>https:\/\/example.org\/not-a-provider<\/p>/);
  });
  it('keeps [[escaped]] shortcodes as text and drops embeds of non-web URLs', () => {
    assert.equal(convert('Type [[gallery]] to show one.'), '<p>Type [gallery] to show one.</p>');
    assert.doesNotMatch(convert('[embed]javascript:alert(1)[/embed]'), /javascript/);
  });
});

describe('block editor markup', () => {
  it('drops block delimiters, keeps their HTML and maps block classes', () => {
    const out = convert('<!-- wp:paragraph -->\n<p>Hello</p>\n<!-- /wp:paragraph -->\n\n<!-- wp:image {"id":7} -->\n<figure class="wp-block-image size-large"><img src="https://old.example/a.jpg" alt="Boat"/><figcaption>Cap</figcaption></figure>\n<!-- /wp:image -->');
    assert.doesNotMatch(out, /wp:/);
    assert.match(out, /^<p>Hello<\/p>/);
    assert.match(out, /<figure class="image"><img src="https:\/\/old.example\/a.jpg" alt="Boat" \/><figcaption>Cap<\/figcaption><\/figure>/);
  });
  it('turns embed blocks (self-closing, core-embed and wrapped) and video blocks into embed figures', () => {
    const out = convert('<!-- wp:core-embed/youtube {"url":"https://youtu.be/a"} /-->\n<!-- wp:embed {"url":"https://twitter.com/x/status/1","providerNameSlug":"twitter"} -->\n<figure class="wp-block-embed"><div class="wp-block-embed__wrapper">https://twitter.com/x/status/1</div></figure>\n<!-- /wp:embed -->\n<!-- wp:video -->\n<figure class="wp-block-video"><video controls src="https://old.example/v.mp4"></video></figure>\n<!-- /wp:video -->');
    assert.match(out, /data-embed-url="https:\/\/youtu.be\/a" data-embed-provider="youtube"/);
    assert.match(out, /data-embed-url="https:\/\/twitter.com\/x\/status\/1" data-embed-provider="twitter"/);
    assert.match(out, /data-embed-provider="video"/);
    assert.equal(out.match(/<figure/g)?.length, 3, 'no nested or leftover figures');
  });
  it('does not let script or event handlers through', () => {
    const out = convert('<script>alert(1)</script><p onclick="x()">Safe <img src="x" onerror="alert(2)"></p>');
    assert.doesNotMatch(out, /script|onclick|onerror|alert/);
    assert.match(out, /Safe/);
  });
});
