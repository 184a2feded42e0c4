/**
 * MSK cluster configurations in the Clusters tree: per AWS profile × region an "MSK configurations"
 * folder → configurations (latest revision, Kafka versions, state) → revisions (a click opens the
 * revision's server.properties); and under each MSK provisioned cluster the configuration revision
 * it runs (or MSK's default configuration). Loads go through the paged branches (no I/O here).
 */
import * as vscode from 'vscode';
import type { MskConfigurationRevisionSummary, MskConfigurationSummary } from '../../../../aws/mskConfigurations';
import { Commands, commandLink } from '../../../../contract/commands';
import { treeItemContext } from '../../../../contract/treeItemContext';
import type { ClusterRef } from '../../../../services/clusterModel';
import { nameFromArn } from '../../../../shared/arn';
import type { ConfigurationScope } from '../../../../services/mskConfigurations';
import { BranchNode, ExplorerNode } from '../explorerNode';
import { byText, countDescription, folderItem, type ClusterEnv } from './env';

/** What the configuration nodes read (the backend's MskConfigurations). */
export interface MskConfigurationOps {
  page(
    scope: ConfigurationScope,
    token: string | undefined,
    pageSize: number,
  ): Promise<{ items: MskConfigurationSummary[]; nextToken?: string }>;
  revisions(scope: ConfigurationScope, arn: string): Promise<MskConfigurationRevisionSummary[]>;
}

/** A configuration revision a tree item stands for (what Open and Compare act on). */
export interface MskConfigurationRevisionTarget {
  scope: ConfigurationScope;
  arn: string;
  /** The configuration's name. */
  name: string;
  revision: number;
}

const dateOf = (d: Date | undefined): string | undefined => d?.toISOString().slice(0, 10);

/** The "MSK configurations" folder of an AWS scope (ListConfigurations, a page at a time). */
export class MskConfigurationsNode extends BranchNode<MskConfigurationSummary, ClusterEnv> {
  readonly id: string;
  constructor(
    parent: ExplorerNode,
    env: ClusterEnv,
    readonly ops: MskConfigurationOps,
    readonly scope: ConfigurationScope,
  ) {
    super(
      parent,
      env,
      (token) => ops.page(scope, token, env.pageSize()),
      (c, f) => byText(c.name, f),
    );
    this.id = `${parent.id}/msk-configurations`;
  }
  protected keyOf(c: MskConfigurationSummary): string {
    return c.arn;
  }
  protected createChild(c: MskConfigurationSummary): ExplorerNode {
    return new MskConfigurationNode(this, this.env, c);
  }
  protected emptyLabel(): string {
    return `No MSK configurations in ${this.scope.region ?? 'this region'}`;
  }
  getTreeItem(): vscode.TreeItem {
    const item = folderItem(
      this.id,
      'MSK configurations',
      'settings',
      treeItemContext({ kind: 'mskConfigurations', filterable: true }),
      this.filterDescription() ?? countDescription(this),
    );
    item.tooltip = `MSK cluster configurations (server.properties with revisions) in ${this.scope.region ?? 'the region'}`;
    return item;
  }
}

/** One configuration → its revisions, newest first (ListConfigurationRevisions). */
export class MskConfigurationNode extends BranchNode<MskConfigurationRevisionSummary, ClusterEnv> {
  readonly id: string;
  constructor(
    readonly folder: MskConfigurationsNode,
    env: ClusterEnv,
    readonly configuration: MskConfigurationSummary,
  ) {
    super(folder, env, async () => ({ items: await folder.ops.revisions(folder.scope, configuration.arn) }));
    this.id = `${folder.id}/${configuration.arn}`;
  }
  protected keyOf(r: MskConfigurationRevisionSummary): string {
    return String(r.revision);
  }
  protected createChild(r: MskConfigurationRevisionSummary): ExplorerNode {
    const c = this.configuration;
    return new MskConfigurationRevisionNode(
      this,
      { scope: this.folder.scope, arn: c.arn, name: c.name, revision: r.revision },
      r,
      r.revision === c.latestRevision?.revision,
    );
  }
  protected emptyLabel(): string {
    return 'No revisions';
  }
  getTreeItem(): vscode.TreeItem {
    const c = this.configuration;
    const item = new vscode.TreeItem(c.name, vscode.TreeItemCollapsibleState.Collapsed);
    item.id = this.id;
    item.iconPath = new vscode.ThemeIcon('file-code');
    const versions = c.kafkaVersions.length ? `Kafka ${c.kafkaVersions.join(', ')}` : 'any Kafka version';
    const latest = c.latestRevision ? `revision ${c.latestRevision.revision}` : undefined;
    item.description = [latest, versions, c.state].filter(Boolean).join(' · ');
    const tip = new vscode.MarkdownString();
    tip.appendMarkdown('**').appendText(c.name).appendMarkdown('**\n\n');
    if (c.description) tip.appendText(c.description).appendMarkdown('\n\n');
    const rows: [string, string | undefined][] = [
      ['ARN', c.arn],
      ['Latest revision', latest],
      ['Kafka versions', versions],
      ['State', c.state],
      ['Created', c.creationTime?.toISOString()],
    ];
    for (const [k, v] of rows) if (v) tip.appendMarkdown(`${k}: `).appendText(v).appendMarkdown('  \n');
    item.tooltip = tip;
    item.contextValue = treeItemContext({ kind: 'mskConfiguration' });
    return item;
  }
}

