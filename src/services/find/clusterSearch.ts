/**
 * "Find Topic or Consumer Group": the names of every topic and consumer group of many clusters,
 * read with bounded concurrency and handed over cluster by cluster as each answers (the quick pick
 * filters them itself). Each cluster's answer is kept for the life of one search session, so
 * typing or reopening within it asks nothing again. A cluster that fails says why, per kind
 * (topics may come through MSK's API while the groups need the brokers). No vscode import.
 */
import { mapLimit } from '../../shared/concurrency';
import { presentError } from '../../shared/errorPresentation';
import type { ClusterOps, ClusterRef } from '../clusterModel';

export type FoundKind = 'topic' | 'group';

export interface FoundItem {
  kind: FoundKind;
  name: string;
  cluster: ClusterRef;
  /** e.g. "3 partitions · RF 2" or "Stable · 2 members". */
  detail: string;
}

export interface ClusterFailure {
  what: 'topics' | 'consumer groups';
  message: string;
  hint?: string;
}

export interface ClusterAnswer {
  cluster: ClusterRef;
  items: FoundItem[];
  /** What could not be read, with the reason. */
  failures: ClusterFailure[];
}

export interface ClusterSearchDeps {
  ops(cluster: ClusterRef): Pick<ClusterOps, 'topics' | 'groups'>;
  showInternalTopics(): boolean;
  /** Clusters read at once (default 4). */
  concurrency?: number;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

export class ClusterSearch {
  private readonly answers = new Map<string, Promise<ClusterAnswer>>();

  constructor(private readonly deps: ClusterSearchDeps) {}

  /**
   * Reads every cluster (at most `concurrency` at once), calling `onAnswer` as each answers (in the
   * order they answer); resolves with all answers in the order of `clusters`. Never rejects.
   */
  async search(clusters: readonly ClusterRef[], onAnswer?: (answer: ClusterAnswer) => void): Promise<ClusterAnswer[]> {
    const unique = [...new Map(clusters.map((c) => [c.key, c])).values()];
    return mapLimit(unique, this.deps.concurrency ?? 4, async (cluster) => {
      const answer = await this.answer(cluster);
      onAnswer?.(answer);
      return answer;
    });
  }

  private answer(cluster: ClusterRef): Promise<ClusterAnswer> {
    let pending = this.answers.get(cluster.key);
    if (!pending) {
      pending = this.read(cluster);
      this.answers.set(cluster.key, pending);
    }
    return pending;
  }

  private async read(cluster: ClusterRef): Promise<ClusterAnswer> {
    const ops = this.deps.ops(cluster);
    const failures: ClusterFailure[] = [];
    const failed = (what: ClusterFailure['what']) => (err: unknown) => {
      const { message, hint } = presentError(err);
      failures.push({ what, message, ...(hint ? { hint } : {}) });
      return [];
    };
    const [topics, groups] = await Promise.all([
      ops.topics().catch(failed('topics')),
      ops.groups().catch(failed('consumer groups')),
    ]);
    const internal = this.deps.showInternalTopics();
    const items: FoundItem[] = [
      ...topics
        .filter((t) => internal || !t.internal)
        .sort((a, b) => a.name.localeCompare(b.name))
        .map((t) => ({
          kind: 'topic' as const,
          name: t.name,
          cluster,
          detail: `${plural(t.partitions, 'partition')} · RF ${t.replicationFactor}`,
        })),
      ...groups
        .sort((a, b) => a.groupId.localeCompare(b.groupId))
        .map((g) => ({
          kind: 'group' as const,
          name: g.groupId,
          cluster,
          detail: `${g.state} · ${plural(g.members, 'member')}`,
        })),
    ];
    return { cluster, items, failures };
  }
}
