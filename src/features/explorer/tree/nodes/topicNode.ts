import * as vscode from 'vscode';
import type { ClusterRef, PartitionRow, TopicRow } from '../../../../services/clusterModel';
import type { PartitionSizesRow } from '../../../../services/partitionOps';
import { treeItemContext } from '../../../../contract/treeItemContext';
import { BranchNode, ExplorerNode } from '../explorerNode';
import { AclsNode } from './aclNodes';
import { isWritable, type ClusterEnv } from './env';
import { LeafNode, type LeafSpec } from './leafNode';
import { partitionSizeDescription, partitionSizeTooltip, topicSizeText, withSizes } from './partitionSizeText';
import { TopicConfigNode } from './topicConfigNode';
import { topicSourceNote } from './topicSourceNote';
import type { TopicsNode } from './topicsNode';

/**
 * A topic: its configuration folder, then its partitions. Their sizes on disk are read after the
 * partitions load (DescribeLogDirs to every broker holding a replica), so the partitions show at
 * once and the sizes fill in.
 */
export class TopicNode extends BranchNode<PartitionRow, ClusterEnv> {
  readonly id: string;
  readonly configNode: TopicConfigNode;
  readonly aclsNode: AclsNode;
  /** The last sizes read, and the loaded rows they were read for (a new load reads them again). */
  private sizes: { rows: readonly PartitionRow[]; read?: PartitionSizesRow } | undefined;
  constructor(
    readonly topicsNode: TopicsNode,
    env: ClusterEnv,
    readonly topic: TopicRow,
  ) {
    const cluster = topicsNode.clusterNode.cluster;
    super(topicsNode, env, async () => ({ items: await env.opsFor(cluster).partitions(topic.name) }));
    this.id = `${topicsNode.id}/${topic.name}`;
    this.configNode = new TopicConfigNode(this, env);
    this.aclsNode = new AclsNode(this, env, () => this.cluster, { kind: 'topic', name: topic.name });
  }
  get cluster(): ClusterRef {
    return this.topicsNode.clusterNode.cluster;
  }
  protected override fixedChildren(): ExplorerNode[] {
    return [this.configNode, this.aclsNode];
  }
  override getChildren(): ExplorerNode[] {
    const children = super.getChildren();
    this.scheduleSizes();
    return children;
  }
  /** Once the partitions are loaded, schedules reading their sizes (once per load; never I/O here). */
  private scheduleSizes(): void {
    const rows = this.list.loadedItems;
    if (this.list.status !== 'loaded' || this.sizes?.rows === rows) return;
    const admin = this.env.opsFor(this.cluster).partitionAdmin?.();
    if (!admin) return;
    const state: { rows: readonly PartitionRow[]; read?: PartitionSizesRow } = { rows, read: this.sizes?.read };
    this.sizes = state;
    // The redraw after the load shows them on the partitions and the topic item.
    this.env.scheduler.load(this, async () => {
      state.read = await admin.sizes(this.topic.name, rows);
    });
  }
  protected keyOf(p: PartitionRow): string {
    return String(p.partition);
  }
  protected createChild(p: PartitionRow): ExplorerNode {
    return new PartitionNode(this, p);
  }
  /** How partition `row` shows, with its sizes once read. */
  partitionSpec(row: PartitionRow): LeafSpec {
    const p = withSizes(row, this.sizes?.read);
    const lagging = p.isr.length < p.replicas.length;
    // MSK's topic API has no offsets: say where the row came from instead.
    const known = p.earliest !== '' && p.latest !== '';
    const source = known ? undefined : topicSourceNote(this.env, this.cluster);
    return {
      label: `Partition ${p.partition}`,
      description: `leader ${p.leader} · replicas [${p.replicas.join(',')}] · isr [${p.isr.join(',')}] · ${known ? `offsets ${p.earliest}–${p.latest}` : (source?.description ?? 'offsets unknown')}${partitionSizeDescription(p)}`,
      icon: lagging ? 'warning' : 'symbol-number',
      tooltip: [
        `Partition ${p.partition} of ${this.topic.name}`,
        `Leader: broker ${p.leader}`,
        `Replicas: ${p.replicas.join(', ')}`,
        `In-sync replicas: ${p.isr.join(', ')}${lagging ? ' (under-replicated)' : ''}`,
        ...(known
          ? [
              `Earliest offset: ${p.earliest}`,
              `Latest offset: ${p.latest}`,
              `Messages retained: ${safeDiff(p.latest, p.earliest)}`,
            ]
          : ['Offsets: not available through the MSK API', ...(source ? [source.tooltip] : [])]),
        ...partitionSizeTooltip(p),
      ].join('\n'),
      contextValue: treeItemContext({ kind: 'partition' }),
    };
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
    // Once the partitions are loaded: the size on disk the brokers reported (or why there is none).
    const size = topicSizeText(this.list, this.sizes?.read);
    const sizeLine = size.tooltip;
    item.description = [...parts, ...(size.description ? [size.description] : [])].join(' · ');
    item.iconPath = new vscode.ThemeIcon(
      t.underReplicated ? 'warning' : 'symbol-event',
      t.underReplicated ? new vscode.ThemeColor('list.warningForeground') : undefined,
    );
    item.tooltip = `${t.name}\n${parts.join('\n')}${t.internal ? '\ninternal topic' : ''}${sizeLine ? `\n${sizeLine}` : ''}`;
    item.contextValue = treeItemContext({ kind: 'topic', writable: isWritable(this.env, this.cluster) });
    return item;
  }
}

/** A partition, drawn from its row and the topic's latest sizes (which arrive after the row). */
class PartitionNode extends ExplorerNode {
  readonly id: string;
  constructor(
    private readonly topicNode: TopicNode,
    private readonly row: PartitionRow,
  ) {
    super(topicNode);
    this.id = `${topicNode.id}/partition/${row.partition}`;
  }
  getTreeItem(): vscode.TreeItem {
    return new LeafNode(
      this.topicNode,
      `partition/${this.row.partition}`,
      this.topicNode.partitionSpec(this.row),
    ).getTreeItem();
  }
}

function safeDiff(a: string, b: string): string {
  try {
    return (BigInt(a) - BigInt(b)).toString();
  } catch {
    return '?';
  }
}
