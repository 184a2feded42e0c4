import type * as vscode from 'vscode';
import { treeItemContext } from '../../../../contract/treeItemContext';
import type { TopicRow } from '../../../../services/clusterModel';
import type { ExplorerNode } from '../explorerNode';
import { ClusterFolderNode } from './clusterFolder';
import type { ClusterNode } from './clusterNode';
import { countDescription, folderItem, isWritable, type ClusterEnv, type OpsFn } from './env';
import { topicSourceNote } from './topicSourceNote';
import { TopicNode } from './topicNode';

/** A cluster's topics, sorted by name, filterable (internal topics only when the setting asks). */
export class TopicsNode extends ClusterFolderNode<TopicRow> {
  constructor(clusterNode: ClusterNode, env: ClusterEnv, ops: OpsFn) {
    super(
      clusterNode,
      env,
      'topics',
      async () => {
        const topics = await ops().topics();
        const shown = env.showInternalTopics() ? topics : topics.filter((t) => !t.internal);
        return shown.sort((a, b) => a.name.localeCompare(b.name));
      },
      (t) => t.name,
    );
  }
  protected keyOf(t: TopicRow): string {
    return t.name;
  }
  protected createChild(t: TopicRow): ExplorerNode {
    return new TopicNode(this, this.env, t);
  }
  protected emptyLabel(): string {
    return 'No topics';
  }
  getTreeItem(): vscode.TreeItem {
    const source = topicSourceNote(this.env, this.clusterNode.cluster);
    const count = this.filterDescription() ?? countDescription(this);
    const item = folderItem(
      this.id,
      'Topics',
      'list-unordered',
      treeItemContext({
        kind: 'topics',
        filterable: true,
        writable: isWritable(this.env, this.clusterNode.cluster),
      }),
      source ? [count, source.description].filter(Boolean).join(' · ') : count,
    );
    if (source) item.tooltip = source.tooltip;
    return item;
  }
}
