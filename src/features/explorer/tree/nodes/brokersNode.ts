import type * as vscode from 'vscode';
import { treeItemContext } from '../../../../contract/treeItemContext';
import type { BrokerRow } from '../../../../services/clusterModel';
import { BranchNode, type ExplorerNode } from '../explorerNode';
import type { ClusterNode } from './clusterNode';
import { countDescription, folderItem, type ClusterEnv, type OpsFn } from './env';
import { BrokerNode } from './brokerNode';

/**
 * A cluster's brokers (live metadata, with MSK's node details where known), after a "Cluster-wide
 * defaults" entry; each broker expands to its configuration.
 */
export class BrokersNode extends BranchNode<BrokerRow, ClusterEnv> {
  readonly id: string;
  readonly defaultsNode: BrokerNode;
  constructor(
    readonly clusterNode: ClusterNode,
    env: ClusterEnv,
    ops: OpsFn,
  ) {
    super(clusterNode, env, async () => ({ items: await ops().brokers() }));
    this.id = `${clusterNode.id}/brokers`;
    this.defaultsNode = new BrokerNode(this, env, null);
  }
  protected override fixedChildren(): ExplorerNode[] {
    return [this.defaultsNode];
  }
  protected keyOf(b: BrokerRow): string {
    return String(b.id);
  }
  protected createChild(b: BrokerRow): ExplorerNode {
    return new BrokerNode(this, this.env, b);
  }
  protected emptyLabel(): string {
    return 'No brokers';
  }
  getTreeItem(): vscode.TreeItem {
    return folderItem(
      this.id,
      'Brokers',
      'server-process',
      treeItemContext({ kind: 'brokers' }),
      countDescription(this),
    );
  }
}
