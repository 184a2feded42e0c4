/**
 * What a send did, kept compact for bulk sends: offset ranges per partition and failures as runs of
 * consecutive messages with one reason (a million messages make three ranges, not a million objects).
 */
import type { MessageFailure, OffsetRange } from './types';

export class SendResults {
  private readonly rangesByPartition = new Map<number, OffsetRange[]>();
  readonly failures: MessageFailure[] = [];
  sent = 0;
  failed = 0;

  /** `count` messages stored in `partition` from offset `base` on (base < 0: unknown, acks=0). */
  stored(partition: number, base: bigint, count: number): void {
    if (count <= 0) return;
    this.sent += count;
    const list = this.rangesByPartition.get(partition) ?? [];
    this.rangesByPartition.set(partition, list);
    if (base < 0n) {
      const unknown = list.find((r) => r.first === '-1');
      if (unknown) unknown.count += count;
      else list.push({ partition, first: '-1', last: '-1', count });
      return;
    }
    const last = base + BigInt(count) - 1n;
    // Requests may answer out of order: a range may continue one, or be continued by one.
    const before = list.find((r) => r.first !== '-1' && BigInt(r.last) + 1n === base);
    const after = list.find((r) => r.first !== '-1' && BigInt(r.first) === last + 1n);
    if (before && after) {
      before.last = after.last;
      before.count += count + after.count;
      list.splice(list.indexOf(after), 1);
    } else if (before) {
      before.last = last.toString();
      before.count += count;
    } else if (after) {
      after.first = base.toString();
      after.count += count;
    } else list.push({ partition, first: base.toString(), last: last.toString(), count });
  }

  /** Message `index` failed; extends the previous entry when it is the next message with the same reason. */
  fail(index: number, error: string, code: string, partition?: number): void {
    this.failed++;
    const prev = this.failures[this.failures.length - 1];
    if (prev && prev.last + 1 === index && prev.error === error && prev.code === code && prev.partition === partition) {
      prev.last = index;
      return;
    }
    this.failures.push({ first: index, last: index, error, code, ...(partition === undefined ? {} : { partition }) });
  }

  /** Every failure, in message order. */
  failuresInOrder(): MessageFailure[] {
    return [...this.failures].sort((a, b) => a.first - b.first);
  }

  /** Every range, by partition then offset (ranges merge when a later request continues one). */
  ranges(): OffsetRange[] {
    return [...this.rangesByPartition.values()]
      .flat()
      .sort((a, b) => a.partition - b.partition || Number(BigInt(a.first) - BigInt(b.first)));
  }
}
