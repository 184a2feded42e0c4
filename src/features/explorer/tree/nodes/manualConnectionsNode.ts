import * as vscode from 'vscode';
import { treeItemContext } from '../../../../contract/treeItemContext';
import type { ClusterRef } from '../../../../services/clusterModel';
import { ClusterListNode } from './clusterListNode';
import type { ClusterEnv } from './env';

/** Root: the manually added (self-managed) Kafka connections. */
export class ManualConnectionsNode extends ClusterListNode {
  readonly id = 'manual';
  constructor(env: ClusterEnv, fetch: () => Promise<ClusterRef[]>) {
    super(env, async () => ({ items: await fetch() }));
  }
  protected emptyLabel(): string {
    return 'No Kafka connections';
  }
  getTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem('Kafka connections', vscode.TreeItemCollapsibleState.Expanded);
    item.id = this.id;
    item.iconPath = new vscode.ThemeIcon('plug');
    item.contextValue = treeItemContext({ kind: 'manualConnections', filterable: true });
    return item;
  }
}
