import * as vscode from 'vscode';
import { authModeLabel, type ClusterRef } from '../../../../services/clusterModel';
import { treeItemContext } from '../../../../contract/treeItemContext';
import { ExplorerNode } from '../explorerNode';
import { BrokersNode } from './brokersNode';
import { ConnectorsNode } from './connectorsNode';
import { isWritable, type ClusterEnv } from './env';
import { GroupsNode } from './groupsNode';
import { TopicsNode } from './topicsNode';

/** A cluster: its folders (brokers, topics, groups and, for MSK, connectors). */
export class ClusterNode extends ExplorerNode {
  readonly id: string;
  readonly folders: ExplorerNode[];
  constructor(
    parent: ExplorerNode,
    readonly env: ClusterEnv,
    readonly cluster: ClusterRef,
  ) {
    super(parent);
    this.id = `cluster/${cluster.key}`;
    const ops = () => env.opsFor(cluster);
    this.folders = [
      new BrokersNode(this, env, ops),
      new TopicsNode(this, env, ops),
      new GroupsNode(this, env, ops),
      ...(cluster.source === 'msk' ? [new ConnectorsNode(this, env, ops)] : []),
    ];
  }
  override getChildren(): ExplorerNode[] {
    return this.folders;
  }
  getTreeItem(): vscode.TreeItem {
    const c = this.cluster;
    const item = new vscode.TreeItem(c.name, vscode.TreeItemCollapsibleState.Collapsed);
    item.id = this.id;
    const type = c.type === 'SELF_MANAGED' ? 'self-managed' : c.type.toLowerCase();
    const parts = [type, c.state, c.kafkaVersion, c.authModes.map(authModeLabel).join(', ')].filter(Boolean);
    if (this.env.isReadOnly(c)) parts.push('read-only');
    item.description = parts.join(' · ');
    const ok = !c.state || c.state === 'ACTIVE';
    item.iconPath = new vscode.ThemeIcon(
      c.type === 'SERVERLESS' ? 'cloud' : 'server-environment',
      ok ? undefined : new vscode.ThemeColor('list.warningForeground'),
    );
    const tip = new vscode.MarkdownString();
    tip.appendMarkdown(`**${escapeMd(c.name)}**\n\n`);
    const rows: [string, string | undefined][] = [
      ['ARN', c.arn],
      ['Type', type],
      ['State', c.state],
      ['Kafka version', c.kafkaVersion],
      ['Authentication', c.authModes.map(authModeLabel).join(', ')],
      ['Brokers', c.brokerCount?.toString()],
      ['Region', c.region],
      ['Profile', c.profile],
      ['Created', c.creationTime?.toISOString()],
    ];
    for (const [k, v] of rows) if (v) tip.appendMarkdown(`${k}: `).appendText(v).appendMarkdown('  \n');
    item.tooltip = tip;
    item.contextValue = treeItemContext({ kind: 'cluster', variant: c.source, writable: isWritable(this.env, c) });
    return item;
  }
}

function escapeMd(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, '\\$&');
}
