/**
 * Benchmark (not a test): the tail's rate with and without schema decoding, in the same run, over
 * the same 100,000 Avro records in the Glue wire format (the sandbox's seeded `orders-avro` v1
 * schema, every other record zlib-compressed). Five sides, interleaved: the tail with the schema
 * decoder as the panel runs it (headers peeked on arrival, the rows in view decoded); the tail
 * decoding every value on arrival (what a CEL filter over decoded values costs) — both with the
 * schema already known to the window (the extension looks a schema up once per cluster); the same
 * two with a GetSchemaVersion of their own during the run (the first tail of a window); and the
 * plain tail of the same bytes. Prints every run, the bests and each side's ratio to plain
 * (`BENCH_TRACE=1`: when the schema arrived in each run and the time spent decoding).
 *
 *   npm run bench:tail-schema            (the sandbox must be running)
 *   BENCH_SCHEMA_MESSAGES=20000 BENCH_ROUNDS=2 npm run bench:tail-schema
 *   BENCH_SCHEMA_SIDES=all node --cpu-prof --cpu-prof-dir=/tmp/prof --import tsx bench/schemaTailBench.ts
 *
 * The topic (`bench-tail-schema-<time>`, 3 partitions) is filled with kafkajs and deleted at the end.
 */
import { Kafka, CompressionTypes } from 'kafkajs';
import { readSandboxState } from '../sandbox/state';
import { AVRO_ORDER_V1, glueSeedKey, GLUE_REGISTRY } from '../sandbox/controlplane/schemaSeed';
import { newVersionId } from '../sandbox/controlplane/glueStore';
import { seedOrder } from '../sandbox/controlplane/schemaSeedRecords';
import { AwsClientFactory } from '../src/aws/clientFactory';
import { GlueSchemaService } from '../src/aws/glue';
import { KafkaClientPool } from '../src/kafka/clientPool';
import type { KafkaConnectionSpec } from '../src/kafka/connection';
import {
  encodeForSchema,
  recordDecoding,
  SchemaResolver,
  TailSchemaDecoder,
  type RegistrySchema,
} from '../src/kafka/schema';
import { TailSession, type TailRecord } from '../src/kafka/tail';
import { interleave } from './interleave';

const MESSAGES = Number(process.env.BENCH_SCHEMA_MESSAGES ?? 100_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
/** For profiling one side: `BENCH_SCHEMA_SIDES=all` (view, all, none; comma-separated). */
const SIDES = process.env.BENCH_SCHEMA_SIDES?.split(',');
const TRACE = process.env.BENCH_TRACE === '1';
const PARTITIONS = 3;
const state = readSandboxState();
const bootstrap = state.listeners.plaintext;
const silent = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };

const SCHEMA: RegistrySchema = {
  ref: { registry: 'glue', schemaVersionId: newVersionId(glueSeedKey(GLUE_REGISTRY, 'orders-avro', 1)) },
  dataFormat: 'AVRO',
  definition: AVRO_ORDER_V1,
  name: 'orders-avro v1',
};

async function fill(topic: string): Promise<void> {
  const producer = new Kafka({ brokers: [bootstrap], logLevel: 0 }).producer();
  await producer.connect();
  try {
    const chunk = 10_000;
    for (let i = 0; i < MESSAGES; i += chunk) {
      const messages = [];
      for (let j = i; j < Math.min(MESSAGES, i + chunk); j++) {
        const o = { ...seedOrder(j % 1000), id: `order-${j}` };
        messages.push({ key: o.id, value: encodeForSchema(o, SCHEMA, { compression: j % 2 ? 'zlib' : 'none' }) });
      }
      await producer.send({ topic, messages, compression: CompressionTypes.GZIP });
    }
  } finally {
    await producer.disconnect();
  }
}

/** A resolver that reads the sandbox's Glue registry with its profile (as the extension does). */
/** One AWS client factory for the process, as the extension has (the SDK is loaded once). */
let glue: GlueSchemaService | undefined;

/** A new resolver per run: each decoding run makes its own GetSchemaVersion call. */
function sandboxResolver(): SchemaResolver {
  glue ??= new GlueSchemaService(new AwsClientFactory({ env: {} }));
  const service = glue;
  const target = {
    profile: state.aws.profile,
    configFile: state.aws.configFile,
    credentialsFile: state.aws.credentialsFile,
  };
  return new SchemaResolver({ glue: (id) => service.getSchemaVersion(target, id) });
}

/**
 * 'none': no schema decoder; 'view': the decoder on, values decoded as a following table shows them
 * (the newest 50 of each batch); 'all': every value decoded on arrival (a CEL filter over decoded values).
 */
type Mode = 'none' | 'view' | 'all';
const VIEW_ROWS = 50;

