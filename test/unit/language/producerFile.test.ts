import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { blockDraft, jsonProblem, parseProducerFile } from '../../../src/language/producerFile/index';
import { BROKEN, GOOD } from './fixtures';

describe('producer file parser', () => {
  it('reads topic, key, headers, partition, repeat and value of each block', () => {
    const file = parseProducerFile(GOOD);
    assert.equal(file.blocks.length, 2);
    const [a, b] = file.blocks.map((x) => blockDraft(x));
    assert.deepEqual(a, {
      topic: 'orders',
      key: 'order-{{seq}}',
      value: '{"id": "{{uuid}}", "n": {{seq}}, "name": "{{faker.person.firstName}}"}',
      headers: [{ key: 'Content-Type', value: 'application/json' }],
      partition: undefined,
      timestamp: undefined,
      repeat: 3,
    });
    assert.deepEqual(b, {
      topic: 'payments',
      key: null,
      value: 'plain text value',
      headers: [{ key: 'X-Source', value: 'file' }],
      partition: 2,
      timestamp: undefined,
      repeat: 1,
    });
    assert.equal(file.blocks[0].anchorLine, 1);
    assert.equal(file.blocks[1].anchorLine, 9);
    assert.equal(file.blocks[1].title, 'a fixed partition');
  });

  it('collects problems of broken blocks without throwing', () => {
    const file = parseProducerFile(BROKEN);
    assert.equal(file.blocks.length, 3);
    assert.match(file.blocks[0].problems[0].message, /no `PRODUCE <topic>`/);
    assert.match(file.blocks[1].problems[0].message, /Partition: a whole number/);
    assert.equal(file.blocks[1].problems[0].span.line, 6);
  });

  it('a block without a value is a tombstone (null value)', () => {
    const file = parseProducerFile('PRODUCE t\nKey: gone\n');
    assert.equal(blockDraft(file.blocks[0])?.value, null);
  });

  it('checks JSON with templates standing for values', () => {
    assert.equal(jsonProblem('{"n": {{seq}}, "s": "{{uuid}}"}'), undefined);
    assert.ok(jsonProblem('{"a": 1,}'));
  });

  it('points at the offending character even when JSON.parse names no position', () => {
    // V8: "Unexpected token '}', "{"broken": }" is not valid JSON" (no position in the message).
    assert.equal(jsonProblem('{"broken": }')?.offset, 11);
    assert.equal(jsonProblem('{\n  "a": 1,\n  "b": ]\n}')?.offset, 19);
    assert.equal(jsonProblem('{"n": {{seq}}, "x": }')?.offset, 20);
    assert.equal(jsonProblem('{"a" 1}')?.offset, 5);
  });

  it('ignores a file of only comments', () => {
    assert.equal(parseProducerFile('# nothing\n// here\n').blocks.length, 0);
  });
});
