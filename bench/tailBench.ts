/**
 * Benchmark (not a test): consume 1,000,000 messages of 200 bytes from the oldest offset to the end
 * with the tail engine and with `kcat -C -e` on the same sandbox topic, interleaved, three runs each;
 * prints every run, the best of each side, the ratio of the bests, and the heap a full
 * 100,000-message tail buffer takes. Filters: `npm run bench:filter`.
 *
 *   npm run bench:tail            (the sandbox must be running)
 *   BENCH_TAIL_MESSAGES=200000 BENCH_ROUNDS=2 npm run bench:tail   (a shorter run)
 *   BENCH_TAIL_SIDES=tail node --cpu-prof --import tsx bench/tailBench.ts   (profile one side)
 *
 * Sides: the tail engine as the panel runs it (`TailSession`, the group-less fetch reader of
 * src/kafka/tail/fetchReader.ts) and kcat -C -e, the reference.
 *
 * The topic (`bench-tail-<time>`, 3 partitions) is filled by kcat and deleted at the end.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { Kafka } from 'kafkajs';
import { readSandboxState } from '../sandbox/state';
import { KafkaClientPool } from '../src/kafka/clientPool';
import type { KafkaConnectionSpec } from '../src/kafka/connection';
import { TailSession } from '../src/kafka/tail';
import { heapMiB, interleave } from './interleave';

const MESSAGES = Number(process.env.BENCH_TAIL_MESSAGES ?? 1_000_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const BUFFER = 100_000;
/** How kcat compresses the topic when filling it (lz4 by default, as many producers do; `none` for raw). */
const COMPRESSION = process.env.BENCH_TAIL_COMPRESSION ?? 'lz4';
const SIZE = 200;
/** Only some of our sides (`tail`, comma-separated; kcat always runs): e.g. to profile one. */
const SIDES = process.env.BENCH_TAIL_SIDES?.split(',');
const PARTITIONS = 3;
const state = readSandboxState();
const bootstrap = state.listeners.plaintext;

const silent = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };

function kcat(args: string[], input?: (stdin: NodeJS.WritableStream) => Promise<void>): Promise<{ lines: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn('kcat', ['-b', bootstrap, ...args], { stdio: ['pipe', 'pipe', 'inherit'] });
    let lines = 0;
    child.stdout.on('data', (c: Buffer) => {
      for (let i = c.indexOf(10); i !== -1; i = c.indexOf(10, i + 1)) lines++;
    });
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve({ lines }) : reject(new Error(`kcat exited with ${code}`))));
    if (input)
      input(child.stdin)
        .then(() => child.stdin.end())
        .catch(reject);
    else child.stdin.end();
  });
}

async function fill(topic: string): Promise<void> {
  await kcat(
    ['-P', '-t', topic, '-z', COMPRESSION, '-X', 'linger.ms=50', '-X', 'batch.num.messages=10000'],
    async (stdin) => {
      const chunk = 10_000;
      for (let i = 0; i < MESSAGES; i += chunk) {
        const lines: string[] = [];
        for (let j = i; j < Math.min(MESSAGES, i + chunk); j++)
          lines.push(`${String(j).padStart(9, '0')}-${randomBytes((SIZE - 10) / 2).toString('hex')}`);
        if (!stdin.write(`${lines.join('\n')}\n`)) await new Promise((r) => stdin.once('drain', r));
      }
    },
  );
}

/**
 * heapMiB once the collector has also freed the ArrayBuffers it found dead: right after `gc()` their
 * memory is still counted while they are swept (measured: 66 MiB of ArrayBuffers at once, 27 MiB 1.5 s later).
 */
async function settledHeapMiB(): Promise<number> {
  for (let i = 0; i < 2; i++) {
    heapMiB();
    await new Promise((r) => setTimeout(r, 500));
  }
  return heapMiB();
}

/** The tail engine from the oldest offset until every message arrived; the heap of its full buffer once. */
async function benchTail(topic: string, measureHeap: boolean): Promise<number> {
  const pool = new KafkaClientPool({ logger: silent });
  const spec: KafkaConnectionSpec = {
    id: 'bench-tail',
    label: 'sandbox plaintext',
    bootstrapServers: [bootstrap],
    tls: false,
    auth: { kind: 'plaintext' },
  };
  const heapBefore = measureHeap ? heapMiB() : 0;
  let done!: () => void;
  const finished = new Promise<void>((r) => (done = r));
  const t0 = process.hrtime.bigint();
  let firstAt: bigint | undefined;
  const session = await TailSession.start({
    pool,
    spec,
    topic,
    start: { kind: 'oldest' },
    bufferSize: BUFFER,
    onRecords: () => {
      firstAt ??= process.hrtime.bigint();
      if (session.stats().received >= MESSAGES) done();
    },
  });
  await finished;
  const received = session.stats().received;
  const sec = (t: bigint) => (Number(t - t0) / 1e9).toFixed(2);
  console.log(
    `        tail engine: first messages after ${sec(firstAt ?? t0)} s (start, first fetch), all after ${sec(process.hrtime.bigint())} s`,
  );
  await session.stop();
  if (measureHeap) {
    const heap = (await settledHeapMiB()) - heapBefore;
    let raw = 0;
    for (const r of session.buffer.all()) raw += r.size;
    console.log(
      `  heap and Buffers with a full tail buffer (${session.buffer.size.toLocaleString('en-US')} messages, ${(raw / 2 ** 20).toFixed(1)} MiB of keys, values and headers): ${heap.toFixed(1)} MiB`,
    );
  }
  session.buffer.clear();
  await pool.disposeAll();
  return received;
}

async function benchKcat(topic: string): Promise<number> {
  const { lines } = await kcat(['-C', '-e', '-q', '-o', 'beginning', '-t', topic]);
  return lines;
}

async function main(): Promise<void> {
  const topic = `bench-tail-${Date.now().toString(36)}`;
  const admin = new Kafka({ brokers: [bootstrap], logLevel: 0 }).admin();
  await admin.connect();
  try {
    await admin.createTopics({ topics: [{ topic, numPartitions: PARTITIONS }], waitForLeaders: true });
    const f0 = Date.now();
    await fill(topic);
    console.log(
      `filled ${topic}: ${MESSAGES.toLocaleString('en-US')} × ${SIZE} B (${COMPRESSION}) in ${((Date.now() - f0) / 1000).toFixed(1)} s`,
    );
    const sides = [{ label: 'tail engine', run: (round: number) => benchTail(topic, round === 1) }].filter(
      (s) => !SIDES || SIDES.includes(s.label.split(' ')[0]),
    );
    await interleave(MESSAGES, ROUNDS, [...sides, { label: 'kcat -C -e', run: () => benchKcat(topic) }]);
  } finally {
    await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
    await admin.disconnect();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
