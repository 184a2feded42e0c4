import type * as vscode from 'vscode';
import { treeItemContext } from '../../../../contract/treeItemContext';
import type { GroupRow } from '../../../../services/clusterModel';
import { BranchNode, type ExplorerNode } from '../explorerNode';
import type { ClusterNode } from './clusterNode';
import { byText, countDescription, folderItem, type ClusterEnv, type OpsFn } from './env';
import { GroupNode } from './groupNode';

/** A cluster's consumer groups; while on screen, the lag feature keeps their lag fresh. */
export class GroupsNode extends BranchNode<GroupRow, ClusterEnv> {
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
