import * as vscode from 'vscode';
import {
  authModeLabel,
  type BrokerRow,
  type ClusterOps,
  type ClusterRef,
  type ConfigRow,
  type ConnectorRow,
  type GroupRow,
  type PartitionRow,
  type TopicRow,
} from '../../services/clusterModel';
import { BranchNode, ExplorerNode, type ExplorerEnv, type PagedBranch } from './explorerNode';

/** What cluster nodes need beyond display settings: data access and the read-only rule. */
export interface ClusterEnv extends ExplorerEnv {
  opsFor(cluster: ClusterRef): ClusterOps;
  isReadOnly(cluster: ClusterRef): boolean;
  showInternalTopics(): boolean;
  /** The lag shown on group items, once the lag feature installed it (see ExplorerView.setGroupLagSource). */
  groupLag?: GroupLagSource;
}

const byText = (text: string, filterLower: string) => text.toLowerCase().includes(filterLower);

function writableTag(env: ClusterEnv, cluster: ClusterRef): string {
  return env.isReadOnly(cluster) ? 'readonly' : 'writable';
}

/** A root whose children are clusters, filterable by name. */
abstract class ClusterListNode extends BranchNode<ClusterRef> {
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
    return new ClusterNode(this, this.env as ClusterEnv, c);
  }
}

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
    item.contextValue = 'awsScope filterable';
    return item;
  }
}

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
    item.contextValue = 'manualConnections filterable';
    return item;
  }
}

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
    item.contextValue = `cluster ${c.source} ${writableTag(this.env, c)}`;
    return item;
  }
}

type OpsFn = () => ClusterOps;

export class BrokersNode extends BranchNode<BrokerRow> {
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
      contextValue: 'broker',
    });
  }
  protected emptyLabel(): string {
    return 'No brokers';
  }
  getTreeItem(): vscode.TreeItem {
    return folderItem(this.id, 'Brokers', 'server-process', 'brokers', countDescription(this));
  }
}

export class TopicsNode extends BranchNode<TopicRow> {
  readonly id: string;
  constructor(
    readonly clusterNode: ClusterNode,
    env: ClusterEnv,
    ops: OpsFn,
  ) {
    super(
      clusterNode,
      env,
      async () => {
        const topics = await ops().topics();
        const shown = env.showInternalTopics() ? topics : topics.filter((t) => !t.internal);
        return { items: shown.sort((a, b) => a.name.localeCompare(b.name)) };
      },
      (t, f) => byText(t.name, f),
    );
    this.id = `${clusterNode.id}/topics`;
  }
  protected keyOf(t: TopicRow): string {
    return t.name;
  }
  protected createChild(t: TopicRow): ExplorerNode {
    return new TopicNode(this, this.env as ClusterEnv, t);
  }
  protected emptyLabel(): string {
    return 'No topics';
  }
  getTreeItem(): vscode.TreeItem {
    const item = folderItem(
      this.id,
      'Topics',
      'list-unordered',
      '',
      this.filterDescription() ?? countDescription(this),
    );
    item.contextValue = `topics filterable ${writableTag(this.env as ClusterEnv, this.clusterNode.cluster)}`;
    return item;
  }
}

