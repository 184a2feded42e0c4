/** The producer webview's requests as the host validates them: encodings accepted, anything else refused. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { emptyDraft, parseDraft, producerProtocol } from '../../../src/webviews/producer/protocol';

const parseSend = producerProtocol.commands.send.parse;

const base = emptyDraft();

describe('producer webview protocol', () => {
  test('accepts a draft with base64 and text encodings; text is written as absent', () => {
    const draft = {
      ...base,
      key: 'AAEC',
      keyEncoding: 'base64',
      value: '/wD+AQ==',
      valueEncoding: 'base64',
      headers: [
        { key: 'bin', value: '3q2+7w==', encoding: 'base64' },
        { key: 'type', value: 'order', encoding: 'text' },
        { key: 'old', value: 'no encoding' },
      ],
    };
    // As sent, except that the explicit 'text' is dropped.
    const [bin, , old] = draft.headers;
    assert.deepEqual(parseSend({ draft }), {
      draft: { ...draft, headers: [bin, { key: 'type', value: 'order' }, old] },
    });
    // Explicit text equals absent (drafts saved before encodings existed parse the same).
    assert.deepEqual(parseDraft({ ...base, keyEncoding: 'text', valueEncoding: 'text' }), base);
  });

  test('refuses unknown encodings anywhere', () => {
    for (const bad of [
      { ...base, keyEncoding: 'hex' },
      { ...base, valueEncoding: 'BASE64' },
      { ...base, valueEncoding: null },
      { ...base, valueEncoding: 1 },
      { ...base, headers: [{ key: 'h', value: 'x', encoding: 'utf16' }] },
      { ...base, headers: [{ key: 'h', value: 'x', encoding: null }] },
    ])
      assert.equal(parseSend({ draft: bad }), undefined, JSON.stringify(bad));
  });

  test('a base64 field may be 4/3 as long as a text one (the same bytes either way)', () => {
    const long = 'A'.repeat(1_200_000);
    assert.equal(parseDraft({ ...base, value: long }), undefined);
    assert.ok(parseDraft({ ...base, value: long, valueEncoding: 'base64' }));
    assert.equal(parseDraft({ ...base, value: `${long}${long}`, valueEncoding: 'base64' }), undefined);
    const header = (value: string, encoding?: string) =>
      parseDraft({ ...base, headers: [{ key: 'h', value, encoding }] });
    assert.equal(header('A'.repeat(12_000)), undefined);
    assert.ok(header('A'.repeat(12_000), 'base64'));
  });

  test('leaves base64 validity to the host send (which names the field), not to parsing', () => {
    const parsed = parseDraft({ ...base, value: 'not base64!', valueEncoding: 'base64' });
    assert.deepEqual(parsed, { ...base, value: 'not base64!', valueEncoding: 'base64' });
  });
});
