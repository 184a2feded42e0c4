import type * as vscode from 'vscode';
import { treeItemContext } from '../../../../contract/treeItemContext';
import type { ConfigRow } from '../../../../services/clusterModel';
import { describeTieredRetention, tieredRetention } from '../../../../shared/mskClusterKinds';
import { BranchNode, type ExplorerNode } from '../explorerNode';
import { byText, folderItem, isWritable, type ClusterEnv } from './env';
import { LeafNode } from './leafNode';
import { topicSourceNote } from './topicSourceNote';
import type { TopicNode } from './topicNode';

/** A topic's configuration: overrides first, then the rest by name. */
export class TopicConfigNode extends BranchNode<ConfigRow, ClusterEnv> {
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
      contextValue: treeItemContext({
        kind: 'configEntry',
        variant: c.isOverride ? 'override' : 'default',
        writable: isWritable(this.env, this.topicNode.cluster),
      }),
      data: c,
    });
  }
  protected emptyLabel(): string {
    return 'No configuration';
  }
  getTreeItem(): vscode.TreeItem {
    const view = this.list.view();
    const loaded = view.status === 'loaded';
    const source = loaded ? topicSourceNote(this.env, this.topicNode.cluster) : undefined;
    const overrides = loaded ? view.visible.filter((c) => c.isOverride).length : undefined;
    // The MSK API gives values without their source: count entries, not overrides.
    const description = source
      ? `${view.visible.length} entr${view.visible.length === 1 ? 'y' : 'ies'} · ${source.description}`
      : overrides === undefined
        ? undefined
        : `${overrides} override${overrides === 1 ? '' : 's'}`;
    const item = folderItem(
      this.id,
      'Configuration',
      'settings-gear',
      treeItemContext({ kind: 'topicConfig', writable: isWritable(this.env, this.topicNode.cluster) }),
      description,
    );
    if (source) item.tooltip = source.tooltip;
    // A tiered-storage topic (remote.storage.enable=true) keeps local and remote retention apart.
    const tiered = loaded ? tieredRetention(view.visible) : undefined;
    if (tiered) {
      const line = describeTieredRetention(tiered);
      item.description = `${String(item.description ?? '')} · tiered: ${line}`;
      item.tooltip = `${source ? `${source.tooltip}\n\n` : ''}Tiered storage (remote.storage.enable=true)\nlocal: local.retention.ms / local.retention.bytes (on the brokers)\ntotal: retention.ms / retention.bytes (remote storage included)\n${line}`;
    }
    return item;
  }
}