export class TopicNode extends BranchNode<PartitionRow> {
  readonly id: string;
  readonly configNode: TopicConfigNode;
  constructor(
    readonly topicsNode: TopicsNode,
    env: ClusterEnv,
    readonly topic: TopicRow,
  ) {
    const cluster = topicsNode.clusterNode.cluster;
    super(topicsNode, env, async () => ({ items: await env.opsFor(cluster).partitions(topic.name) }));
    this.id = `${topicsNode.id}/${topic.name}`;
    this.configNode = new TopicConfigNode(this, env);
  }
  get cluster(): ClusterRef {
    return this.topicsNode.clusterNode.cluster;
  }
  protected override fixedChildren(): ExplorerNode[] {
    return [this.configNode];
  }
  protected keyOf(p: PartitionRow): string {
    return String(p.partition);
  }
  protected createChild(p: PartitionRow): ExplorerNode {
    const lagging = p.isr.length < p.replicas.length;
    return new LeafNode(this, `partition/${p.partition}`, {
      label: `Partition ${p.partition}`,
      description: `leader ${p.leader} · replicas [${p.replicas.join(',')}] · isr [${p.isr.join(',')}] · offsets ${p.earliest}–${p.latest}`,
      icon: lagging ? 'warning' : 'symbol-number',
      tooltip: [
        `Partition ${p.partition} of ${this.topic.name}`,
        `Leader: broker ${p.leader}`,
        `Replicas: ${p.replicas.join(', ')}`,
        `In-sync replicas: ${p.isr.join(', ')}${lagging ? ' (under-replicated)' : ''}`,
        `Earliest offset: ${p.earliest}`,
        `Latest offset: ${p.latest}`,
        `Messages retained: ${safeDiff(p.latest, p.earliest)}`,
      ].join('\n'),
      contextValue: 'partition',
    });
  }
  protected emptyLabel(): string {
    return 'No partitions';
  }
  getTreeItem(): vscode.TreeItem {
    const t = this.topic;
    const item = new vscode.TreeItem(t.name, vscode.TreeItemCollapsibleState.Collapsed);
    item.id = this.id;
    const parts = [`${t.partitions} partition${t.partitions === 1 ? '' : 's'}`, `RF ${t.replicationFactor}`];
    if (t.underReplicated) parts.push('under-replicated');
    item.description = parts.join(' · ');
    item.iconPath = new vscode.ThemeIcon(
      t.underReplicated ? 'warning' : 'symbol-event',
      t.underReplicated ? new vscode.ThemeColor('list.warningForeground') : undefined,
    );
    item.tooltip = `${t.name}\n${parts.join('\n')}${t.internal ? '\ninternal topic' : ''}`;
    item.contextValue = `topic ${writableTag(this.env as ClusterEnv, this.cluster)}`;
    return item;
  }
}

export class TopicConfigNode extends BranchNode<ConfigRow> {
  readonly id: string;
  constructor(
    readonly topicNode: TopicNode,
    env: ClusterEnv,
  ) {
    super(
      topicNode,
      env,
      async () => {
        const rows = await env.opsFor(topicNode.cluster).topicConfig(topicNode.topic.name);
        // Overrides first, then the rest by name.
        rows.sort((a, b) => Number(b.isOverride) - Number(a.isOverride) || a.name.localeCompare(b.name));
        return { items: rows };
      },
      (c, f) => byText(c.name, f),
    );
    this.id = `${topicNode.id}/config`;
  }
  protected keyOf(c: ConfigRow): string {
    return c.name;
  }
  protected createChild(c: ConfigRow): ExplorerNode {
    const value = c.isSensitive ? '(sensitive)' : (c.value ?? '(null)');
    return new LeafNode(this, `config/${c.name}`, {
      label: c.name,
      description: `${value} · ${c.source}`,
      icon: c.isOverride ? 'edit' : 'symbol-constant',
      tooltip: `${c.name} = ${value}\nSource: ${c.source}${c.readOnly ? '\nRead-only' : ''}`,
      contextValue: `configEntry ${c.isOverride ? 'override' : 'default'} ${writableTag(this.env as ClusterEnv, this.topicNode.cluster)}`,
      data: c,
    });
  }
  protected emptyLabel(): string {
    return 'No configuration';
  }
  getTreeItem(): vscode.TreeItem {
    const view = this.list.view();
    const overrides = view.status === 'loaded' ? view.visible.filter((c) => c.isOverride).length : undefined;
    const item = folderItem(
      this.id,
      'Configuration',
      'settings-gear',
      '',
      overrides === undefined ? undefined : `${overrides} override${overrides === 1 ? '' : 's'}`,
    );
    item.contextValue = `topicConfig ${writableTag(this.env as ClusterEnv, this.topicNode.cluster)}`;
    return item;
  }
}

