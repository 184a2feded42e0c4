/**
 * The lag monitor: refreshes consumer lag of the clusters someone is looking at, in the background,
 * and keeps the last snapshot per cluster for the tree and the lag view (which never do I/O
 * themselves). No vscode import.
 *
 * A cluster is refreshed every `refreshSeconds` while it has an interest: a holder (a visible lag
 * view) or a lease (the tree renews one each time it draws the cluster's Groups folder; a collapsed
 * folder is not drawn, so its lease runs out and the refreshes stop).
 */
import type {
  FirstRecord,
  GroupLag,
  LagEngine,
  LagEngineOptions,
  LagSnapshot,
  RecordPosition,
} from '../kafka/lag/index';
import type { GroupStatus } from '../kafka/lag/verdict';
import { presentError } from '../shared/errorPresentation';
import type { Backend } from './backend';
import type { ClusterRef } from './clusterModel';
import {
  CloudWatchLagCache,
  type CloudWatchGroupLag,
  type CloudWatchLagData,
  type CloudWatchLagSource,
  type CloudWatchRead,
} from './cloudWatchLag';
import { ExactTimeLag } from './exactTimeLag';
import { MonitorAdmin } from './lagMonitorAdmin';
import { keepUnreadGroups } from './unreadGroups';
import { kafkaModule } from './lazyModules';

export interface LagSettings {
  refreshSeconds: number;
  windowSamples: number;
  minSamples: number;
  historySamples: number;
  concurrency: number;
}

export const DEFAULT_LAG_SETTINGS: LagSettings = {
  refreshSeconds: 10,
  windowSamples: 10,
  minSamples: 5,
  historySamples: 60,
  concurrency: 16,
};

export interface StatusChange {
  cluster: ClusterRef;
  groupId: string;
  from: GroupStatus | undefined;
  to: GroupStatus;
  reason: string;
}

interface Disposable {
  dispose(): void;
}

interface Entry {
  cluster: ClusterRef;
  engine?: LagEngine;
  engineSettings?: string;
  /** What is shown: the engine's latest snapshot, where unread groups keep what was known (see unreadGroups.ts). */
  shown?: LagSnapshot;
  holders: number;
  leaseUntil: number;
  timer?: ReturnType<typeof setTimeout>;
  running?: Promise<LagSnapshot>;
  error?: string;
  statuses: Map<string, GroupStatus>;
  /** The groups of the engine's latest snapshot by id, rebuilt when that snapshot changes. */
  index?: { snapshot: LagSnapshot; byId: Map<string, GroupLag> };
  /** The monitor's own admin client of the cluster (see lagMonitorAdmin.ts). */
  admin: MonitorAdmin;
  /** Groups shown in detail (`focus`): their exact time lag is read. */
  focused: Map<string, { holders: number; exact: ExactTimeLag }>;
}

/** Reads the first record at or after each position of a cluster (see readFirstRecords in the Kafka layer). */
export type ClusterFirstRecordReader = (
  cluster: ClusterRef,
  positions: RecordPosition[],
  onWarning: (message: string) => void,
) => Promise<Map<string, FirstRecord>>;

type Listener<T> = (value: T) => void;

/** A handle whose `dispose` runs `release` the first time only. */
function disposeOnce(release: () => void): Disposable {
  let done = false;
  return {
    dispose: () => {
      if (done) return;
      done = true;
      release();
    },
  };
}

export class LagMonitor implements Disposable {
  private readonly entries = new Map<string, Entry>();
  private readonly updateListeners = new Set<Listener<ClusterRef>>();
  private readonly statusListeners = new Set<Listener<StatusChange>>();
  private disposed = false;
  /** MSK's CloudWatch lag: the fallback when the brokers do not answer, and time lag next to ours. */
  private cloudWatchCache: CloudWatchLagCache | undefined;

  constructor(
    private readonly backend: Pick<Backend, 'kafka'>,
    private readonly settings: () => LagSettings,
    private readonly log: { warn(m: string): void; debug(m: string): void },
    private readonly now: () => number = Date.now,
    /** Makes the engine of a cluster (tests pass a fake; by default the Kafka layer's LagEngine). */
    private readonly createEngine: (options: LagEngineOptions) => LagEngine = (options) =>
      new (kafkaModule().LagEngine)(options),
    private readonly readFirstRecords: ClusterFirstRecordReader = async (cluster, positions, onWarning) => {
      const k = await backend.kafka(cluster);
      return kafkaModule().readFirstRecords(k.pool, k.spec, positions, {
        onWarning,
        onNotice: (m) => log.warn(`exact time lag: ${m}`),
      });
    },
  ) {}

  /** After every refresh of a cluster (also a failed one). */
  onDidUpdate(listener: Listener<ClusterRef>): Disposable {
    this.updateListeners.add(listener);
    return { dispose: () => this.updateListeners.delete(listener) };
  }

  /** When a group's verdict changes (not from or to "collecting"). */
  onDidChangeStatus(listener: Listener<StatusChange>): Disposable {
    this.statusListeners.add(listener);
    return { dispose: () => this.statusListeners.delete(listener) };
  }

