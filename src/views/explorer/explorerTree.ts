import * as vscode from 'vscode';
import type { ExplorerNode } from './explorerNode';
import type { RefreshManager } from './refreshManager';

/** The TreeDataProvider: it only maps nodes to items; data and refresh policy live elsewhere. */
export class ExplorerTreeProvider implements vscode.TreeDataProvider<ExplorerNode> {
  readonly onDidChangeTreeData: vscode.Event<ExplorerNode | undefined>;

  constructor(
    refresh: RefreshManager,
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