/**
 * What the tree shows of a group's lag: read from the lag monitor's cache (never any I/O here).
 * Set by the lag feature; without it groups show state and members only.
 */
export interface GroupLagSource {
  /** Cached lag of a group, if the monitor has sampled it. */
  lagOf(cluster: ClusterRef, groupId: string): GroupLagBadge | undefined;
  /** The Groups folder of this cluster is on screen: keep (or start) refreshing in the background. */
  watch(cluster: ClusterRef): void;
}

export interface GroupLagBadge {
  totalLag: number;
  /** 'OK' | 'WARN' | 'ERR' | 'collecting'. */
  status: string;
  /** e.g. "collecting (2/5)" or "WARN". */
  label: string;
  reason: string;
  /** State and members as of the same refresh (fresher than the listed ones). */
  state: string;
  members: number;
}

export class GroupsNode extends BranchNode<GroupRow> {
  readonly id: string;
  constructor(
    readonly clusterNode: ClusterNode,
    env: ClusterEnv,
    ops: OpsFn,
  ) {
    super(
      clusterNode,
      env,
      async () => ({ items: (await ops().groups()).sort((a, b) => a.groupId.localeCompare(b.groupId)) }),
      (g, f) => byText(g.groupId, f),
    );
    this.id = `${clusterNode.id}/groups`;
  }
  override getChildren(): ExplorerNode[] {
    this.clusterEnv.groupLag?.watch(this.clusterNode.cluster);
    return super.getChildren();
  }
  get clusterEnv(): ClusterEnv {
    return this.env as ClusterEnv;
  }
  /** Redraws the group items (their lag changed); no reload. */
  redraw(): void {
    this.env.refresh.refresh(this);
  }
  protected keyOf(g: GroupRow): string {
    return g.groupId;
  }
  protected createChild(g: GroupRow): ExplorerNode {
    return new GroupNode(this, g);
  }
  protected emptyLabel(): string {
    return 'No consumer groups';
  }
  getTreeItem(): vscode.TreeItem {
    const item = folderItem(
      this.id,
      'Consumer groups',
      'organization',
      '',
      this.filterDescription() ?? countDescription(this),
    );
    item.contextValue = 'groups filterable';
    return item;
  }
}

export class ConnectorsNode extends BranchNode<ConnectorRow> {
  readonly id: string;
  constructor(
    readonly clusterNode: ClusterNode,
    env: ClusterEnv,
    ops: OpsFn,
  ) {
    super(
      clusterNode,
      env,
      async () => ({ items: await ops().connectors() }),
      (c, f) => byText(c.name, f),
    );
    this.id = `${clusterNode.id}/connectors`;
  }
  protected keyOf(c: ConnectorRow): string {
    return c.arn;
  }
  protected createChild(c: ConnectorRow): ExplorerNode {
    const failed = c.state === 'FAILED';
    return new LeafNode(this, `connector/${c.name}`, {
      label: c.name,
      description: [c.state, c.capacity, c.plugin, `Connect ${c.kafkaConnectVersion}`].filter(Boolean).join(' · '),
      icon: failed ? 'error' : c.state === 'RUNNING' ? 'plug' : 'debug-pause',
      iconColor: failed ? 'errorForeground' : undefined,
      tooltip: `${c.name}\n${c.arn}\nState: ${c.state}\nCapacity: ${c.capacity}\nPlugin: ${c.plugin}\nKafka Connect ${c.kafkaConnectVersion}`,
      contextValue: 'connector',
      data: c,
      command: { command: 'msk.showConnectorDetails', title: 'Show Connector Details' },
    });
  }
  protected emptyLabel(): string {
    return 'No MSK Connect connectors for this cluster';
  }
  getTreeItem(): vscode.TreeItem {
    return folderItem(this.id, 'Connectors', 'plug', 'connectors', countDescription(this));
  }
}

export interface LeafSpec<T = unknown> {
  label: string;
  description?: string;
  icon: string;
  iconColor?: string;
  tooltip?: string;
  contextValue: string;
  data?: T;
  /** A command run on click; the node is passed as its argument. */
  command?: { command: string; title: string };
}

