import * as vscode from 'vscode';
import type { ExplorerNode } from './explorerNode';

/** The TreeDataProvider: it only maps nodes to items; data and refresh policy live elsewhere. */
export class ExplorerTreeProvider implements vscode.TreeDataProvider<ExplorerNode> {
  readonly onDidChangeTreeData: vscode.Event<ExplorerNode | undefined>;

  constructor(
    refresh: { readonly onDidChangeTreeData: vscode.Event<ExplorerNode | undefined> },
    private readonly roots: () => ExplorerNode[],
  ) {
    this.onDidChangeTreeData = refresh.onDidChangeTreeData;
  }

  getTreeItem(node: ExplorerNode): vscode.TreeItem {
    return node.getTreeItem();
  }

  getChildren(node?: ExplorerNode): ExplorerNode[] {
    return node ? node.getChildren() : this.roots();
  }

  getParent(node: ExplorerNode): ExplorerNode | undefined {
    return node.parent;
  }
}
