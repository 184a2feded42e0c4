/**
 * kafkajs always consumes through a consumer group. A tail uses one ephemeral group per session,
 * named with TAIL_GROUP_PREFIX, never commits offsets, and deletes the group when it stops. Groups
 * left by a crashed session (Empty, with the prefix) are deleted the next time a tail starts.
 */
import { randomBytes } from 'node:crypto';
import type { Admin } from 'kafkajs';

export const TAIL_GROUP_PREFIX = 'msk-explorer-tail-';

export function newTailGroupId(): string {
  return `${TAIL_GROUP_PREFIX}${Date.now().toString(36)}-${randomBytes(4).toString('hex')}`;
}

export function isTailGroup(groupId: string): boolean {
  return groupId.startsWith(TAIL_GROUP_PREFIX);
}

/** Deletes every Empty group with the tail prefix (left by crashed sessions). Returns the ids deleted. */
export async function deleteStaleTailGroups(admin: Admin): Promise<string[]> {
  const { groups } = await admin.listGroups();
  const candidates = groups.map((g) => g.groupId).filter(isTailGroup);
  if (!candidates.length) return [];
  const described = await admin.describeGroups(candidates);
  const empty = described.groups.filter((g) => g.state === 'Empty' || g.state === 'Dead').map((g) => g.groupId);
  if (!empty.length) return [];
  const results = await admin.deleteGroups(empty).catch(() => []);
  return results.filter((r) => !r.errorCode).map((r) => r.groupId);
}

/**
 * Deletes the session's group after its consumer left. The broker may still report the member for a
 * moment after LeaveGroup: retry while the group is not empty, up to `timeoutMs`.
 */
export async function deleteTailGroup(admin: Admin, groupId: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await admin.deleteGroups([groupId]);
      return;
    } catch (err) {
      const codes = groupErrorTypes(err);
      if (codes.includes('GROUP_ID_NOT_FOUND') || codes.includes('COORDINATOR_NOT_AVAILABLE_NOT_FOUND')) return;
      if (Date.now() > deadline) throw err;
      await new Promise((r) => setTimeout(r, 250));
    }
  }
}

function groupErrorTypes(err: unknown): string[] {
  const e = err as { type?: unknown; groups?: { error?: { type?: unknown } }[] };
  const types: string[] = [];
  if (typeof e.type === 'string') types.push(e.type);
  for (const g of e.groups ?? []) if (typeof g.error?.type === 'string') types.push(g.error.type);
  return types;
}