  snapshot(cluster: ClusterRef): LagSnapshot | undefined {
    return this.entries.get(cluster.key)?.shown;
  }

  /** A group of the last snapshot; with exact time lag where known when the group is focused. */
  group(cluster: ClusterRef, groupId: string): GroupLag | undefined {
    const e = this.entries.get(cluster.key);
    const snap = e?.shown;
    if (!e || !snap) return undefined;
    const g = this.rawGroup(e, snap, groupId);
    const focus = e.focused.get(groupId);
    return g && focus ? focus.exact.apply(g, snap.time) : g;
  }

  /**
   * Shows a group in detail until the handle is disposed: after each refresh, the first unread
   * record of each lagging partition is read (once per committed offset) for its exact time lag,
   * and listeners hear of it when it arrives.
   */
  focus(cluster: ClusterRef, groupId: string): Disposable {
    const e = this.entry(cluster);
    let f = e.focused.get(groupId);
    if (!f) {
      f = { holders: 0, exact: new ExactTimeLag((p, w) => this.readFirstRecords(cluster, p, w), this.log, this.now) };
      e.focused.set(groupId, f);
    }
    const focus = f;
    focus.holders += 1;
    this.readExact(e, groupId);
    void this.cloudWatchCache?.readGroup(cluster, groupId);
    return disposeOnce(() => {
      focus.holders -= 1;
      if (focus.holders === 0 && e.focused.get(groupId) === focus) e.focused.delete(groupId);
    });
  }

  /** Whether a background refresh is scheduled for the cluster. */
  isScheduled(cluster: ClusterRef): boolean {
    return this.entries.get(cluster.key)?.timer !== undefined;
  }

  /**
   * Reads MSK's CloudWatch consumer-lag metrics for MSK clusters: while the brokers do not answer
   * (each refresh also reads CloudWatch, at most once a minute, until one succeeds), and for the
   * groups shown in detail. Listeners hear of each read.
   */
  useCloudWatch(source: CloudWatchLagSource | undefined): void {
    this.cloudWatchCache?.dispose();
    this.cloudWatchCache = source
      ? new CloudWatchLagCache(
          source,
          (cluster) => {
            if (!this.disposed) for (const l of this.updateListeners) l(cluster);
          },
          (err) => presentError(err).text,
          this.now,
        )
      : undefined;
  }

  /**
   * CloudWatch's view of the cluster's lag, only while its brokers do not answer (the last refresh
   * failed); undefined when they answer, for clusters other than MSK, or before anything was read.
   */
  cloudWatch(cluster: ClusterRef): CloudWatchRead<CloudWatchLagData> | undefined {
    const e = this.entries.get(cluster.key);
    return e?.error !== undefined ? this.cloudWatchCache?.overview(cluster) : undefined;
  }

  /** CloudWatch's lag of one group (focused groups of MSK clusters), if read. */
  cloudWatchGroup(cluster: ClusterRef, groupId: string): CloudWatchRead<CloudWatchGroupLag | undefined> | undefined {
    return this.cloudWatchCache?.group(cluster, groupId);
  }

  /** The error of the last refresh of the cluster, if it failed. */
  error(cluster: ClusterRef): string | undefined {
    return this.entries.get(cluster.key)?.error;
  }

  /** Keeps the cluster refreshed for a while (the tree calls this whenever it draws the groups). */
  lease(cluster: ClusterRef): void {
    const e = this.entry(cluster);
    e.leaseUntil = this.now() + this.intervalMs() * 2 + 1000;
    this.schedule(e, true);
  }

  /** Keeps the cluster refreshed until the returned handle is disposed (a visible lag view). */
  hold(cluster: ClusterRef): Disposable {
    const e = this.entry(cluster);
    e.holders += 1;
    this.schedule(e, true);
    return disposeOnce(() => {
      e.holders -= 1;
      // Nobody looks any more: pause now rather than after one more refresh.
      if (!this.active(e) && e.timer) {
        clearTimeout(e.timer);
        e.timer = undefined;
      }
    });
  }

  /** Refreshes now (a Refresh button, a test), sharing a refresh already running. */
  refreshNow(cluster: ClusterRef): Promise<LagSnapshot> {
    const e = this.entry(cluster);
    if (e.timer) clearTimeout(e.timer);
    e.timer = undefined;
    return this.run(e);
  }

  /** Forgets a group's history (after its offsets were reset). */
  forget(cluster: ClusterRef, groupId: string): void {
    const e = this.entries.get(cluster.key);
    e?.engine?.forget(groupId);
    e?.statuses.delete(groupId);
  }

  dispose(): void {
    this.disposed = true;
    this.cloudWatchCache?.dispose();
    for (const e of this.entries.values()) {
      if (e.timer) clearTimeout(e.timer);
      void e.admin.drop();
    }
    this.entries.clear();
    this.updateListeners.clear();
    this.statusListeners.clear();
  }

  private entry(cluster: ClusterRef): Entry {
    let e = this.entries.get(cluster.key);
    if (!e) {
      e = {
        cluster,
        holders: 0,
        leaseUntil: 0,
        statuses: new Map(),
        focused: new Map(),
        admin: new MonitorAdmin(() => this.backend.kafka(cluster)),
      };
      this.entries.set(cluster.key, e);
    }
    return e;
  }

