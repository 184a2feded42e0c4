/** Shared helpers of the tail integration tests. */
import type { TailRecord } from '../../../src/kafka/tail';
import { TailSession, type TailSessionOptions } from '../../../src/kafka/tail';
import type { KafkaClientPool } from '../../../src/kafka/clientPool';
import { specFor, waitFor, type SpecKind } from '../kafka/helpers';
import { withAdmin } from '../support/sandbox';

export function startTail(
  pool: KafkaClientPool,
  topic: string,
  opts: Partial<TailSessionOptions> & { kind?: SpecKind; who?: 'admin' | 'readonly' } = {},
): Promise<TailSession> {
  const { kind, who, ...options } = opts;
  return TailSession.start({
    pool,
    spec: specFor(kind ?? 'plaintext', who),
    topic,
    start: { kind: 'newest' },
    bufferSize: 100_000,
    ...options,
  });
}

/** The values in the session's buffer, in arrival order. */
export function values(session: TailSession): string[] {
  return [...session.buffer.view()].map((r: TailRecord) => r.value?.toString('utf8') ?? '');
}

/** Waits until the buffer holds `count` records (throws on timeout, or when it holds more). */
export async function waitForCount(session: TailSession, count: number, timeoutMs = 30_000): Promise<void> {
  await waitFor(
    `${count} records in the tail of ${session.topic} (have ${session.buffer.size})`,
    () => Promise.resolve(session.buffer.size >= count ? true : undefined),
    timeoutMs,
  );
}

/** Ids of the consumer groups on the sandbox. */
export async function groupIds(): Promise<string[]> {
  return withAdmin(async (admin) => (await admin.listGroups()).groups.map((g) => g.groupId));
}
