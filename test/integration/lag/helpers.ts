/** Real kafkajs consumers whose progress a test controls, and plain set-up for the lag tests. */
import type { Admin, Consumer, Producer } from 'kafkajs';
import type { KafkaClientPool } from '../../../src/kafka/clientPool';
import { KafkaCluster } from '../../../src/kafka/cluster';
import type { KafkaConnectionSpec } from '../../../src/kafka/connection';
import type { ClusterRef } from '../../../src/services/clusterModel';
import { LagMonitor } from '../../../src/services/lagMonitor';
import { newPool, specFor, waitFor } from '../kafka/helpers';
import { uniqueName } from '../support/sandbox';

/**
 * The sandbox (plaintext listener) as a manual cluster with a lag monitor on it that refreshes only
 * when a test asks (hour-long interval) and judges after two samples.
 */
export function sandboxLagMonitor(key: string) {
  const pool = newPool();
  const cluster = new KafkaCluster(pool, specFor('plaintext'));
  const ref: ClusterRef = { key, name: 'sandbox', source: 'manual', type: 'SELF_MANAGED', authModes: [] };
  const monitor = new LagMonitor(
    { kafka: () => Promise.resolve(cluster) },
    () => ({ refreshSeconds: 3600, windowSamples: 2, minSamples: 2, historySamples: 10, concurrency: 8 }),
    { warn: () => undefined, debug: () => undefined },
  );
  return { pool, cluster, ref, monitor };
}

/**
 * A consumer that processes a record only once the test allows its offset, committing after every
 * record: "keep up" allows everything, "lag" allows less than is produced, "stall" allows nothing.
 */
export class GatedConsumer {
  private allowed = Number.POSITIVE_INFINITY;
  private stopping = false;
  private waiters: (() => void)[] = [];
  readonly received: { partition: number; offset: number }[] = [];
  private constructor(
    readonly consumer: Consumer,
    private readonly pool: KafkaClientPool,
    private readonly spec: KafkaConnectionSpec,
  ) {}

  static async start(
    pool: KafkaClientPool,
    spec: KafkaConnectionSpec,
    groupId: string,
    topic: string,
    opts: { allowed?: number; fromBeginning?: boolean } = {},
  ): Promise<GatedConsumer> {
    const consumer = await pool.createConsumer(spec, {
      groupId,
      sessionTimeout: 30_000,
      heartbeatInterval: 1000,
      maxWaitTimeInMs: 100,
    });
    const gated = new GatedConsumer(consumer, pool, spec);
    if (opts.allowed !== undefined) gated.allowed = opts.allowed;
    await consumer.connect();
    await consumer.subscribe({ topics: [topic], fromBeginning: opts.fromBeginning ?? true });
    await consumer.run({
      autoCommitThreshold: 1,
      eachMessage: async ({ partition, message }) => {
        const offset = Number(message.offset);
        while (offset >= gated.allowed && !gated.stopping) await new Promise<void>((r) => gated.waiters.push(r));
        // Stopping: fail the record so it is neither marked processed nor committed.
        if (gated.stopping) throw new Error('consumer stopping');
        gated.received.push({ partition, offset });
      },
    });
    return gated;
  }

  /** Lets records below `offset` (of every partition) be processed. */
  allowUpTo(offset: number): void {
    this.allowed = offset;
    for (const w of this.waiters.splice(0)) w();
  }

  /** Leaves the group without processing (or committing) anything more. */
  async stop(): Promise<void> {
    this.stopping = true;
    for (const w of this.waiters.splice(0)) w();
    await this.pool.releaseConsumer(this.spec.id, this.consumer);
  }
}

/** Produces `count` records to one partition, with optional timestamps. */
export async function produceTo(
  producer: Producer,
  topic: string,
  partition: number,
  count: number,
  timestamp?: number,
): Promise<void> {
  await producer.send({
    topic,
    messages: Array.from({ length: count }, (_, i) => ({
      partition,
      value: `v${i}`,
      ...(timestamp !== undefined ? { timestamp: String(timestamp) } : {}),
    })),
  });
}

/** The committed offset of a group on one partition (-1: none). */
export async function committedOffset(
  admin: Admin,
  groupId: string,
  topic: string,
  partition: number,
): Promise<number> {
  const offsets = await admin.fetchOffsets({ groupId, topics: [topic] });
  const p = offsets.find((t) => t.topic === topic)?.partitions.find((x) => x.partition === partition);
  return p ? Number(p.offset) : -1;
}

/** Waits until the group's commit on the partition reaches `offset` (the consumer's own pace). */
export function waitForCommit(admin: Admin, groupId: string, topic: string, partition: number, offset: number) {
  return waitFor(`group ${groupId} to commit ${offset} on ${topic}/${partition}`, async () =>
    (await committedOffset(admin, groupId, topic, partition)) === offset ? true : undefined,
  );
}

/** Waits until the group has no members (Empty). */
export function waitForEmpty(admin: Admin, groupId: string) {
  return waitFor(`group ${groupId} to be Empty`, async () => {
    const { groups } = await admin.describeGroups([groupId]);
    return groups[0]?.members.length === 0 ? true : undefined;
  });
}

/** Waits until the group has a member owning partitions (Stable). */
export function waitForStable(admin: Admin, groupId: string) {
  return waitFor(`group ${groupId} to be Stable`, async () => {
    const { groups } = await admin.describeGroups([groupId]);
    return groups[0]?.state === 'Stable' ? true : undefined;
  });
}

/**
 * One test file's plaintext clients to the sandbox broker and what it made there: the topics,
 * groups and consumers it records here are removed by `dispose` (in `after`), with the clients.
 */
export class LagTestKit {
  readonly pool = newPool();
  readonly spec = specFor('plaintext');
  readonly cluster = new KafkaCluster(this.pool, this.spec);
  readonly topics: string[] = [];
  readonly groups: string[] = [];
  readonly consumers: GatedConsumer[] = [];

  /** A unique group name, deleted by `dispose`. */
  newGroup(prefix: string): string {
    const g = uniqueName(prefix);
    this.groups.push(g);
    return g;
  }

  async dispose(): Promise<void> {
    for (const c of this.consumers) await c.stop().catch(() => undefined);
    for (const g of this.groups) await this.cluster.deleteConsumerGroup(g).catch(() => undefined);
    for (const t of this.topics) await this.cluster.deleteTopic(t).catch(() => undefined);
    await this.pool.disposeAll();
  }
}