  private intervalMs(): number {
    return Math.max(1, this.settings().refreshSeconds) * 1000;
  }

  private active(e: Entry): boolean {
    return !this.disposed && (e.holders > 0 || e.leaseUntil > this.now());
  }

  /** Starts the refresh loop if it is not running; `soon`: first refresh now when nothing was sampled yet. */
  private schedule(e: Entry, soon: boolean): void {
    if (e.timer || e.running || !this.active(e)) return;
    const first = soon && !e.shown;
    e.timer = setTimeout(
      () => {
        e.timer = undefined;
        if (this.active(e)) void this.run(e).catch(() => undefined);
      },
      first ? 0 : this.intervalMs(),
    );
  }

  private run(e: Entry): Promise<LagSnapshot> {
    e.running ??= this.refresh(e).finally(() => {
      e.running = undefined;
      if (!this.disposed) for (const l of this.updateListeners) l(e.cluster);
      this.schedule(e, false);
    });
    return e.running;
  }

  /**
   * A refresh that hangs (a broker that stopped answering) must not stop the loop: after
   * max(30 s, 3 intervals) it counts as failed and the next one may start.
   */
  private withTimeout(work: Promise<LagSnapshot>): Promise<LagSnapshot> {
    const ms = Math.max(30_000, 3 * this.intervalMs());
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`the lag refresh took longer than ${ms / 1000} s`)), ms);
    });
    return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
  }

  private engine(e: Entry): LagEngine {
    const s = this.settings();
    const key = `${s.windowSamples}/${s.minSamples}/${s.historySamples}/${s.concurrency}`;
    if (!e.engine || e.engineSettings !== key) {
      e.engine = this.createEngine({
        admin: () => e.admin.get(),
        resetAdmin: () => e.admin.drop(),
        verdict: { windowSamples: s.windowSamples, minSamples: Math.min(s.minSamples, s.windowSamples) },
        historySamples: s.historySamples,
        concurrency: s.concurrency,
        now: this.now,
      });
      e.engineSettings = key;
    }
    return e.engine;
  }

  /** One read; read again at once if the pool replaced the connection under it (its settings changed). */
  private async read(e: Entry): Promise<LagSnapshot> {
    const closures = e.admin.closures;
    const once = async () => keepUnreadGroups(e.shown, await this.withTimeout(this.engine(e).refresh()));
    let snap: LagSnapshot;
    try {
      snap = await once();
    } catch (err) {
      if (e.admin.closures === closures) throw err;
      snap = await once();
    }
    if (e.admin.closures !== closures && snap.groups.some((g) => g.error !== undefined)) snap = await once();
    if (e.admin.closures !== closures) this.log.debug(`lag of ${e.cluster.name}: read again on its changed connection`);
    return snap;
  }

  private async refresh(e: Entry): Promise<LagSnapshot> {
    // Not read yet, or the brokers did not answer last time: CloudWatch alongside (once a minute).
    if (!e.shown || e.error !== undefined) void this.cloudWatchCache?.readOverview(e.cluster);
    for (const groupId of e.focused.keys()) void this.cloudWatchCache?.readGroup(e.cluster, groupId);
    try {
      const snap = await this.read(e);
      e.shown = snap;
      e.error = undefined;
      this.log.debug(`lag of ${e.cluster.name}: ${snap.groups.length} groups in ${snap.durationMs} ms`);
      this.noticeChanges(e, snap);
      for (const groupId of e.focused.keys()) this.readExact(e, groupId);
      return snap;
    } catch (err) {
      e.error = presentError(err).text;
      this.log.warn(`lag refresh of ${e.cluster.name} failed: ${e.error}`);
      throw err;
    }
  }

  private rawGroup(e: Entry, snap: LagSnapshot, groupId: string): GroupLag | undefined {
    if (e.index?.snapshot !== snap) {
      e.index = { snapshot: snap, byId: new Map(snap.groups.map((g) => [g.groupId, g])) };
    }
    return e.index.byId.get(groupId);
  }

  /** Reads what a focused group's exact time lag lacks; tells the listeners when something new is known. */
  private readExact(e: Entry, groupId: string): void {
    const focus = e.focused.get(groupId);
    const snap = e.shown;
    const g = snap && this.rawGroup(e, snap, groupId);
    if (!focus || !g) return;
    void focus.exact.update(g).then((learned) => {
      if (learned && !this.disposed && e.focused.get(groupId) === focus)
        for (const l of this.updateListeners) l(e.cluster);
    });
  }

  private noticeChanges(e: Entry, snap: LagSnapshot): void {
    for (const g of snap.groups) {
      const to = g.verdict.status;
      if (to === 'collecting') continue;
      const from = e.statuses.get(g.groupId);
      e.statuses.set(g.groupId, to);
      if (from === to) continue;
      const change: StatusChange = { cluster: e.cluster, groupId: g.groupId, from, to, reason: g.verdict.reason };
      for (const l of this.statusListeners) l(change);
    }
  }
}
