import type * as vscode from 'vscode';
import { treeItemContext } from '../../../../contract/treeItemContext';
import type { GroupRow } from '../../../../services/clusterModel';
import type { ExplorerNode } from '../explorerNode';
import { ClusterFolderNode } from './clusterFolder';
import type { ClusterNode } from './clusterNode';
import { countDescription, folderItem, type ClusterEnv, type OpsFn } from './env';
import { GroupNode } from './groupNode';

/** A cluster's consumer groups; while on screen, the lag feature keeps their lag fresh. */
export class GroupsNode extends ClusterFolderNode<GroupRow> {
  constructor(clusterNode: ClusterNode, env: ClusterEnv, ops: OpsFn) {
    super(
      clusterNode,
      env,
      'groups',
      async () => (await ops().groups()).sort((a, b) => a.groupId.localeCompare(b.groupId)),
      (g) => g.groupId,
    );
  }
  override getChildren(): ExplorerNode[] {
    this.env.groupLag?.watch(this.clusterNode.cluster);
    return super.getChildren();
  }
  /** Redraws the group items (their lag changed); no reload. */
  redraw(): void {
    this.env.scheduler.refresh(this);
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
    return folderItem(
      this.id,
      'Consumer groups',
      'organization',
      treeItemContext({ kind: 'groups', filterable: true }),
      this.filterDescription() ?? countDescription(this),
    );
  }
}
