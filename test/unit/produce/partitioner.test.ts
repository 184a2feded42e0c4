/**
 * The bulk path keeps kafkajs' partitioning: the engine's preparer puts every keyed message on the
 * partition kafkajs' DefaultPartitioner (murmur2 of the key) gives it, for many keys and partition
 * counts; keyless messages go round robin; a fixed partition stays.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Partitioners, type PartitionMetadata } from 'kafkajs';
import { preparer } from '../../../src/kafka/produce/prepare';

const metadata = (n: number): PartitionMetadata[] =>
  Array.from({ length: n }, (_, i) => ({
    partitionErrorCode: 0,
    partitionId: i,
    leader: 1,
    replicas: [1],
    isr: [1],
  }));

const partitionOf = (p: ReturnType<ReturnType<typeof preparer>>) => {
  if ('refused' in p) throw new Error(p.refused);
  return p.partition;
};

test('keyed messages land where kafkajs’ DefaultPartitioner puts them (text and binary keys)', () => {
  for (const count of [1, 3, 7, 12, 50]) {
    const partitions = metadata(count);
    const prepare = preparer('t', partitions, 1_000_000, undefined);
    const kafkajs = Partitioners.DefaultPartitioner();
    for (let i = 0; i < 5_000; i++) {
      const key = i % 2 ? `user-${i}-ü` : Buffer.from([i & 0xff, (i >> 8) & 0xff, 0, 0xff]);
      const expected = kafkajs({
        topic: 't',
        partitionMetadata: partitions,
        message: { key: typeof key === 'string' ? Buffer.from(key) : key, value: null },
      });
      assert.equal(partitionOf(prepare({ key, value: 'v', headers: [] })), expected, `key ${String(key)}, ${count}`);
    }
  }
});

test('keyless messages go round robin over every partition; a fixed partition stays', () => {
  const prepare = preparer('t', metadata(3), 1_000_000, undefined);
  const seen = new Map<number, number>();
  const message = { key: null, value: 'v', headers: [] };
  for (let i = 0; i < 300; i++) {
    const p = partitionOf(prepare(message));
    seen.set(p, (seen.get(p) ?? 0) + 1);
  }
  assert.deepEqual([...seen.entries()].sort(), [
    [0, 100],
    [1, 100],
    [2, 100],
  ]);
  assert.equal(partitionOf(prepare({ key: 'k', value: 'v', headers: [], partition: 2 })), 2);
});
