import assert from 'node:assert/strict';
import { test } from 'node:test';
import { simpleParser } from 'mailparser';
import { preferencesPlaceholder, unsubscribePlaceholder } from './mail-render.js';
import { buildTemplate, personalMessage, quotedPrintable } from './mime.js';

test('quoted-printable keeps lines within 76 characters and encodes what it must', () => {
  const encoded = quotedPrintable(`${'a'.repeat(200)} = café \n\ttrailing space `);
  for (const line of encoded.split('\r\n')) assert.ok(line.length <= 76, `line of ${line.length}: ${line}`);
  assert.match(encoded, /=3D/);
  assert.match(encoded, /caf=C3=A9/);
  assert.match(encoded, /space=20$/);
});

test('one template, many readers: each copy parses with its own links, headers and an unchanged body', async () => {
  const long = 'A paragraph long enough to be wrapped several times by the encoder, with “curly quotes” and ümlauts. '.repeat(5);
  const html = `<p>${long}</p><p><a href="${preferencesPlaceholder}">Manage</a> · <a href="${unsubscribePlaceholder}">Unsubscribe</a></p>`;
  const text = `${long}\nManage: ${preferencesPlaceholder}\nUnsubscribe: ${unsubscribePlaceholder}\n`;
  const template = buildTemplate({
    from: 'Le Café du Matin <news@example.test>', replyTo: 'desk@example.test', subject: 'Les nouvelles — édition du 6 décembre, with a subject long enough to fold',
    html, text, listId: '<weekly.example.test>', host: 'example.test',
  });
  const copies = await Promise.all([1, 2].map(async (n) => {
    const preferences = `https://example.test/newsletters/preferences?s=${n}&t=${'x'.repeat(32)}`;
    const unsubscribe = `https://example.test/newsletters/unsubscribe?s=${n}&t=${'y'.repeat(32)}&l=weekly`;
    const raw = await personalMessage(template, { to: `reader${n}@example.test`, outboxId: 100 + n, preferences, unsubscribe, headers: { 'List-Unsubscribe': `<${unsubscribe}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' } }, 'secret');
    for (const line of raw.toString('latin1').split('\r\n')) assert.ok(line.length <= 998);
    return { parsed: await simpleParser(raw), preferences, unsubscribe, n };
  }));
  for (const { parsed, preferences, unsubscribe, n } of copies) {
    assert.equal(parsed.subject, 'Les nouvelles — édition du 6 décembre, with a subject long enough to fold');
    assert.equal(parsed.from?.value[0]?.name, 'Le Café du Matin');
    assert.equal(parsed.from?.value[0]?.address, 'news@example.test');
    assert.equal((parsed.to as { text: string }).text, `reader${n}@example.test`);
    const line = (key: string) => parsed.headerLines.find((h) => h.key === key)?.line;
    assert.equal(line('list-id'), 'List-Id: <weekly.example.test>');
    assert.equal(line('list-unsubscribe'), `List-Unsubscribe: <${unsubscribe}>`);
    assert.equal(line('list-unsubscribe-post'), 'List-Unsubscribe-Post: List-Unsubscribe=One-Click');
    assert.equal(parsed.text, text.replace(preferencesPlaceholder, preferences).replace(unsubscribePlaceholder, unsubscribe));
    assert.equal(parsed.html, html.replace(preferencesPlaceholder, preferences.replace(/&/g, '&amp;')).replace(unsubscribePlaceholder, unsubscribe.replace(/&/g, '&amp;')));
    assert.match(parsed.messageId ?? '', new RegExp(`^<${100 + n}\\.[0-9a-f]{16}@example\\.test>$`));
  }
  assert.notEqual(copies[0]!.parsed.messageId, copies[1]!.parsed.messageId);
});
