/**
 * Offset resets of an empty consumer group: plan (read the offsets, compute the targets clamped to
 * [earliest, latest] and the lag after), show the plan, then apply it — refusing while the group has
 * members, checked again right before writing.
 */
import type { Admin } from 'kafkajs';
import { KafkaUserError } from '../errors';

export type ResetTarget =
  | { kind: 'earliest' }
  | { kind: 'latest' }
  | { kind: 'timestamp'; timestamp: number }
  | { kind: 'offset'; offset: number }
  | { kind: 'shift'; by: number };

export interface ResetRequest {
  groupId: string;
  topic: string;
  /** Undefined: every partition of the topic. */
  partitions?: number[];
  target: ResetTarget;
}

export interface ResetRow {
  partition: number;
  /** Undefined: the group has no committed offset there. */
  current?: number;
  next: number;
  earliest: number;
  latest: number;
  /** The requested offset fell outside [earliest, latest] and was moved to the nearest end. */
  clamped: boolean;
  lagAfter: number;
}

export interface ResetPlan {
  request: ResetRequest;
  rows: ResetRow[];
}

export function describeTarget(t: ResetTarget): string {
  switch (t.kind) {
    case 'earliest':
      return 'the earliest offset';
    case 'latest':
      return 'the latest offset';
    case 'timestamp':
      return `the first offset at or after ${new Date(t.timestamp).toISOString()}`;
    case 'offset':
      return `offset ${t.offset}`;
    case 'shift':
      return `${t.by >= 0 ? '+' : ''}${t.by} from the committed offset`;
  }
}

/** Refuses when the group has active members (the offsets they commit would overwrite the reset). */
export async function assertGroupEmpty(admin: Admin, groupId: string): Promise<void> {
  const { groups } = await admin.describeGroups([groupId]);
  const g = groups.find((x) => x.groupId === groupId);
  if (!g || g.members.length === 0) return;
  const clients = [...new Set(g.members.map((m) => m.clientId))].slice(0, 5).join(', ');
  throw new KafkaUserError(
    `Consumer group "${groupId}" has ${g.members.length} active member(s) (${clients}), so its offsets cannot be reset.`,
    { code: 'GroupNotEmpty', hint: 'Stop the consumers of this group and wait until it is Empty, then reset.' },
  );
}

/** Pure: the new offset of one partition. */
export function targetOffset(
  target: ResetTarget,
  current: number | undefined,
  earliest: number,
  latest: number,
  byTimestamp?: number,
): { next: number; clamped: boolean } {
  let wanted: number;
  switch (target.kind) {
    case 'earliest':
      wanted = earliest;
      break;
    case 'latest':
      wanted = latest;
      break;
    case 'timestamp':
      wanted = byTimestamp ?? latest;
      break;
    case 'offset':
      wanted = target.offset;
      break;
    case 'shift':
      wanted = (current ?? earliest) + target.by;
      break;
  }
  const next = Math.min(latest, Math.max(earliest, wanted));
  return { next, clamped: next !== wanted };
}

export async function planReset(admin: Admin, request: ResetRequest): Promise<ResetPlan> {
  await assertGroupEmpty(admin, request.groupId);
  const [ends, committed, stamps] = await Promise.all([
    admin.fetchTopicOffsets(request.topic),
    admin.fetchOffsets({ groupId: request.groupId, topics: [request.topic] }),
    request.target.kind === 'timestamp'
      ? admin.fetchTopicOffsetsByTimestamp(request.topic, request.target.timestamp)
      : Promise.resolve([]),
  ]);
  const current = new Map<number, number>();
  for (const t of committed)
    for (const p of t.partitions) if (Number(p.offset) >= 0) current.set(p.partition, Number(p.offset));
  const byTime = new Map(stamps.map((s) => [s.partition, Number(s.offset)]));
  const wanted = request.partitions ? new Set(request.partitions) : undefined;
  const unknown = request.partitions?.filter((p) => !ends.some((e) => e.partition === p)) ?? [];
  if (unknown.length) {
    throw new KafkaUserError(`Topic "${request.topic}" has no partition ${unknown.join(', ')}.`, { code: 'NotFound' });
  }
  const rows = ends
    .filter((e) => !wanted || wanted.has(e.partition))
    .sort((a, b) => a.partition - b.partition)
    .map((e): ResetRow => {
      const earliest = Number(e.low);
      const latest = Number(e.high);
      const cur = current.get(e.partition);
      const { next, clamped } = targetOffset(request.target, cur, earliest, latest, byTime.get(e.partition));
      return { partition: e.partition, current: cur, next, earliest, latest, clamped, lagAfter: latest - next };
    });
  return { request, rows };
}

/** Writes the plan's offsets, after checking once more that the group is still empty. */
export async function applyReset(admin: Admin, plan: ResetPlan): Promise<void> {
  await assertGroupEmpty(admin, plan.request.groupId);
  if (plan.rows.length === 0) return;
  try {
    await admin.setOffsets({
      groupId: plan.request.groupId,
      topic: plan.request.topic,
      partitions: plan.rows.map((r) => ({ partition: r.partition, offset: String(r.next) })),
    });
  } catch (err) {
    if (err instanceof Error && /must have no running instances/.test(err.message)) {
      throw new KafkaUserError(
        `Consumer group "${plan.request.groupId}" became active, so its offsets were not reset.`,
        {
          code: 'GroupNotEmpty',
          hint: 'Stop the consumers of this group and wait until it is Empty, then reset.',
        },
      );
    }
    throw err;
  }
  await confirmReset(admin, plan);
}

/**
 * kafkajs's setOffsets returns while its helper consumer may still be committing and leaving the
 * group: wait (bounded) until the new offsets are committed and the group is empty again, so what
 * is read next is the result of the reset.
 */
async function confirmReset(admin: Admin, plan: ResetPlan, timeoutMs = 15_000): Promise<void> {
  const { groupId, topic } = plan.request;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const [offsets, described] = await Promise.all([
      admin.fetchOffsets({ groupId, topics: [topic] }),
      admin.describeGroups([groupId]),
    ]);
    const committed = new Map(
      (offsets.find((t) => t.topic === topic)?.partitions ?? []).map((p) => [p.partition, Number(p.offset)]),
    );
    const done = plan.rows.every((r) => committed.get(r.partition) === r.next);
    const empty = (described.groups.find((g) => g.groupId === groupId)?.members.length ?? 0) === 0;
    if (done && empty) return;
    if (Date.now() > deadline) {
      throw new KafkaUserError(
        `The offsets of "${groupId}" were sent but not confirmed within ${timeoutMs / 1000} s.`,
        {
          code: 'Timeout',
          hint: 'Refresh the lag view to see the committed offsets.',
        },
      );
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** The plan as text lines (for a modal confirmation). */
export function formatPlan(plan: ResetPlan): string[] {
  return plan.rows.map(
    (r) =>
      `p${r.partition}: ${r.current ?? '(none)'} → ${r.next}${r.clamped ? ' (clamped)' : ''} · lag after ${r.lagAfter}`,
  );
}
