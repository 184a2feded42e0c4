import * as vscode from 'vscode';
import { Commands } from '../../contract/commands';
import { BranchNode, ErrorNode, LoadMoreNode } from './tree/explorerNode';
import type { ExplorerView } from './tree/explorerView';
import { ClusterNode } from './tree/nodes';
import type { CommandRegistry } from '../../ui/commands/registerCommand';

export function registerExplorerCommands(commands: CommandRegistry, view: ExplorerView): void {
  commands.register(Commands.refresh, (node) => {
    if (node instanceof BranchNode) node.reload();
    else if (node instanceof ClusterNode) {
      for (const f of node.folders) if (f instanceof BranchNode) f.reload();
    } else view.refreshAll();
  });

  commands.register(Commands.retry, (node) => {
    const branch = node instanceof ErrorNode ? node.branch : node;
    if (branch instanceof BranchNode) branch.reload();
    else view.refreshAll();
  });

  commands.register(Commands.loadMore, (node) => {
    if (node instanceof LoadMoreNode) node.branch.loadMore();
  });

  commands.register(Commands.filter, async (node) => {
    if (!(node instanceof BranchNode)) return;
    const text = await vscode.window.showInputBox({
      title: 'Filter',
      prompt: 'Show only items whose name contains this text (empty: show all)',
      value: node.filterText,
    });
    if (text !== undefined) node.setFilter(text);
  });
}
