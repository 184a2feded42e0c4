/**
 * Benchmark (not a test): bulk-produce 1,000,000 messages of 200 bytes to one sandbox topic through
 * the producer panel's code path (ProduceSender → ProduceEngine, acks=all) and with `kcat -P`
 * (librdkafka, acks=all), interleaved, three runs each; prints every run, the best of each side and
 * the ratios of the bests. The extension runs idempotent (the panel's default) and plain, so the
 * output says what idempotence costs; both go through our own record-batch encoder (the bulk path,
 * src/kafka/produce/rawSend.ts), checked in each report.
 *
 *   npm run bench:produce        (the sandbox must be running)
 *   BENCH_PRODUCE_MESSAGES=200000 BENCH_ROUNDS=2 npm run bench:produce   (a shorter run)
 *   BENCH_PRODUCE_KAFKAJS=1 npm run bench:produce   (adds kafkajs's own producer, idempotent: the path before)
 *
 * The topic (`bench-produce-<time>`, 3 partitions) is deleted at the end.
 */
import { spawn } from 'node:child_process';
import { Kafka } from 'kafkajs';
import { readSandboxState } from '../sandbox/state';
import { KafkaClientPool } from '../src/kafka/clientPool';
import type { KafkaCluster } from '../src/kafka/cluster';
import type { KafkaConnectionSpec } from '../src/kafka/connection';
import { ProduceSender } from '../src/features/produce/send/sender';
import { ProduceEngine, draftSource } from '../src/kafka/produce/index';
import { crc32c } from '../src/kafka/protocol/crc32c';
import { encodeRecordBatch } from '../src/kafka/protocol/recordBatch';
import type { ClusterRef } from '../src/services/clusterModel';
import { silentLogger } from '../src/shared/logger';
import { interleave } from './interleave';

const COUNT = Number(process.env.BENCH_PRODUCE_MESSAGES ?? 1_000_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const WITH_KAFKAJS = process.env.BENCH_PRODUCE_KAFKAJS === '1';
const SIZE = 200;
const TOPIC = `bench-produce-${Date.now().toString(36)}`;
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

function kcatProduce(lines: Buffer): Promise<void> {
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

/** The encoder alone (no network): COUNT records in batches of 4,000, and CRC-32C over the same bytes. */
function encoderAlone(value: Buffer): void {
  const batchRecords = Array.from({ length: 4_000 }, () => ({ key: null, value }));
  let bytes = 0;
  let t0 = process.hrtime.bigint();
  for (let done = 0; done < COUNT; done += batchRecords.length) bytes += encodeRecordBatch(batchRecords).length;
  const encodeS = Number(process.hrtime.bigint() - t0) / 1e9;
  const sample = encodeRecordBatch(batchRecords);
  t0 = process.hrtime.bigint();
  for (let done = 0; done < COUNT; done += batchRecords.length) crc32c(sample);
  const crcS = Number(process.hrtime.bigint() - t0) / 1e9;
  const mib = bytes / 2 ** 20;
  console.log(
    `encoder alone: ${COUNT.toLocaleString('en-US')} records (${mib.toFixed(0)} MiB of batches) in ${encodeS.toFixed(2)} s ` +
      `(${Math.round(COUNT / encodeS).toLocaleString('en-US')} records/s, ${(mib / encodeS).toFixed(0)} MiB/s), ` +
      `of which CRC-32C ${crcS.toFixed(2)} s (${(mib / crcS).toFixed(0)} MiB/s)`,
  );
}

async function main(): Promise<void> {
  const admin = new Kafka({ brokers: [bootstrap], logLevel: 0 }).admin();
  await admin.connect();
  const pool = new KafkaClientPool({ logger: silentLogger });
  const sender = new ProduceSender({
    kafka: () => Promise.resolve({ pool, spec } as unknown as KafkaCluster),
  });
  const written = async () => (await admin.fetchTopicOffsets(TOPIC)).reduce((n, p) => n + Number(p.high), 0);
  try {
    await admin.createTopics({
      topics: [{ topic: TOPIC, numPartitions: 3, replicationFactor: 1 }],
      waitForLeaders: true,
    });
    // The same 200-byte value for every message on both sides (no template: the bulk path).
    const value = `${'x'.repeat(SIZE - 10)}${'0123456789'}`;
    const lines = Buffer.from(`${value}\n`.repeat(COUNT));
    const extension = (idempotent: boolean) => async () => {
      const before = await written();
      const report = await sender.send({
        cluster,
        topic: TOPIC,
        drafts: [{ key: null, value, headers: [] }],
        count: COUNT,
        options: { acks: -1, compression: 'none', idempotent },
      });
      if (report.failed)
        throw new Error(`extension: ${report.failed} of ${COUNT} failed: ${report.failures[0]?.error}`);
      if (report.idempotent !== idempotent) throw new Error(`extension: idempotent=${report.idempotent}`);
      if (report.encoder !== 'own') throw new Error(`extension: the records were encoded by ${report.encoder}`);
      return (await written()) - before;
    };
    const kafkajsEngine = new ProduceEngine({ encoder: 'kafkajs' });
    const viaKafkajs = async () => {
      const before = await written();
      const source = await draftSource([{ key: null, value, headers: [] }], COUNT);
      const report = await kafkajsEngine.produce({ pool, spec }, TOPIC, source, {
        acks: -1,
        compression: 'none',
        idempotent: true,
      });
      if (report.failed || report.encoder !== 'kafkajs') throw new Error(`kafkajs: ${report.failed} failed`);
      return (await written()) - before;
    };
    console.log(`${COUNT.toLocaleString('en-US')} × ${SIZE} B to ${TOPIC} (3 partitions), acks=all, ${ROUNDS} rounds`);
    console.log('extension: own record-batch encoder, Produce v8 over kafkajs connections, 4 requests in flight');
    encoderAlone(Buffer.from(value));
    // Warm-up (module loading, JIT, connections) outside the timed runs: kcat has none to do.
    for (const idempotent of [true, false])
      await sender.send({
        cluster,
        topic: TOPIC,
        drafts: [{ key: null, value, headers: [] }],
        count: 20_000,
        options: { acks: -1, compression: 'none', idempotent },
      });
    const [idem, plain] = await interleave(COUNT, ROUNDS, [
      { label: 'extension idempotent', run: extension(true) },
      { label: 'extension plain', run: extension(false) },
      ...(WITH_KAFKAJS ? [{ label: 'kafkajs producer idempotent', run: viaKafkajs }] : []),
      {
        label: 'kcat -P',
        run: async () => {
          const before = await written();
          await kcatProduce(lines);
          return (await written()) - before;
        },
      },
    ]);
    // Idempotent: one InitProducerId per send and sequence numbers; the same requests in flight.
    console.log(`what idempotence costs: idempotent/plain time (bests) ${(idem.best / plain.best).toFixed(2)}×`);
    await kafkajsEngine.dispose();
  } finally {
    await sender.dispose();
    await pool.disposeAll();
    await admin.deleteTopics({ topics: [TOPIC] }).catch(() => undefined);
    await admin.disconnect();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
