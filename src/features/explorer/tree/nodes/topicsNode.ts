import type * as vscode from 'vscode';
import { treeItemContext } from '../../../../contract/treeItemContext';
import type { TopicRow } from '../../../../services/clusterModel';
import { BranchNode, type ExplorerNode } from '../explorerNode';
import type { ClusterNode } from './clusterNode';
import { byText, countDescription, folderItem, isWritable, type ClusterEnv, type OpsFn } from './env';
import { TopicNode } from './topicNode';

/** A cluster's topics, sorted by name, filterable (internal topics only when the setting asks). */
export class TopicsNode extends BranchNode<TopicRow, ClusterEnv> {
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
    return new TopicNode(this, this.env, t);
  }
  protected emptyLabel(): string {
    return 'No topics';
  }
  getTreeItem(): vscode.TreeItem {
    return folderItem(
      this.id,
      'Topics',
      'list-unordered',
      treeItemContext({
        kind: 'topics',
        filterable: true,
        writable: isWritable(this.env, this.clusterNode.cluster),
      }),
      this.filterDescription() ?? countDescription(this),
    );
  }
}
