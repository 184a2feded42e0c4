import * as vscode from 'vscode';
import { commandLink, type NodeCommand } from '../../../../contract/commands';
import { ExplorerNode } from '../explorerNode';

export interface LeafSpec<T = unknown> {
  label: string;
  description?: string;
  icon: string;
  iconColor?: string;
  tooltip?: string;
  /** Built with treeItemContext (src/contract/treeItemContext.ts). */
  contextValue: string;
  data?: T;
  /** A command run on click; the node is passed as its argument. */
  command?: { handle: NodeCommand; title: string };
}

/** An item without children (a broker, a partition, a config entry, a connector, a group). */
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
    if (s.command) item.command = commandLink(s.command.handle, s.command.title, this);
    return item;
  }
}
