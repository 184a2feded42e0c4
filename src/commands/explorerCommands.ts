import * as vscode from 'vscode';
import { BranchNode, ErrorNode, LoadMoreNode, type ExplorerNode } from '../views/explorer/explorerNode';
import type { ExplorerView } from '../views/explorer/explorerView';
import { ClusterNode } from '../views/explorer/nodes';
import type { CommandRegistry } from './registerCommand';

export function registerExplorerCommands(commands: CommandRegistry, view: ExplorerView): void {
  commands.register('msk.refresh', (node?: ExplorerNode) => {
    if (node instanceof BranchNode) node.reload();
    else if (node instanceof ClusterNode) {
      for (const f of node.folders) if (f instanceof BranchNode) f.reload();
    } else view.refreshAll();
  });

  commands.register('msk.retry', (node?: ExplorerNode) => {
    const branch = node instanceof ErrorNode ? node.branch : node;
    if (branch instanceof BranchNode) branch.reload();
    else view.refreshAll();
  });

  commands.register('msk.loadMore', (node?: ExplorerNode) => {
    if (node instanceof LoadMoreNode) node.branch.loadMore();
  });

  commands.register('msk.filter', async (node?: ExplorerNode) => {
    if (!(node instanceof BranchNode)) return;
    const text = await vscode.window.showInputBox({
      title: 'Filter',
      prompt: 'Show only items whose name contains this text (empty: show all)',
      value: node.filterText,
    });
    if (text !== undefined) node.setFilter(text);
  });
}
