/**
 * Reads what an export holds from a cluster: topics with partitions and configuration (through the
 * cluster's topic source: the brokers, or MSK's topic API when they cannot be reached), consumer
 * groups with members and total lag, one group's lag table (the lag engine's rows). Bounded
 * concurrency, progress and cancellation for large clusters. No vscode import.
 */
import type { KafkaCluster } from '../../kafka/cluster';
import { mapLimit } from '../../shared/concurrency';
import { CancellationError, errorMessage, UserError } from '../../shared/errors';
import type { ClusterOps } from '../clusterModel';
import { kafkaModule } from '../lazyModules';
import { MonitorAdmin } from '../lagMonitorAdmin';
import { MSK_API_CONFIG_SOURCE } from '../topicSourceApi';
import type { GroupExport, GroupLagExport, TopicExport } from './model';

export interface ReadControl {
  /** Aborted: stop at the next topic or step and reject with CancellationError. */
  signal?: AbortSignal;
  /** Called as items are read: `done` of `total`. */
  progress?: (done: number, total: number) => void;
  /** Requests in flight at once (default 8). */
  concurrency?: number;
}

function checkCancel(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new CancellationError();
}

/** "Kafka brokers" or "MSK API (why)": where the topic rows came from, in words for the file. */
export function topicSourceLabel(ops: ClusterOps): string {
  const info = ops.topicSource?.();
  if (info?.kind === 'mskApi') return `MSK API${info.reason ? ` (${info.reason})` : ''}`;
  return 'Kafka brokers';
}

/**
 * Every topic (internal ones only when asked) with its partitions and configuration. A topic whose
 * details cannot be read (deleted meanwhile, not authorized) keeps its listed row and says why.
 */
export async function readTopics(
  ops: ClusterOps,
  opts: ReadControl & { includeInternal: boolean },
): Promise<{ topics: TopicExport[]; source: string }> {
  const listed = (await ops.topics())
    .filter((t) => opts.includeInternal || !t.internal)
    .sort((a, b) => a.name.localeCompare(b.name));
  checkCancel(opts.signal);
  let done = 0;
  opts.progress?.(0, listed.length);
  const topics = await mapLimit(listed, opts.concurrency ?? 8, async (t): Promise<TopicExport> => {
    checkCancel(opts.signal);
    const row: TopicExport = {
      name: t.name,
      partitions: t.partitions,
      replicationFactor: t.replicationFactor,
      underReplicated: t.underReplicated,
      internal: t.internal,
      configs: {},
      partitionDetails: [],
    };
    try {
      const [partitions, configs] = await Promise.all([ops.partitions(t.name), ops.topicConfig(t.name)]);
      row.partitionDetails = partitions.map((p) => ({
        partition: p.partition,
        leader: p.leader,
        replicas: p.replicas,
        isr: p.isr,
        ...(p.earliest !== '' ? { earliestOffset: p.earliest } : {}),
        ...(p.latest !== '' ? { latestOffset: p.latest } : {}),
      }));
      // Through the brokers: the overrides. MSK's topic API marks no overrides: what it reports.
      const viaApi = configs.length > 0 && configs.every((c) => !c.isOverride && c.source === MSK_API_CONFIG_SOURCE);
      for (const c of configs) if (c.isOverride || viaApi) row.configs[c.name] = c.isSensitive ? null : c.value;
    } catch (err) {
      if (opts.signal?.aborted) throw new CancellationError();
      row.error = errorMessage(err);
    }
    opts.progress?.(++done, listed.length);
    return row;
  });
  checkCancel(opts.signal);
  return { topics, source: topicSourceLabel(ops) };
}

/** One refresh of a lag engine of its own (own admin client, dropped after) over `groupIds`. */
async function readLag(kafka: () => Promise<KafkaCluster>, groupIds: readonly string[]) {
  const admin = new MonitorAdmin(kafka);
  try {
    const engine = new (kafkaModule().LagEngine)({ admin: () => admin.get(), resetAdmin: () => admin.drop() });
    return await engine.refresh(groupIds);
  } finally {
    await admin.drop();
  }
}

/** Every consumer group with state, protocol, members (client ids and hosts) and total lag. */
export async function readGroups(kafka: () => Promise<KafkaCluster>, opts: ReadControl = {}): Promise<GroupExport[]> {
  const k = await kafka();
  const described = await k.run('listGroups', {}, (admin) => kafkaModule().describeAllGroups(admin));
  checkCancel(opts.signal);
  const live = described.filter((g) => g.state !== 'Dead').sort((a, b) => a.groupId.localeCompare(b.groupId));
  opts.progress?.(0, live.length);
  let lagById = new Map<string, { totalLag: number; error?: string }>();
  let lagError: string | undefined;
  try {
    const snapshot = await readLag(
      kafka,
      live.map((g) => g.groupId),
    );
    lagById = new Map(snapshot.groups.map((g) => [g.groupId, g]));
  } catch (err) {
    lagError = errorMessage(err);
  }
  checkCancel(opts.signal);
  opts.progress?.(live.length, live.length);
  return live.map((g) => {
    const lag = lagById.get(g.groupId);
    const error = lag?.error ?? lagError;
    return {
      groupId: g.groupId,
      state: g.state,
      protocolType: g.protocolType,
      protocol: g.protocol,
      members: g.members.length,
      memberList: g.members.map((m) => ({ memberId: m.memberId, clientId: m.clientId, clientHost: m.clientHost })),
      totalLag: error || !lag ? null : lag.totalLag,
      ...(error ? { lagError: error } : {}),
    };
  });
}

/** One group's lag table, as Kafka's `kafka-consumer-groups --describe` lists it. */
export async function readGroupLag(kafka: () => Promise<KafkaCluster>, groupId: string): Promise<GroupLagExport> {
  const snapshot = await readLag(kafka, [groupId]);
  const g = snapshot.groups.find((x) => x.groupId === groupId);
  if (!g) {
    throw new UserError(`Consumer group "${groupId}" does not exist.`, {
      code: 'NotFound',
      hint: 'Refresh the consumer group list.',
    });
  }
  if (g.error) throw new UserError(`The offsets of "${groupId}" could not be read: ${g.error}`);
  return lagExportOf(g);
}

/** The export rows of a group's lag as the lag engine (or the lag monitor's cache) has it. */
export function lagExportOf(g: {
  groupId: string;
  state: string;
  totalLag: number;
  partitions: readonly {
    topic: string;
    partition: number;
    committed: number | null;
    logEnd: number;
    lag: number;
    lagFrom: 'committed' | 'earliest';
    clientId?: string;
    clientHost?: string;
  }[];
}): GroupLagExport {
  return {
    groupId: g.groupId,
    state: g.state,
    totalLag: g.totalLag,
    rows: [...g.partitions]
      .sort((a, b) => a.topic.localeCompare(b.topic) || a.partition - b.partition)
      .map((p) => ({
        topic: p.topic,
        partition: p.partition,
        committedOffset: p.committed,
        endOffset: p.logEnd,
        lag: p.lag,
        lagFrom: p.lagFrom,
        ...(p.clientId ? { clientId: p.clientId } : {}),
        ...(p.clientHost ? { clientHost: p.clientHost } : {}),
      })),
  };
}
