import type { ClusterRef } from '../../../../services/clusterModel';
import { BranchNode, type ExplorerNode } from '../explorerNode';
import { ClusterNode } from './clusterNode';
import { byText, type ClusterEnv } from './env';

/** A root whose children are clusters, filterable by name. */
export abstract class ClusterListNode extends BranchNode<ClusterRef, ClusterEnv> {
  constructor(
    env: ClusterEnv,
    fetchPage: (token: string | undefined) => Promise<{ items: ClusterRef[]; nextToken?: string }>,
  ) {
    super(undefined, env, fetchPage, (c, f) => byText(c.name, f));
  }
  protected keyOf(c: ClusterRef): string {
    return c.key;
  }
  protected createChild(c: ClusterRef): ExplorerNode {
    return new ClusterNode(this, this.env, c);
  }
}
