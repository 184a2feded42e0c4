/**
 * Benchmark (not a test): bulk-produce 100,000 messages of 200 bytes to one sandbox topic through
 * the producer panel's code path (ProduceSender → templates → ProduceEngine, acks=all, idempotent)
 * and with `kcat -P` (librdkafka, acks=all), in the same run; prints both rates and the ratio.
 *
 *   npm run bench:produce        (the sandbox must be running)
 *
 * The topic `bench-produce` is kept for the next run (the output says so); `npm run sandbox -- reset`
 * deletes it.
 */
import { spawn } from 'node:child_process';
import { Kafka } from 'kafkajs';
import { readSandboxState } from '../sandbox/state';
import { KafkaClientPool } from '../src/kafka/clientPool';
import type { KafkaCluster } from '../src/kafka/cluster';
import type { KafkaConnectionSpec } from '../src/kafka/connection';
import { ProduceSender } from '../src/features/produce/send/sender';
import type { ClusterRef } from '../src/services/clusterModel';
import { silentLogger } from '../src/shared/logger';

const COUNT = 100_000;
const SIZE = 200;
const TOPIC = 'bench-produce';
const state = readSandboxState();
const bootstrap = state.listeners.plaintext;

const spec: KafkaConnectionSpec = {
  id: 'bench-produce',
  label: 'sandbox plaintext',
  bootstrapServers: [bootstrap],
  tls: false,
  auth: { kind: 'plaintext' },
};
const cluster: ClusterRef = {
  key: 'manual:bench',
  name: 'sandbox',
  source: 'manual',
  type: 'SELF_MANAGED',
  authModes: [],
} as unknown as ClusterRef;

function kcatProduce(lines: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('kcat', ['-P', '-b', bootstrap, '-t', TOPIC, '-X', 'acks=all', '-X', 'linger.ms=5'], {
      stdio: ['pipe', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`kcat exited ${code}: ${stderr}`))));
    child.stdin.end(lines);
  });
}

async function main(): Promise<void> {
  const admin = new Kafka({ brokers: [bootstrap], logLevel: 0 }).admin();
  await admin.connect();
  if (!(await admin.listTopics()).includes(TOPIC))
    await admin.createTopics({
      topics: [{ topic: TOPIC, numPartitions: 3, replicationFactor: 1 }],
      waitForLeaders: true,
    });
  const offsetsBefore = await admin.fetchTopicOffsets(TOPIC);

  const pool = new KafkaClientPool({ logger: silentLogger });
  const sender = new ProduceSender({
    kafka: () => Promise.resolve({ pool, spec } as unknown as KafkaCluster),
  });
  // 200-byte values: a fixed 160-byte body plus the {{seq}} template padded to 40 characters.
  const body = 'x'.repeat(SIZE - 40);
  let t = Date.now();
  const report = await sender.send({
    cluster,
    topic: TOPIC,
    drafts: [{ key: null, value: `${body}{{seq}}`.padEnd(SIZE + 7, ' '), headers: [] }],
    count: COUNT,
    options: { acks: -1, compression: 'none', idempotent: true },
  });
  const extMs = Date.now() - t;
  const firstFailure = report.outcomes.find((o) => !o.ok);
  if (firstFailure && !firstFailure.ok)
    throw new Error(`extension path: ${report.failed} of ${COUNT} failed: ${firstFailure.error}`);

  const lines = Array.from({ length: COUNT }, (_, i) => `${body}${String(i + 1).padEnd(40, ' ')}`).join('\n') + '\n';
  t = Date.now();
  await kcatProduce(lines);
  const kcatMs = Date.now() - t;

  const offsetsAfter = await admin.fetchTopicOffsets(TOPIC);
  const written =
    offsetsAfter.reduce((n, p) => n + Number(p.high), 0) - offsetsBefore.reduce((n, p) => n + Number(p.high), 0);
  await admin.disconnect();
  await sender.dispose();
  await pool.disposeAll();

  const rate = (ms: number) => Math.round((COUNT / ms) * 1000);
  console.log(
    `messages: ${COUNT} × ${SIZE} bytes to ${TOPIC} (3 partitions), acks=all; ${written} records written in total`,
  );
  console.log(`extension (ProduceSender, idempotent=${report.idempotent}): ${extMs} ms, ${rate(extMs)} msg/s`);
  console.log(`kcat -P (librdkafka):                ${kcatMs} ms, ${rate(kcatMs)} msg/s`);
  console.log(`ratio extension/kcat: ${(rate(extMs) / rate(kcatMs)).toFixed(2)}`);
  console.log(`the topic ${TOPIC} stays in the sandbox for the next run; npm run sandbox -- reset deletes it`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
