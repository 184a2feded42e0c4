/** Client-side size accounting counts the bytes actually sent: UTF-8 of text, the length of a Buffer. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { recordSize } from '../../../src/kafka/produce/size';

describe('record size', () => {
  test('counts Buffer bytes and UTF-8 bytes of text alike', () => {
    const empty = recordSize({ key: null, value: null, headers: [] });
    assert.equal(recordSize({ key: null, value: Buffer.alloc(1000), headers: [] }) - empty, 1000);
    assert.equal(recordSize({ key: Buffer.from([0xff, 0x00]), value: null, headers: [] }) - empty, 2);
    // '✓' is 3 bytes in UTF-8; its base64 text would have been 4 characters.
    assert.equal(recordSize({ key: null, value: '✓', headers: [] }) - empty, 3);
    const withHeader = (value: string | Buffer) =>
      recordSize({ key: null, value: null, headers: [{ key: 'h', value }] });
    assert.equal(withHeader(Buffer.from([0xde, 0xad, 0xbe, 0xef])) - withHeader(''), 4);
    assert.equal(withHeader('abcd'), withHeader(Buffer.from('abcd')));
  });
});
