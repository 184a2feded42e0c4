import * as vscode from 'vscode';
import { Commands, commandLink } from '../../../../contract/commands';
import { treeItemContext } from '../../../../contract/treeItemContext';
import { ExplorerNode } from '../explorerNode';
import type { SchemaVersionTarget } from './schemaEnv';

export interface SchemaVersionSpec {
  target: SchemaVersionTarget;
  label: string;
  description?: string;
  tooltip?: string;
}

/** One version of a schema: a click opens its definition; the menu compares it with another version. */
export class SchemaVersionNode extends ExplorerNode {
  readonly id: string;
  constructor(
    parent: ExplorerNode,
    readonly spec: SchemaVersionSpec,
  ) {
    super(parent);
    this.id = `${parent.id}/v${spec.target.version}`;
  }
  get target(): SchemaVersionTarget {
    return this.spec.target;
  }
  /** The other versions listed beside this one (for Compare). */
  siblings(): SchemaVersionNode[] {
    return (this.parent?.getChildren() ?? []).filter(
      (n): n is SchemaVersionNode => n instanceof SchemaVersionNode && n !== this,
    );
  }
  getTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.spec.label, vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    item.description = this.spec.description || undefined;
    item.tooltip = this.spec.tooltip;
    item.iconPath = new vscode.ThemeIcon('versions');
    item.contextValue = treeItemContext({ kind: 'schemaVersion' });
    item.command = commandLink(Commands.openSchemaVersion, 'Open Schema Version', this);
    return item;
  }
}
