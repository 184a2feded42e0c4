/**
 * Lazy decoding: the buffer keeps the raw bytes a message arrived with; a row is decoded only when
 * the panel asks for it, so a format switched afterwards shows the same bytes in the new format.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { toRow } from '../../../src/features/tail/tailPanelRows';
import { TailBuffer } from '../../../src/kafka/tail/buffer';
import { compileFilter } from '../../../src/kafka/tail/filter';
import type { TailColumn, TailFormatChoice } from '../../../src/webviews/tail/protocol';

describe('tail rows are decoded from the kept bytes when shown', () => {
  const value = Buffer.from('{"id":7,"item":"book"}');
  const key = Buffer.from([0xff, 0x00, 0x41]);
  const buffer = new TailBuffer(10);
  buffer.push([
    {
      partition: 0,
      offset: '5',
      timestamp: 0,
      key,
      value,
      headers: [{ key: 'type', value: Buffer.from('order') }],
      size: 30,
    },
  ]);
  const formats = (f: Partial<Record<TailColumn, TailFormatChoice>>): Record<TailColumn, TailFormatChoice> => ({
    key: 'auto',
    value: 'auto',
    headers: 'auto',
    ...f,
  });

  test('the buffer holds the bytes as received, nothing decoded', () => {
    const r = buffer.at(0)!;
    assert.equal(r.value, value, 'the very Buffer received');
    assert.equal(r.key, key);
    assert.deepEqual(Object.keys(r).sort(), [
      'headers',
      'key',
      'offset',
      'partition',
      'seq',
      'size',
      'timestamp',
      'value',
    ]);
  });

  test('auto shows JSON and binary as hex; switching formats afterwards renders the same bytes anew', () => {
    const r = buffer.at(0)!;
    const auto = toRow(0, r, formats({}));
    assert.deepEqual([auto.value.text, auto.value.format], ['{"id":7,"item":"book"}', 'json']);
    assert.deepEqual([auto.key.text, auto.key.format], ['ff 00 41', 'hex']);
    const switched = toRow(0, r, formats({ value: 'hex', key: 'base64', headers: 'hex' }));
    assert.equal(switched.value.text, value.toString('hex').replace(/(..)(?!$)/g, '$1 '));
    assert.deepEqual([switched.key.text, switched.key.format], ['/wBB', 'base64']);
    assert.equal(switched.headers.text, 'type=6f 72 64 65 72');
    const back = toRow(0, r, formats({ value: 'text' }));
    assert.deepEqual([back.value.text, back.value.format], ['{"id":7,"item":"book"}', 'text']);
  });

  test('a filter over the record leaves its bytes and its rows as they were', () => {
    const f = compileFilter({ text: 'BOOK', cel: 'value.id == 7.0' });
    assert.ok(f.ok);
    buffer.setFilter(f.predicate);
    assert.equal(buffer.viewSize, 1);
    const r = buffer.at(0)!;
    assert.equal(r.value, value);
    assert.equal(toRow(0, r, formats({ value: 'base64' })).value.text, value.toString('base64'));
  });
});
