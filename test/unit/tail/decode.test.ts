import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { detectFormat, formatBytes } from '../../../src/kafka/tail/decode';
import { ndjsonLines, recordToJson } from '../../../src/kafka/tail/messageJson';
import type { TailRecord } from '../../../src/kafka/tail/types';

describe('tail decoding', () => {
  test('detects JSON, text and binary', () => {
    assert.equal(detectFormat(Buffer.from('{"a":1}')), 'json');
    assert.equal(detectFormat(Buffer.from('hello')), 'text');
    assert.equal(detectFormat(Buffer.from([0xff, 0x00, 0x10])), 'hex');
  });

  test('renders a value in each format', () => {
    const b = Buffer.from('{"a":1}');
    assert.deepEqual(formatBytes(b, 'auto'), { text: '{"a":1}', format: 'json' });
    assert.equal(formatBytes(b, 'json', true).text, '{\n  "a": 1\n}');
    assert.equal(formatBytes(b, 'hex').text, '7b 22 61 22 3a 31 7d');
    assert.equal(formatBytes(b, 'base64').text, 'eyJhIjoxfQ==');
    assert.deepEqual(formatBytes(null, 'auto'), { text: null, format: 'text' });
  });

  test('a record as JSON: JSON values embedded, binary as marked base64; NDJSON one per line', () => {
    const r: TailRecord = {
      seq: 0,
      partition: 2,
      offset: '7',
      timestamp: 0,
      key: Buffer.from([0xff, 0xfe]),
      value: Buffer.from('{"x":[1,2]}'),
      headers: [{ key: 'h', value: Buffer.from('v') }],
      size: 14,
    };
    const j = recordToJson('t', r);
    assert.deepEqual(j.value, { x: [1, 2] });
    assert.equal(j.key, '//4=');
    assert.equal(j.keyEncoding, 'base64');
    assert.deepEqual(j.headers, [{ key: 'h', value: 'v' }]);
    const lines = [...ndjsonLines('t', [r, r])];
    assert.equal(lines.length, 2);
    assert.ok(lines.every((l) => l.endsWith('\n') && !l.slice(0, -1).includes('\n')));
    assert.deepEqual(JSON.parse(lines[0]), JSON.parse(JSON.stringify(j)));
  });
});
