/**
 * Benchmark (not a test): consumer lag of every group of the sandbox, computed by the extension's
 * lag engine and by Kafka's own `ConsumerGroupCommand --describe --all-groups`, in the same run.
 *
 *   npm run bench:lag            (the sandbox must be running)
 *
 * Set-up, once and idempotently: 10 topics × 50 partitions (`bench-lag-t0…9`) with records, and
 * 500 groups (`bench-lag-g000…499`), each with committed offsets on all partitions of one topic
 * (admin.setOffsets). Other tests ignore the `bench-lag-` prefix. They stay in the sandbox for the
 * next run (the output says so); `npm run sandbox -- reset` deletes them.
 *
 * The Java tool runs from the same Kafka jars the sandbox's broker uses (its runtime classpath from
 * sandbox/lifecycle/maven.ts) plus the kafka-tools jars of that version, resolved by Maven.
 */
import { Kafka, type Admin } from 'kafkajs';
import { readSandboxState } from '../sandbox/state';
import { KafkaClientPool } from '../src/kafka/clientPool';
import type { KafkaConnectionSpec } from '../src/kafka/connection';
import { mapLimit } from '../src/shared/concurrency';
import { LagEngine } from '../src/kafka/lag/engine';
import { consumerGroupCommand, toolsClasspath } from '../test/integration/lag/kafkaTool';

const TOPICS = 10;
const PARTITIONS = 50;
const GROUPS = 500;
const RECORDS_PER_PARTITION = 100;
const topicName = (i: number) => `bench-lag-t${i}`;
const groupName = (i: number) => `bench-lag-g${String(i).padStart(3, '0')}`;

const state = readSandboxState();
const bootstrap = state.listeners.plaintext;

async function setUp(admin: Admin): Promise<void> {
  const existing = new Set(await admin.listTopics());
  const missing = Array.from({ length: TOPICS }, (_, i) => topicName(i)).filter((t) => !existing.has(t));
  if (missing.length) {
    console.log(`creating ${missing.length} topics × ${PARTITIONS} partitions…`);
    await admin.createTopics({
      topics: missing.map((topic) => ({ topic, numPartitions: PARTITIONS, replicationFactor: 1 })),
      waitForLeaders: true,
    });
    const producer = new Kafka({ clientId: 'bench-lag', brokers: [bootstrap], logLevel: 0 }).producer();
    await producer.connect();
    for (const topic of missing) {
      for (let p = 0; p < PARTITIONS; p++) {
        await producer.send({
          topic,
          messages: Array.from({ length: RECORDS_PER_PARTITION }, (_, i) => ({ partition: p, value: `r${i}` })),
        });
      }
    }
    await producer.disconnect();
  }
  const groups = new Set((await admin.listGroups()).groups.map((g) => g.groupId));
  const todo = Array.from({ length: GROUPS }, (_, i) => i).filter((i) => !groups.has(groupName(i)));
  if (todo.length) {
    console.log(`committing offsets for ${todo.length} groups…`);
    const started = Date.now();
    await mapLimit(todo, 25, async (i) => {
      await admin.setOffsets({
        groupId: groupName(i),
        topic: topicName(i % TOPICS),
        partitions: Array.from({ length: PARTITIONS }, (_, p) => ({
          partition: p,
          offset: String((i * 7 + p * 3) % RECORDS_PER_PARTITION),
        })),
      });
    });
    console.log(`  done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
}

async function javaDescribe(classpath: string): Promise<{ ms: number; rows: number }> {
  const r = await consumerGroupCommand(classpath, ['--bootstrap-server', bootstrap, '--describe', '--all-groups']);
  const rows = r.stdout.split('\n').filter((l) => /^bench-lag-g\d+\s/.test(l)).length;
  return { ms: r.ms, rows };
}

/** The JVM's start-up alone (the same classpath, a class that exits at once), to put the tool's time in context. */
async function jvmStartup(classpath: string): Promise<number> {
  const r = await consumerGroupCommand(classpath, ['--version']);
  return r.ms;
}

async function main(): Promise<void> {
  const pool = new KafkaClientPool({
    logger: { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined },
  });
  const spec: KafkaConnectionSpec = {
    id: 'bench-lag',
    label: 'sandbox plaintext',
    bootstrapServers: [bootstrap],
    tls: false,
    auth: { kind: 'plaintext' },
  };
  try {
    const admin = await pool.getAdmin(spec);
    await setUp(admin);
    const classpath = await toolsClasspath(state.kafkaVersion);

    const engine = new LagEngine({ admin: () => pool.getAdmin(spec), concurrency: 16 });
    const ours: number[] = [];
    let benchRows = 0;
    let groups = 0;
    for (let i = 0; i < 3; i++) {
      const started = performance.now();
      const snap = await engine.refresh();
      ours.push(performance.now() - started);
      groups = snap.groups.length;
      benchRows = snap.groups
        .filter((g) => g.groupId.startsWith('bench-lag-g'))
        .reduce((n, g) => n + g.partitions.length, 0);
    }
    const java: number[] = [];
    let javaRows = 0;
    for (let i = 0; i < 2; i++) {
      const r = await javaDescribe(classpath);
      java.push(r.ms);
      javaRows = r.rows;
    }
    const startup = await jvmStartup(classpath);
    const best = (xs: number[]) => Math.min(...xs);
    const fmt = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
    console.log('');
    console.log(`groups on the sandbox: ${groups}; bench-lag partitions rows: ours ${benchRows}, Java ${javaRows}`);
    console.log(`lag engine (all groups, one refresh): ${ours.map(fmt).join(', ')} (first includes metadata warm-up)`);
    console.log(`ConsumerGroupCommand --describe --all-groups: ${java.map(fmt).join(', ')}`);
    console.log(`JVM start-up of the tool (--version): ${fmt(startup)}`);
    console.log(
      `ratio Java / ours (best of each): ${(best(java) / best(ours)).toFixed(2)}×; excluding JVM start-up: ${((best(java) - startup) / best(ours)).toFixed(2)}×`,
    );
    console.log('');
    console.log(
      `left in the sandbox for the next run: ${TOPICS} bench-lag-t* topics (${TOPICS * PARTITIONS} partitions) and ${GROUPS} bench-lag-g* groups;`,
    );
    console.log('delete them (and other test/bench leftovers) with: npm run sandbox -- reset');
  } finally {
    await pool.disposeAll();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
