/**
 * Tail session names, and the groups older versions left: they tailed through an ephemeral consumer
 * group named with TAIL_GROUP_PREFIX. A tail reads without a group now; groups a crashed session of
 * an older version left (Empty, with the prefix) are still deleted the next time a tail starts.
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
