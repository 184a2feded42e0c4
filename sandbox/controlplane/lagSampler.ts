/**
 * Samples the real broker's committed and log-end offsets for the CloudWatch lag metrics
 * (lagMetrics.ts): on demand when a CloudWatch request arrives and the newest sample is older than
 * `freshMs`, and once a minute in the background while CloudWatch was asked in the last
 * `activeMs` (an idle sandbox costs nothing). Each sample uses a fresh admin client (a topic
 * deleted since would otherwise break kafkajs's metadata requests for good).
 */
import type { Admin } from 'kafkajs';
import { mapLimit } from '../../src/shared/concurrency';
import type { SandboxState } from '../state';
import { serviceUnavailable } from './errors';
import { LagMetricsStore, type OffsetsSample } from './lagMetrics';
import { privateCluster } from './privateCluster';
import { controlPlaneKafka } from './brokerClient';

export interface LagSamplerOptions {
  /** A sample younger than this is reused by requests (ms). */
  freshMs?: number;
  /** Background sampling continues this long after the last request (ms). */
  activeMs?: number;
  timeoutMs?: number;
}

const CONCURRENCY = 8;

/** Reads every consumer group's committed offsets and the log ends of their topics. */
export async function sampleOffsets(admin: Admin, now: () => number = Date.now): Promise<OffsetsSample> {
  const listed = (await admin.listGroups()).groups.filter(
    (g) => g.protocolType === 'consumer' || g.protocolType === '',
  );
  const described = listed.length ? (await admin.describeGroups(listed.map((g) => g.groupId))).groups : [];
  const offsets = await mapLimit(described, CONCURRENCY, async (g) => {
    try {
      return await admin.fetchOffsets({ groupId: g.groupId });
    } catch {
      return [];
    }
  });
  const topics = [...new Set(offsets.flatMap((o) => o.map((t) => t.topic)))];
  const ends = new Map<string, number>();
  await mapLimit(topics, CONCURRENCY, async (topic) => {
    try {
      for (const p of await admin.fetchTopicOffsets(topic)) ends.set(`${topic}\u0000${p.partition}`, Number(p.high));
    } catch {
      // deleted since the commit: no metric, as MSK publishes none for it
    }
  });
  const time = now();
  return {
    time,
    groups: described.map((g, i) => ({
      groupId: g.groupId,
      state: g.state,
      partitions: (offsets[i] ?? []).flatMap((t) =>
        t.partitions.flatMap((p) => {
          const logEnd = ends.get(`${t.topic}\u0000${p.partition}`);
          const committed = Number(p.offset);
          return logEnd === undefined || !(committed >= 0)
            ? []
            : [{ topic: t.topic, partition: p.partition, committed, logEnd }];
        }),
      ),
    })),
  };
}

export class LagSampler {
  private store: LagMetricsStore | undefined;
  private inFlight: Promise<LagMetricsStore> | undefined;
  private lastAsked = 0;
  private timer: NodeJS.Timeout | undefined;
  private readonly freshMs: number;
  private readonly activeMs: number;
  private readonly timeoutMs: number;

  constructor(
    private readonly state: () => SandboxState,
    opts: LagSamplerOptions = {},
  ) {
    this.freshMs = opts.freshMs ?? 5_000;
    this.activeMs = opts.activeMs ?? 30 * 60_000;
    this.timeoutMs = opts.timeoutMs ?? 10_000;
  }

  /** The metrics, with a sample no older than `freshMs`. */
  async metrics(): Promise<LagMetricsStore> {
    this.lastAsked = Date.now();
    this.schedule();
    const store = this.storeFor(this.state());
    if (store.sampledAt !== undefined && Date.now() - store.sampledAt < this.freshMs) return store;
    return this.sample();
  }

  dispose(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  private storeFor(state: SandboxState): LagMetricsStore {
    const name = state.clusters.provisioned.name;
    const alias = privateCluster(state).name;
    if (!this.store || this.store.clusterName !== name) this.store = new LagMetricsStore(name, [alias]);
    return this.store;
  }

  private schedule(): void {
    if (this.timer) return;
    this.timer = setInterval(() => {
      if (Date.now() - this.lastAsked > this.activeMs) {
        this.dispose();
        return;
      }
      this.sample().catch(() => undefined);
    }, 60_000);
    this.timer.unref();
  }

  private sample(): Promise<LagMetricsStore> {
    if (this.inFlight) return this.inFlight;
    const state = this.state();
    const run = async () => {
      const kafka = controlPlaneKafka(state, 'msk-sandbox-controlplane-lag', { requestTimeout: this.timeoutMs });
      const admin = kafka.admin();
      try {
        await admin.connect();
        const sample = await sampleOffsets(admin);
        const store = this.storeFor(state);
        store.record(sample);
        return store;
      } catch (err) {
        throw serviceUnavailable(
          `The sandbox broker at ${state.listeners.plaintext} could not be sampled: ${err instanceof Error ? err.message : String(err)}`,
        );
      } finally {
        await admin.disconnect().catch(() => undefined);
      }
    };
    this.inFlight = run().finally(() => (this.inFlight = undefined));
    return this.inFlight;
  }
}
