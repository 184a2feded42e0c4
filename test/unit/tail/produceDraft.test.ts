/**
 * "Produce again…": a consumed record as a producer draft. Binary fields travel as the base64 of
 * their exact bytes (marked base64) and decode back to those bytes; text stays text, null stays null.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { recordToDraft } from '../../../src/kafka/tail/messageJson';
import type { TailRecord } from '../../../src/kafka/tail/types';
import { panelMessageDraft } from '../../../src/features/produce/send/panelDraft';
import { emptyDraft } from '../../../src/webviews/producer/protocol';

const BINARY = Buffer.from([0xff, 0x00, 0xfe, 0x01]);

function record(fields: Partial<TailRecord>): TailRecord {
  return {
    seq: 0,
    partition: 3,
    offset: '42',
    timestamp: 1_700_000_000_000,
    key: null,
    value: null,
    headers: [],
    size: 0,
    ...fields,
  };
}

describe('a record as a producer draft', () => {
  test('a binary value becomes its base64, marked base64', () => {
    const d = recordToDraft(record({ key: Buffer.from('order-1'), value: BINARY }), false);
    assert.deepEqual(d, { key: 'order-1', value: '/wD+AQ==', valueEncoding: 'base64', headers: [] });
  });

  test('a binary key becomes its base64, marked base64; a JSON value stays its text, unparsed', () => {
    const d = recordToDraft(record({ key: BINARY, value: Buffer.from('{"a": 1}') }), false);
    assert.deepEqual(d, { key: '/wD+AQ==', keyEncoding: 'base64', value: '{"a": 1}', headers: [] });
  });

  test('a binary header value becomes its base64, marked base64; text headers stay text', () => {
    const d = recordToDraft(
      record({
        value: Buffer.from('v'),
        headers: [
          { key: 'bin', value: Buffer.from([0xde, 0xad, 0xbe, 0xef]) },
          { key: 'type', value: Buffer.from('order') },
        ],
      }),
      false,
    );
    assert.deepEqual(d.headers, [
      { key: 'bin', value: '3q2+7w==', encoding: 'base64' },
      { key: 'type', value: 'order' },
    ]);
  });

  test('text stays text (unicode included) and carries no encoding', () => {
    const d = recordToDraft(
      record({
        key: Buffer.from('k ✓'),
        value: Buffer.from('plain text ✓'),
        headers: [{ key: 'h', value: Buffer.from('x') }],
      }),
      false,
    );
    assert.deepEqual(d, { key: 'k ✓', value: 'plain text ✓', headers: [{ key: 'h', value: 'x' }] });
  });

  test('a null key and value stay null; a header without a value becomes an empty text one', () => {
    const d = recordToDraft(record({ headers: [{ key: 'empty', value: null }] }), false);
    assert.deepEqual(d, { key: null, value: null, headers: [{ key: 'empty', value: '' }] });
  });

  test("the record's partition is kept only when asked (same topic)", () => {
    assert.equal(recordToDraft(record({}), true).partition, 3);
    assert.equal('partition' in recordToDraft(record({}), false), false);
  });

  test('text that looks like a template travels as base64, so it is sent verbatim, not rendered', () => {
    const d = recordToDraft(record({ value: Buffer.from('{"id": "{{uuid}}"}'), key: Buffer.from('k') }), false);
    assert.deepEqual(d, {
      key: 'k',
      value: Buffer.from('{"id": "{{uuid}}"}').toString('base64'),
      valueEncoding: 'base64',
      headers: [],
    });
    const m = panelMessageDraft({ ...emptyDraft(), ...d, partition: null });
    assert.deepEqual(m.value, Buffer.from('{"id": "{{uuid}}"}'));
  });

  test('the draft decodes back to exactly the bytes of the record', () => {
    const r = record({
      key: Buffer.from([0x00, 0x01, 0x02]),
      value: BINARY,
      headers: [
        { key: 'bin', value: Buffer.from([0x80]) },
        { key: 'txt', value: Buffer.from('t') },
      ],
    });
    const d = recordToDraft(r, true);
    const m = panelMessageDraft({ ...emptyDraft(), ...d, partition: d.partition ?? null });
    assert.deepEqual(m.key, r.key);
    assert.deepEqual(m.value, BINARY);
    assert.deepEqual(m.headers, [
      { key: 'bin', value: Buffer.from([0x80]) },
      { key: 'txt', value: 't' },
    ]);
    assert.equal(m.partition, 3);
  });
});
