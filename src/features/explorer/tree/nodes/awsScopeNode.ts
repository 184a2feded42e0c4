import * as vscode from 'vscode';
import { treeItemContext } from '../../../../contract/treeItemContext';
import type { ClusterRef } from '../../../../services/clusterModel';
import { ClusterListNode } from './clusterListNode';
import type { ClusterEnv } from './env';
import type { ExplorerNode } from '../explorerNode';
import { MskConfigurationsNode } from './mskConfigurationNodes';

/** Root: one AWS profile in one region → its MSK clusters, a page at a time. */
export class AwsScopeNode extends ClusterListNode {
  readonly id: string;
  constructor(
    env: ClusterEnv,
    readonly profileLabel: string,
    readonly region: string,
    fetchPage: (token: string | undefined) => Promise<{ items: ClusterRef[]; nextToken?: string }>,
    readonly endpoint: string | undefined,
    /** The profile (undefined: the default chain), for the scope's MSK configurations. */
    readonly profile?: string,
  ) {
    super(env, fetchPage);
    this.id = `aws/${profileLabel}/${region}`;
  }

  private configurations: MskConfigurationsNode | undefined;

  /** The clusters, then the scope's "MSK configurations" folder once the clusters could be listed. */
  override getChildren(): ExplorerNode[] {
    const children = super.getChildren();
    const ops = this.env.mskConfigurations;
    const status = this.list.view().status;
    if (!ops || status === 'error' || (status !== 'loaded' && !this.configurations)) return children;
    this.configurations ??= new MskConfigurationsNode(this, this.env, ops, {
      profile: this.profile,
      region: this.region,
    });
    return [...children, this.configurations];
  }

  override refreshTree(): void {
    super.refreshTree();
    this.configurations?.refreshTree();
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
