/** What the lag monitor shows of groups whose offsets could not be read (no vscode import). */
import type { GroupLag, LagSnapshot } from '../kafka/lag/index';

/**
 * A group whose offsets could not be read this time has no partitions in the engine's snapshot,
 * which would read as "OK, no committed offsets, total lag 0". It keeps what the previous snapshot
 * showed of it (with the error and the fresh state and members), or, never read yet, says that it
 * is still collecting and why.
 */
export function keepUnreadGroups(previous: LagSnapshot | undefined, snap: LagSnapshot): LagSnapshot {
  if (!snap.groups.some((g) => g.error !== undefined)) return snap;
  const before = new Map((previous?.groups ?? []).map((g) => [g.groupId, g]));
  const groups = snap.groups.map((g): GroupLag => {
    if (g.error === undefined) return g;
    const last = before.get(g.groupId);
    if (last) return { ...last, state: g.state, members: g.members, error: g.error };
    return {
      ...g,
      verdict: {
        ...g.verdict,
        status: 'collecting',
        reason: `its offsets could not be read yet: ${g.error}`,
        samples: 0,
      },
    };
  });
  return { ...snap, groups };
}
