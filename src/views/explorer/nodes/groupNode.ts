import * as vscode from 'vscode';
import type { GroupRow } from '../../../services/clusterModel';
import { writableTag } from './env';
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
      contextValue: `group ${empty ? 'empty' : 'active'} ${writableTag(groupsNode.env, groupsNode.clusterNode.cluster)}`,
      data: g,
      command: { command: 'msk.showGroupLag', title: 'Show Consumer Lag' },
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
    item.contextValue = this.spec.contextValue.replace(
      /^group (empty|active)\b/,
      `group ${lag.members === 0 ? 'empty' : 'active'}`,
    );
    const icon = LAG_ICONS[lag.status];
    if (icon) item.iconPath = new vscode.ThemeIcon(icon[0], new vscode.ThemeColor(icon[1]));
    return item;
  }
}
