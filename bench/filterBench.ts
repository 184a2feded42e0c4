/**
 * Benchmark (not a test): tail filters over a full buffer of 100,000 JSON messages (no broker
 * needed). Each filter runs three times, interleaved with the others; the first run of each kind
 * also decodes what the filter needs (kept per record for the next runs, as in the tail panel).
 * Prints every run, the best, and the heap the buffer and the kept decodings take.
 *
 *   npm run bench:filter
 */
import { TailBuffer, compileFilter, type TailRecord } from '../src/kafka/tail';
import { heapMiB } from './interleave';

const RECORDS = 100_000;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);

function fill(buffer: TailBuffer): number {
  const records: Omit<TailRecord, 'seq'>[] = [];
  let bytes = 0;
  for (let i = 0; i < RECORDS; i++) {
    const value = Buffer.from(
      JSON.stringify({ id: i, amount: i % 1000, item: `item-${i % 37}`, pad: 'x'.repeat(100) }),
    );
    const key = Buffer.from(`key-${i}`);
    const header = Buffer.from(i % 2 ? 'order' : 'refund');
    records.push({
      partition: i % 3,
      offset: String(i),
      timestamp: Date.now(),
      key,
      value,
      headers: [{ key: 'type', value: header }],
      size: key.length + value.length + 4 + header.length,
    });
    bytes += key.length + value.length + 4 + header.length;
  }
  buffer.push(records);
  return bytes;
}

function main(): void {
  const heap0 = heapMiB();
  const buffer = new TailBuffer(RECORDS);
  const raw = fill(buffer);
  const heap1 = heapMiB();
  console.log(
    `${RECORDS.toLocaleString('en-US')} buffered messages, ${(raw / 2 ** 20).toFixed(1)} MiB of keys, values and headers; heap and Buffers ${(heap1 - heap0).toFixed(1)} MiB`,
  );
  const filters: [string, { text?: string; cel?: string }[]][] = [
    ['text', [{ text: 'ITEM-7' }, { text: 'refund' }, { text: 'item-36"' }]],
    [
      'CEL',
      [
        { cel: 'value.amount > 100.0 && headers["type"] == "order"' },
        { cel: 'value.item == "item-3" || offset < 10' },
        { cel: 'has(value.pad) && value.amount < 500.0' },
      ],
    ],
  ];
  const best = new Map<string, number>();
  for (let round = 0; round < ROUNDS; round++) {
    for (const [kind, specs] of filters) {
      // A different expression each round: nothing of the previous result is reused, only the decoding.
      const spec = specs[round % specs.length];
      const f = compileFilter(spec);
      if (!f.ok) throw new Error(f.error.message);
      const t0 = process.hrtime.bigint();
      buffer.setFilter(f.predicate);
      const ms = Number(process.hrtime.bigint() - t0) / 1e6;
      const label = `${kind} ${round === 0 ? '(first: decodes)' : '(decoded kept)'}`;
      if (round > 0) best.set(kind, Math.min(best.get(kind) ?? Infinity, ms));
      console.log(
        `  run ${round + 1} ${label.padEnd(24)} ${ms.toFixed(1).padStart(7)} ms, ${buffer.viewSize.toLocaleString('en-US')} match  ${JSON.stringify(spec)}`,
      );
    }
  }
  for (const [kind, ms] of best) console.log(`best ${kind} filter (decoded kept): ${ms.toFixed(1)} ms`);
  buffer.setFilter(undefined);
  console.log(`heap and Buffers with the decodings kept: ${(heapMiB() - heap0).toFixed(1)} MiB`);
}

main();