/** One revision: a click opens its server.properties; the menu compares it with another revision. */
export class MskConfigurationRevisionNode extends ExplorerNode {
  readonly id: string;
  constructor(
    parent: ExplorerNode,
    readonly target: MskConfigurationRevisionTarget,
    readonly summary: MskConfigurationRevisionSummary,
    readonly latest: boolean,
  ) {
    super(parent);
    this.id = `${parent.id}/r${target.revision}`;
  }
  getTreeItem(): vscode.TreeItem {
    const s = this.summary;
    const item = new vscode.TreeItem(`Revision ${s.revision}`, vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    item.description = [s.description, dateOf(s.creationTime), this.latest ? 'latest' : undefined]
      .filter(Boolean)
      .join(' · ');
    item.tooltip = `${this.target.name} revision ${s.revision}${s.description ? `: ${s.description}` : ''}${
      s.creationTime ? `\nCreated ${s.creationTime.toISOString()}` : ''
    }\n${this.target.arn}`;
    item.iconPath = new vscode.ThemeIcon('versions');
    item.contextValue = treeItemContext({ kind: 'mskConfigurationRevision' });
    item.command = commandLink(Commands.openMskConfigurationRevision, 'Open Configuration Revision', this);
    return item;
  }
}

/** The configuration revision `cluster` runs; undefined on MSK's default configuration. */
export function clusterRevisionTarget(cluster: ClusterRef): MskConfigurationRevisionTarget | undefined {
  const c = cluster.configuration;
  if (!c) return undefined;
  return {
    scope: { profile: cluster.profile, region: cluster.region },
    arn: c.arn,
    name: nameFromArn(c.arn) ?? c.arn,
    revision: c.revision,
  };
}

/**
 * What an MSK provisioned cluster runs, in words: "<configuration>, revision N", or "MSK default
 * configuration"; undefined for other clusters (serverless, Kafka connections).
 */
export function clusterConfigurationText(cluster: ClusterRef): string | undefined {
  if (cluster.source !== 'msk' || cluster.type !== 'PROVISIONED') return undefined;
  const target = clusterRevisionTarget(cluster);
  return target ? `${target.name}, revision ${target.revision}` : 'MSK default configuration';
}

/**
 * Under an MSK provisioned cluster: the configuration revision it runs (a click opens it), or MSK's
 * default configuration (nothing to open: MSK does not publish it as a configuration).
 */
export class ClusterConfigurationNode extends ExplorerNode {
  readonly id: string;
  constructor(
    parent: ExplorerNode,
    readonly cluster: ClusterRef,
  ) {
    super(parent);
    this.id = `${parent.id}/msk-configuration`;
  }
  /** The revision the cluster runs; undefined on MSK's default configuration. */
  get target(): MskConfigurationRevisionTarget | undefined {
    return clusterRevisionTarget(this.cluster);
  }
  getTreeItem(): vscode.TreeItem {
    const target = this.target;
    const item = new vscode.TreeItem('MSK configuration', vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    item.iconPath = new vscode.ThemeIcon('settings');
    if (!target) {
      item.description = 'MSK default configuration';
      item.tooltip = 'The cluster runs MSK’s default configuration (no custom server.properties).';
      item.contextValue = treeItemContext({ kind: 'message' });
      return item;
    }
    item.description = `${target.name} · revision ${target.revision}`;
    item.tooltip = `The cluster runs revision ${target.revision} of the MSK configuration ${target.name}\n${target.arn}\nClick to open its server.properties.`;
    item.contextValue = treeItemContext({ kind: 'clusterConfiguration' });
    item.command = commandLink(Commands.openMskConfigurationRevision, 'Open Configuration Revision', this);
    return item;
  }
}