export class LeafNode<T = unknown> extends ExplorerNode {
  readonly id: string;
  constructor(
    parent: ExplorerNode,
    key: string,
    readonly spec: LeafSpec<T>,
  ) {
    super(parent);
    this.id = `${parent.id}/${key}`;
  }
  get data(): T | undefined {
    return this.spec.data;
  }
  getTreeItem(): vscode.TreeItem {
    const s = this.spec;
    const item = new vscode.TreeItem(s.label, vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    item.description = s.description;
    item.iconPath = new vscode.ThemeIcon(s.icon, s.iconColor ? new vscode.ThemeColor(s.iconColor) : undefined);
    item.tooltip = s.tooltip;
    item.contextValue = s.contextValue;
    if (s.command) item.command = { ...s.command, arguments: [this] };
    return item;
  }
}

function folderItem(
  id: string,
  label: string,
  icon: string,
  contextValue: string,
  description?: string,
): vscode.TreeItem {
  const item = new vscode.TreeItem(label, vscode.TreeItemCollapsibleState.Collapsed);
  item.id = id;
  item.iconPath = new vscode.ThemeIcon(icon);
  item.contextValue = contextValue;
  item.description = description;
  return item;
}

function countDescription(node: PagedBranch): string | undefined {
  return node.matchingCount === undefined ? undefined : String(node.matchingCount);
}

function safeDiff(a: string, b: string): string {
  try {
    return (BigInt(a) - BigInt(b)).toString();
  } catch {
    return '?';
  }
}

function escapeMd(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, '\\$&');
}

const LAG_ICONS: Record<string, [string, string]> = {
  OK: ['pass', 'testing.iconPassed'],
  WARN: ['warning', 'list.warningForeground'],
  ERR: ['error', 'errorForeground'],
};

/** A consumer group: state and members from the list, total lag and verdict from the lag monitor. */
export class GroupNode extends LeafNode<GroupRow> {
  constructor(
    readonly groupsNode: GroupsNode,
    g: GroupRow,
  ) {
    const empty = g.members === 0;
    super(groupsNode, `group/${g.groupId}`, {
      label: g.groupId,
      description: `${g.state} · ${g.members} member${g.members === 1 ? '' : 's'}`,
      icon: empty ? 'circle-outline' : 'organization',
      tooltip: `Consumer group ${g.groupId}\nState: ${g.state}\nMembers: ${g.members}\nProtocol: ${g.protocolType || '-'}`,
      contextValue: `group ${empty ? 'empty' : 'active'} ${writableTag(groupsNode.clusterEnv, groupsNode.clusterNode.cluster)}`,
      data: g,
      command: { command: 'msk.showGroupLag', title: 'Show Consumer Lag' },
    });
  }
  get groupId(): string {
    return (this.spec.data as GroupRow).groupId;
  }
  override getTreeItem(): vscode.TreeItem {
    const item = super.getTreeItem();
    const lag = this.groupsNode.clusterEnv.groupLag?.lagOf(this.groupsNode.clusterNode.cluster, this.groupId);
    if (!lag) return item;
    const members = `${lag.members} member${lag.members === 1 ? '' : 's'}`;
    item.description = `${lag.state} · ${members} · lag ${lag.totalLag.toLocaleString('en-US')} · ${lag.label}`;
    item.tooltip = `${this.spec.tooltip ?? ''}\nTotal lag: ${lag.totalLag}\nHealth: ${lag.label} (${lag.reason})`;
    // Menus follow the fresher member count (reset and delete only for empty groups).
    item.contextValue = this.spec.contextValue.replace(
      /^group (empty|active)\b/,
      `group ${lag.members === 0 ? 'empty' : 'active'}`,
    );
    const icon = LAG_ICONS[lag.status];
    if (icon) item.iconPath = new vscode.ThemeIcon(icon[0], new vscode.ThemeColor(icon[1]));
    return item;
  }
}