/**
 * The window's resolver: the extension keeps one per cluster, so a schema is looked up once per
 * window (warmed up before the runs). `cold` runs make their own, as the first tail of a window does.
 */
let windowResolver: SchemaResolver | undefined;

async function tail(topic: string, mode: Mode, cold = false): Promise<number> {
  const decode = mode !== 'none';
  const pool = new KafkaClientPool({ logger: silent });
  const spec: KafkaConnectionSpec = {
    id: 'bench-tail-schema',
    label: 'sandbox plaintext',
    bootstrapServers: [bootstrap],
    tls: false,
    auth: { kind: 'plaintext' },
  };
  let decoded = 0;
  let decodeNs = 0n;
  const t0 = Date.now();
  let readyAt = 0;
  let waiting: TailRecord[] = [];
  let done!: () => void;
  const finished = new Promise<void>((r) => (done = r));
  /** The schema arrived: records waiting for it can be decoded (until then they only queue up). */
  let ready = !cold;
  const drain = () => {
    if (!ready) return;
    const d0 = process.hrtime.bigint();
    const still: TailRecord[] = [];
    for (const r of waiting) {
      const d = recordDecoding(r, 'value');
      if (d === 'pending') still.push(r);
      else if (d?.kind === 'decoded') decoded++;
      else
        throw new Error(
          `offset ${r.offset} did not decode: ${d?.kind === 'undecodable' ? d.message : 'no wire format'}`,
        );
    }
    waiting = still;
    decodeNs += process.hrtime.bigint() - d0;
  };
  let received = 0;
  const check = () => {
    if (received >= MESSAGES && waiting.length === 0) done();
  };
  // Records that arrived while the schema was being fetched are decoded once it is there.
  const decoder = decode
    ? new TailSchemaDecoder(cold ? sandboxResolver() : windowResolver!, () => {
        readyAt = Date.now() - t0;
        ready = true;
        drain();
        check();
      })
    : undefined;
  const session = await TailSession.start({
    pool,
    spec,
    topic,
    start: { kind: 'oldest' },
    bufferSize: MESSAGES,
    ...(decoder ? { beforeBuffer: (records: readonly object[]) => decoder.observe(records) } : {}),
    onRecords: (records) => {
      received += records.length;
      if (decoder) {
        waiting.push(...(mode === 'all' ? records : records.slice(-VIEW_ROWS)));
        drain();
      }
      check();
    },
  });
  await finished;
  await session.stop();
  session.buffer.clear();
  await pool.disposeAll();
  if (mode === 'all' && decoded !== received) throw new Error(`decoded ${decoded} of ${received}`);
  if (TRACE)
    console.log(
      `    ${mode}${cold ? ' (cold)' : ''}: schema at ${readyAt} ms, decoding ${Number(decodeNs / 1_000_000n)} ms, total ${Date.now() - t0} ms`,
    );
  return received;
}

async function main(): Promise<void> {
  const topic = `bench-tail-schema-${Date.now().toString(36)}`;
  const admin = new Kafka({ brokers: [bootstrap], logLevel: 0 }).admin();
  await admin.connect();
  try {
    await admin.createTopics({ topics: [{ topic, numPartitions: PARTITIONS }], waitForLeaders: true });
    const f0 = Date.now();
    await fill(topic);
    console.log(
      `filled ${topic}: ${MESSAGES.toLocaleString('en-US')} Avro orders in the Glue wire format (half zlib) in ${((Date.now() - f0) / 1000).toFixed(1)} s`,
    );
    // The first GetSchemaVersion of a process loads the AWS SDK (once per window in the extension):
    // done before the runs, each of which still makes its own call.
    const w0 = Date.now();
    windowResolver = sandboxResolver();
    await windowResolver.get(SCHEMA.ref);
    console.log(`first GetSchemaVersion (loads the AWS SDK): ${Date.now() - w0} ms`);
    const sides = [
      { mode: 'view', label: 'decoder on, rows in view decoded', run: () => tail(topic, 'view') },
      { mode: 'all', label: 'every value decoded on arrival', run: () => tail(topic, 'all') },
      {
        mode: 'view-cold',
        label: 'rows in view, schema looked up in the run',
        run: () => tail(topic, 'view', true),
      },
      {
        mode: 'all-cold',
        label: 'every value, schema looked up in the run',
        run: () => tail(topic, 'all', true),
      },
      { mode: 'none', label: 'plain (no schema decoder)', run: () => tail(topic, 'none') },
    ].filter((s) => !SIDES || SIDES.includes(s.mode));
    await interleave(MESSAGES, ROUNDS, sides);
  } finally {
    await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
    await admin.disconnect();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
