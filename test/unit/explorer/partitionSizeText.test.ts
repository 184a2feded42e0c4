/** The sizes on disk partition and topic items show: only what brokers reported, never a guess. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  partitionSizeDescription,
  partitionSizeTooltip,
  topicSize,
  topicSizeText,
  topicSizeTooltip,
  type SizedPartitionRow,
} from '../../../src/features/explorer/tree/nodes/partitionSizeText';
import type { PartitionRow } from '../../../src/services/clusterModel';
import { formatSize } from '../../../src/services/partitionOps';
import { PagedList } from '../../../src/shared/pagedList';

const row = (partition: number, leader: number, sizes?: [number, number][], sizeNote?: string): SizedPartitionRow => ({
  partition,
  leader,
  replicas: [1, 2],
  isr: [1, 2],
  earliest: '0',
  latest: '10',
  ...(sizes ? { sizes: sizes.map(([broker, bytes]) => ({ broker, bytes })) } : {}),
  ...(sizeNote ? { sizeNote } : {}),
});

test("a partition shows its leader replica's size; the tooltip every replica's", () => {
  const p = row(0, 2, [
    [1, 1000],
    [2, 2048],
  ]);
  assert.equal(partitionSizeDescription(p), ' · 2.0 KiB');
  assert.deepEqual(partitionSizeTooltip(p), [
    'Size on disk (leader, broker 2): 2.0 KiB (2048 bytes)',
    'Replicas: broker 1 1000 B, broker 2 2.0 KiB',
  ]);
});

test('without the leader replica size there is no number, only the reason', () => {
  const p = row(0, 2, [[1, 1000]], 'Sizes on disk missing for some replicas — broker 2: refused');
  assert.equal(partitionSizeDescription(p), '');
  assert.deepEqual(partitionSizeTooltip(p), [
    'Replicas: broker 1 1000 B',
    'Sizes on disk missing for some replicas — broker 2: refused',
  ]);
  assert.equal(topicSize([p]), undefined);
  assert.equal(topicSizeTooltip([p]), 'Sizes on disk missing for some replicas — broker 2: refused');
});

test('the topic total is the sum of leader replicas, with every replica in the tooltip', () => {
  const rows = [
    row(0, 1, [
      [1, 100],
      [2, 100],
    ]),
    row(1, 2, [
      [1, 50],
      [2, 60],
    ]),
  ];
  assert.deepEqual(topicSize(rows), { leaders: 160, allReplicas: 310 });
  assert.equal(topicSizeTooltip(rows), 'Size on disk: 160 B (leader replicas), 310 B with every replica');
  assert.equal(topicSize([]), undefined);
});

test('sizes read in binary units', () => {
  assert.deepEqual([0, 1023, 1024, 1536, 5 * 1024 ** 2, 3 * 1024 ** 3].map(formatSize), [
    '0 B',
    '1023 B',
    '1.0 KiB',
    '1.5 KiB',
    '5.0 MiB',
    '3.0 GiB',
  ]);
});

test("the topic's size sums every loaded partition, not only the window the branch shows", async () => {
  const rows: PartitionRow[] = [0, 1, 2].map((p) => ({ ...row(p, 1), replicas: [1], isr: [1] }));
  const list = new PagedList(
    () => Promise.resolve({ items: rows }),
    2,
    () => true,
  );
  const sizes = {
    partitions: { 0: [{ broker: 1, bytes: 100 }], 1: [{ broker: 1, bytes: 20 }], 2: [{ broker: 1, bytes: 3 }] },
  };
  assert.deepEqual(topicSizeText(list, sizes), {}, 'nothing before the partitions are loaded');
  await list.load();
  assert.equal(list.view().visible.length, 2, 'the branch shows a window of two');
  assert.deepEqual(topicSizeText(list, sizes), {
    description: '123 B',
    tooltip: 'Size on disk: 123 B (leader replicas), 123 B with every replica',
  });
  assert.deepEqual(
    topicSizeText(list, undefined),
    { description: undefined, tooltip: undefined },
    'sizes not read yet',
  );
});
