import { BranchNode } from '../explorerNode';
import type { ClusterNode } from './clusterNode';
import { byText, type ClusterEnv } from './env';

/** A folder under a cluster (Topics, Consumer groups, Connectors): one load of all its rows, filtered by a text. */
export abstract class ClusterFolderNode<T> extends BranchNode<T, ClusterEnv> {
  readonly id: string;
  constructor(
    readonly clusterNode: ClusterNode,
    env: ClusterEnv,
    folder: string,
    load: () => Promise<T[]>,
    filterText: (item: T) => string,
  ) {
    super(
      clusterNode,
      env,
      async () => ({ items: await load() }),
      (item, f) => byText(filterText(item), f),
    );
    this.id = `${clusterNode.id}/${folder}`;
  }
}
