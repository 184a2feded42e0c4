import * as vscode from 'vscode';
import { authModeLabel, type ClusterRef } from '../../../../services/clusterModel';
import { treeItemContext } from '../../../../contract/treeItemContext';
import { ExplorerNode } from '../explorerNode';
import { BrokersNode } from './brokersNode';
import { ConnectorsNode } from './connectorsNode';
import { isWritable, type ClusterEnv } from './env';
import { AclsNode } from './aclNodes';
import { GroupsNode } from './groupsNode';
import { SchemaRegistriesNode } from './registriesNode';
import { TopicsNode } from './topicsNode';
import { ClusterConfigurationNode, clusterConfigurationText } from './mskConfigurationNodes';
import { brokerKindOf } from '../../../../shared/mskClusterKinds';

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
      new AclsNode(this, env, () => cluster, { kind: 'cluster' }),
      ...(cluster.source === 'msk' ? [new ConnectorsNode(this, env, ops)] : []),
      ...(cluster.source === 'msk' && cluster.type === 'PROVISIONED'
        ? [new ClusterConfigurationNode(this, cluster)]
        : []),
    ];
  }
  override getChildren(): ExplorerNode[] {
    const schemas = this.schemaFolder();
    return schemas ? [...this.folders, schemas] : this.folders;
  }

  private schemas: { key: string; node: SchemaRegistriesNode } | undefined;

  /** The Schema Registry folder, when the cluster has a registry (made again when its configuration changes). */
  private schemaFolder(): SchemaRegistriesNode | undefined {
    const glue = this.env.schemas?.glue(this.cluster);
    const confluent = this.env.schemas?.confluent(this.cluster);
    if (!glue && !confluent) return undefined;
    const key = `${glue ? 'glue' : ''}|${confluent?.url ?? ''}`;
    if (this.schemas?.key !== key) {
      this.schemas = { key, node: new SchemaRegistriesNode(this, this.env, glue, confluent) };
    }
    return this.schemas.node;
  }
  getTreeItem(): vscode.TreeItem {
    const c = this.cluster;
    const item = new vscode.TreeItem(c.name, vscode.TreeItemCollapsibleState.Collapsed);
    item.id = this.id;
    const type = c.type === 'SELF_MANAGED' ? 'self-managed' : c.type.toLowerCase();
    const express = brokerKindOf(c.instanceType) === 'EXPRESS' ? 'Express brokers' : undefined;
    const parts = [type, express, c.state, c.kafkaVersion, c.authModes.map(authModeLabel).join(', ')].filter(Boolean);
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
      ['MSK configuration', clusterConfigurationText(c)],
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
