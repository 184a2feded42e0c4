import * as vscode from 'vscode';
import { Commands } from '../../../../contract/commands';
import { treeItemContext } from '../../../../contract/treeItemContext';
import type { GroupRow } from '../../../../services/clusterModel';
import { isWritable } from './env';
import type { GroupsNode } from './groupsNode';
import { LeafNode } from './leafNode';

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
      contextValue: groupContext(groupsNode, g.members),
      data: g,
      command: { handle: Commands.showGroupLag, title: 'Show Consumer Lag' },
    });
  }
  get groupId(): string {
    return (this.spec.data as GroupRow).groupId;
  }
  override getTreeItem(): vscode.TreeItem {
    const item = super.getTreeItem();
    const lag = this.groupsNode.env.groupLag?.lagOf(this.groupsNode.clusterNode.cluster, this.groupId);
    if (!lag) return item;
    const members = `${lag.members} member${lag.members === 1 ? '' : 's'}`;
    item.description = `${lag.state} · ${members} · lag ${lag.totalLag.toLocaleString('en-US')} · ${lag.label}`;
    item.tooltip = `${this.spec.tooltip ?? ''}\nTotal lag: ${lag.totalLag}\nHealth: ${lag.label} (${lag.reason})`;
    // Menus follow the fresher member count (reset and delete only for empty groups).
    item.contextValue = groupContext(this.groupsNode, lag.members);
    const icon = LAG_ICONS[lag.status];
    if (icon) item.iconPath = new vscode.ThemeIcon(icon[0], new vscode.ThemeColor(icon[1]));
    return item;
  }
}

/** Reset and delete are offered only for empty groups, and only on writable clusters. */
function groupContext(groupsNode: GroupsNode, members: number): string {
  return treeItemContext({
    kind: 'group',
    variant: members === 0 ? 'empty' : 'active',
    writable: isWritable(groupsNode.env, groupsNode.clusterNode.cluster),
  });
}
