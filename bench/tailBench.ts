/**
 * Benchmark (not a test): consume 1,000,000 messages of 200 bytes from the oldest offset to the end
 * with the tail engine and with `kcat -C -e` on the same sandbox topic, in the same run; then time a
 * text filter and a CEL filter over a full 100,000-message buffer.
 *
 *   npm run bench:tail            (the sandbox must be running)
 *
 * The topic (`bench-tail-<time>`, 3 partitions) is filled by kcat and deleted at the end.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { Kafka } from 'kafkajs';
import { readSandboxState } from '../sandbox/state';
import { KafkaClientPool } from '../src/kafka/clientPool';
import type { KafkaConnectionSpec } from '../src/kafka/connection';
import { TailBuffer, TailSession, compileFilter, type TailRecord } from '../src/kafka/tail';

const MESSAGES = Number(process.env.BENCH_TAIL_MESSAGES ?? 1_000_000);
const SIZE = 200;
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
    ['-P', '-t', topic, '-z', 'lz4', '-X', 'linger.ms=50', '-X', 'batch.num.messages=10000'],
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

async function benchTail(topic: string): Promise<number> {
  const pool = new KafkaClientPool({ logger: silent });
  const spec: KafkaConnectionSpec = {
    id: 'bench-tail',
    label: 'sandbox plaintext',
    bootstrapServers: [bootstrap],
    tls: false,
    auth: { kind: 'plaintext' },
  };
  const t0 = process.hrtime.bigint();
  let done!: () => void;
  const finished = new Promise<void>((r) => (done = r));
  const session = await TailSession.start({
    pool,
    spec,
    topic,
    start: { kind: 'oldest' },
    bufferSize: 100_000,
    onRecords: () => {
      if (session.stats().received >= MESSAGES) done();
    },
  });
  await finished;
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  await session.stop();
  await pool.disposeAll();
  return seconds;
}

async function benchKcat(topic: string): Promise<number> {
  const t0 = process.hrtime.bigint();
  const { lines } = await kcat(['-C', '-e', '-q', '-o', 'beginning', '-t', topic]);
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  if (lines !== MESSAGES) throw new Error(`kcat read ${lines} messages, expected ${MESSAGES}`);
  return seconds;
}

function benchFilters(): void {
  const buffer = new TailBuffer(100_000);
  const records: Omit<TailRecord, 'seq'>[] = [];
  for (let i = 0; i < 100_000; i++) {
    const value = Buffer.from(
      JSON.stringify({ id: i, amount: i % 1000, item: `item-${i % 37}`, pad: 'x'.repeat(100) }),
    );
    records.push({
      partition: i % 3,
      offset: String(i),
      timestamp: Date.now(),
      key: Buffer.from(`key-${i}`),
      value,
      headers: [{ key: 'type', value: Buffer.from(i % 2 ? 'order' : 'refund') }],
      size: value.length,
    });
  }
  buffer.push(records);
  for (const [label, spec] of [
    ['text filter', { text: 'item-7' }],
    ['CEL filter', { cel: 'value.amount > 100 && headers["type"] == "order"' }],
    ['CEL filter (decoded)', { cel: 'value.amount > 100 && headers["type"] == "order"' }],
  ] as const) {
    const f = compileFilter(spec);
    if (!f.ok) throw new Error(f.error.message);
    const t0 = process.hrtime.bigint();
    buffer.setFilter(f.predicate);
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    console.log(`${label.padEnd(22)} over 100,000 buffered messages: ${ms.toFixed(0)} ms, ${buffer.viewSize} match`);
  }
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
      `filled ${topic}: ${MESSAGES.toLocaleString()} × ${SIZE} B in ${((Date.now() - f0) / 1000).toFixed(1)} s`,
    );
    const kcatSeconds = await benchKcat(topic);
    const tailSeconds = await benchTail(topic);
    const kcatRate = MESSAGES / kcatSeconds;
    const tailRate = MESSAGES / tailSeconds;
    console.log(`kcat -C -e     : ${kcatSeconds.toFixed(2)} s, ${Math.round(kcatRate).toLocaleString()} msg/s`);
    console.log(`tail engine    : ${tailSeconds.toFixed(2)} s, ${Math.round(tailRate).toLocaleString()} msg/s`);
    console.log(`ratio tail/kcat: ${(tailRate / kcatRate).toFixed(2)}`);
    benchFilters();
  } finally {
    await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
    await admin.disconnect();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
