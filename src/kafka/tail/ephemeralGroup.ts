/**
 * kafkajs always consumes through a consumer group. A tail uses one ephemeral group per session,
 * named with TAIL_GROUP_PREFIX, never commits offsets, and deletes the group when it stops. Groups
 * left by a crashed session (Empty, with the prefix) are deleted the next time a tail starts.
 */
import { randomBytes } from 'node:crypto';
import type { Admin } from 'kafkajs';
import { errorObjects } from '../../shared/errorChain';

export const TAIL_GROUP_PREFIX = 'msk-explorer-tail-';

export function newTailGroupId(): string {
  return `${TAIL_GROUP_PREFIX}${Date.now().toString(36)}-${randomBytes(4).toString('hex')}`;
}

export function isTailGroup(groupId: string): boolean {
  return groupId.startsWith(TAIL_GROUP_PREFIX);
}

/** Deletes every Empty group with the tail prefix (left by crashed sessions); best effort. */
export async function deleteStaleTailGroups(admin: Admin): Promise<void> {
  const { groups } = await admin.listGroups();
  const candidates = groups.map((g) => g.groupId).filter(isTailGroup);
  if (!candidates.length) return;
  const described = await admin.describeGroups(candidates);
  const empty = described.groups.filter((g) => g.state === 'Empty' || g.state === 'Dead').map((g) => g.groupId);
  if (!empty.length) return;
  await admin.deleteGroups(empty).catch(() => undefined);
}

/**
 * Deletes the session's group after its consumer left. The broker may still report the member for a
 * moment after LeaveGroup: retry while the group is not empty, up to `timeoutMs`. A principal that
 * may not delete groups (e.g. a read-only one) gets a clear error at once, not after the retries.
 */
export async function deleteTailGroup(admin: Admin, groupId: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await admin.deleteGroups([groupId]);
      return;
    } catch (err) {
      const types = errorObjects(err).map((e) => e.type);
      if (types.includes('GROUP_ID_NOT_FOUND')) return;
      if (types.includes('GROUP_AUTHORIZATION_FAILED'))
        throw new Error(
          `not allowed to delete consumer group ${groupId} (DELETE on Group:${TAIL_GROUP_PREFIX}*); it holds no offsets, and the broker removes it once it expires`,
          { cause: err },
        );
      if (Date.now() > deadline) throw err;
      await new Promise((r) => setTimeout(r, 250));
    }
  }
}
