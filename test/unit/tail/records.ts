/** A buffered record of partition 0 for buffer tests. */
import type { TailRecord } from '../../../src/kafka/tail/types';

export function rec(offset: number, value: string): Omit<TailRecord, 'seq'> {
  return {
    partition: 0,
    offset: String(offset),
    timestamp: 0,
    key: null,
    value: Buffer.from(value),
    headers: [],
    size: value.length,
  };
}
