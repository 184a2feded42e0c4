import * as vscode from 'vscode';
import { treeItemContext } from '../../../../contract/treeItemContext';
import type { ClusterRef } from '../../../../services/clusterModel';
import { ClusterListNode } from './clusterListNode';
import type { ClusterEnv } from './env';

/** Root: one AWS profile in one region → its MSK clusters, a page at a time. */
export class AwsScopeNode extends ClusterListNode {
  readonly id: string;
  constructor(
    env: ClusterEnv,
    readonly profileLabel: string,
    readonly region: string,
    fetchPage: (token: string | undefined) => Promise<{ items: ClusterRef[]; nextToken?: string }>,
    readonly endpoint: string | undefined,
  ) {
    super(env, fetchPage);
    this.id = `aws/${profileLabel}/${region}`;
  }
  protected emptyLabel(): string {
    return `No MSK clusters in ${this.region}`;
  }
  getTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(`${this.profileLabel} · ${this.region}`, vscode.TreeItemCollapsibleState.Expanded);
    item.id = this.id;
    item.iconPath = new vscode.ThemeIcon('cloud');
    item.description = this.filterDescription() ?? (this.endpoint ? `via ${this.endpoint}` : undefined);
    item.tooltip = `AWS profile ${this.profileLabel}, region ${this.region}${this.endpoint ? `\nEndpoint: ${this.endpoint}` : ''}`;
    item.contextValue = treeItemContext({ kind: 'awsScope', filterable: true });
    return item;
  }
}
