import type * as vscode from 'vscode';
import { treeItemContext } from '../../../../contract/treeItemContext';
import type { BrokerRow } from '../../../../services/clusterModel';
import { BranchNode, type ExplorerNode } from '../explorerNode';
import type { ClusterNode } from './clusterNode';
import { countDescription, folderItem, type ClusterEnv, type OpsFn } from './env';
import { LeafNode } from './leafNode';

/** A cluster's brokers (live metadata, with MSK's node details where known). */
export class BrokersNode extends BranchNode<BrokerRow, ClusterEnv> {
  readonly id: string;
  constructor(
    readonly clusterNode: ClusterNode,
    env: ClusterEnv,
    ops: OpsFn,
  ) {
    super(clusterNode, env, async () => ({ items: await ops().brokers() }));
    this.id = `${clusterNode.id}/brokers`;
  }
  protected keyOf(b: BrokerRow): string {
    return String(b.id);
  }
  protected createChild(b: BrokerRow): ExplorerNode {
    return new LeafNode(this, `broker/${b.id}`, {
      label: `Broker ${b.id}`,
      description: [`${b.host}:${b.port}`, b.rack, b.isController ? 'controller' : undefined]
        .filter(Boolean)
        .join(' · '),
      icon: b.isController ? 'star-full' : 'server',
      tooltip: [
        `Broker ${b.id}${b.isController ? ' (controller)' : ''}`,
        `Endpoint: ${b.host}:${b.port}`,
        b.rack ? `Rack (availability zone): ${b.rack}` : '',
        b.clientSubnet ? `Client subnet: ${b.clientSubnet}` : '',
        b.instanceType ? `Instance type: ${b.instanceType}` : '',
      ]
        .filter(Boolean)
        .join('\n'),
      contextValue: treeItemContext({ kind: 'broker' }),
    });
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
