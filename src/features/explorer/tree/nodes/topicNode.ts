import * as vscode from 'vscode';
import type { ClusterRef, PartitionRow, TopicRow } from '../../../../services/clusterModel';
import { treeItemContext } from '../../../../contract/treeItemContext';
import { BranchNode, type ExplorerNode } from '../explorerNode';
import { isWritable, type ClusterEnv } from './env';
import { LeafNode } from './leafNode';
import { TopicConfigNode } from './topicConfigNode';
import { topicSourceNote } from './topicSourceNote';
import type { TopicsNode } from './topicsNode';

/** A topic: its configuration folder, then its partitions. */
export class TopicNode extends BranchNode<PartitionRow, ClusterEnv> {
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
    // MSK's topic API has no offsets: say where the row came from instead.
    const known = p.earliest !== '' && p.latest !== '';
    const source = known ? undefined : topicSourceNote(this.env, this.cluster);
    return new LeafNode(this, `partition/${p.partition}`, {
      label: `Partition ${p.partition}`,
      description: `leader ${p.leader} · replicas [${p.replicas.join(',')}] · isr [${p.isr.join(',')}] · ${known ? `offsets ${p.earliest}–${p.latest}` : (source?.description ?? 'offsets unknown')}`,
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
      ].join('\n'),
      contextValue: treeItemContext({ kind: 'partition' }),
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
    item.contextValue = treeItemContext({ kind: 'topic', writable: isWritable(this.env, this.cluster) });
    return item;
  }
}

function safeDiff(a: string, b: string): string {
  try {
    return (BigInt(a) - BigInt(b)).toString();
  } catch {
    return '?';
  }
}
