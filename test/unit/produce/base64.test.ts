/**
 * Strict base64 for the producer's binary fields: only the alphabet with correct padding (whitespace
 * ignored), and a field that is not strict base64 refuses the send naming the field.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, test } from 'node:test';
import { checkBase64 } from '../../../src/shared/base64';
import { decodeBase64Field, panelMessageDraft, panelSendRequest } from '../../../src/features/produce/send/panelDraft';
import { UserError } from '../../../src/shared/errors';
import { base64Problems, emptyDraft, type PanelDraft } from '../../../src/webviews/producer/protocol';
import type { ClusterRef } from '../../../src/services/clusterModel';

const cluster: ClusterRef = { key: 'manual:x', name: 'x', source: 'manual', type: 'SELF_MANAGED', authModes: [] };

describe('strict base64', () => {
  test('accepts the empty text, padded groups and whitespace-wrapped text', () => {
    assert.deepEqual(checkBase64(''), { ok: true, bytes: 0, text: '' });
    assert.deepEqual(checkBase64('AP8='), { ok: true, bytes: 2, text: 'AP8=' });
    assert.deepEqual(checkBase64('/wD+AQ=='), { ok: true, bytes: 4, text: '/wD+AQ==' });
    assert.deepEqual(checkBase64('  AP8=\n'), { ok: true, bytes: 2, text: 'AP8=' });
    assert.deepEqual(checkBase64('3q2+\r\n 7w=='), { ok: true, bytes: 4, text: '3q2+7w==' });
  });

  test('refuses what Node would decode leniently', () => {
    for (const bad of [
      'abc', // not a group of 4
      'AP8', // padding missing
      'a=bc', // = inside
      'A===', // too much padding
      'AP8=AP8=', // padding in the middle
      'AP-8', // base64url, not base64
      'AP_8',
      'AP8%',
      'aGk*', // not in the alphabet
      'AB==', // bits after the last byte are not zero (would decode to 0x00 and re-encode as AA==)
      'AP9=',
    ]) {
      const check = checkBase64(bad);
      assert.equal(check.ok, false, bad);
      // …where Node's decoder alone would have produced some bytes without complaint.
      assert.doesNotThrow(() => Buffer.from(bad, 'base64'));
    }
    const stray = checkBase64('AP8%');
    assert.ok(!stray.ok && stray.problem.includes('"%" is not a base64 character'), JSON.stringify(stray));
  });

  test('agrees with Node on every valid encoding (random bytes, every length mod 3)', () => {
    for (let n = 0; n < 64; n++) {
      const bytes = randomBytes(n);
      const text = bytes.toString('base64');
      const check = checkBase64(text);
      assert.deepEqual(check, { ok: true, bytes: n, text });
      assert.deepEqual(decodeBase64Field(text, { kind: 'value' }), bytes);
    }
  });
});

describe('a panel draft as messages', () => {
  const draft = (d: Partial<PanelDraft>): PanelDraft => ({ ...emptyDraft(), ...d });

  test('base64 fields become their exact bytes; text fields stay text (templates left to render)', () => {
    const m = panelMessageDraft(
      draft({
        key: 'AAEC',
        keyEncoding: 'base64',
        value: ' /wD+\nAQ== ',
        valueEncoding: 'base64',
        headers: [
          { key: 'bin', value: '3q2+7w==', encoding: 'base64' },
          { key: 'seq', value: 'n-{{seq}}' },
        ],
        partition: 1,
      }),
    );
    assert.deepEqual(m, {
      key: Buffer.from([0x00, 0x01, 0x02]),
      value: Buffer.from([0xff, 0x00, 0xfe, 0x01]),
      headers: [
        { key: 'bin', value: Buffer.from([0xde, 0xad, 0xbe, 0xef]) },
        { key: 'seq', value: 'n-{{seq}}' },
      ],
      partition: 1,
    });
  });

  test('text that looks like base64 is sent as text when its field is text', () => {
    const m = panelMessageDraft(draft({ key: 'AAEC', value: '/wD+AQ==' }));
    assert.equal(m.key, 'AAEC');
    assert.equal(m.value, '/wD+AQ==');
  });

  test('an empty base64 value is zero bytes; a null key stays null', () => {
    const m = panelMessageDraft(draft({ key: null, keyEncoding: 'base64', value: '', valueEncoding: 'base64' }));
    assert.equal(m.key, null);
    assert.deepEqual(m.value, Buffer.alloc(0));
  });

  test('an invalid base64 field refuses the send, naming the field (every bad one)', () => {
    const bad = draft({
      key: 'abc',
      keyEncoding: 'base64',
      value: 'AP8=',
      valueEncoding: 'base64',
      headers: [
        { key: 'ok', value: 'AP8=', encoding: 'base64' },
        { key: 'trace', value: 'a=bc', encoding: 'base64' },
      ],
    });
    assert.deepEqual(
      base64Problems(bad).map((p) => p.field),
      [{ kind: 'key' }, { kind: 'header', index: 1, name: 'trace' }],
    );
    assert.throws(
      () => panelSendRequest(cluster, 'orders', bad, true),
      (e: unknown) =>
        e instanceof UserError &&
        e.code === 'InvalidBase64' &&
        /^Key is not valid base64: 3 characters/.test(e.message) &&
        e.message.includes('Header "trace" (2) is not valid base64') &&
        !e.message.includes('Value') &&
        typeof e.hint === 'string',
    );
    assert.throws(
      () => panelMessageDraft(draft({ value: '/wD+AQ', valueEncoding: 'base64' })),
      /Value is not valid base64/,
    );
  });

  test('the send request carries count, acks, compression and idempotence (only with acks=all)', () => {
    const r = panelSendRequest(cluster, 'orders', draft({ value: 'x', count: 3, acks: 1, compression: 'gzip' }), true);
    assert.equal(r.topic, 'orders');
    assert.equal(r.count, 3);
    assert.deepEqual(r.options, { acks: 1, compression: 'gzip', idempotent: false });
    assert.equal(panelSendRequest(cluster, 'orders', draft({}), true).options.idempotent, true);
  });
});
