import * as vscode from 'vscode';
import { Commands, commandLink } from '../../../contract/commands';
import { treeItemContext } from '../../../contract/treeItemContext';
import { presentError } from '../../../shared/errorPresentation';
import { PagedList } from '../../../shared/pagedList';

/** What nodes may ask of the refresh policy: a redraw, or a load with progress on the view. */
export interface NodeScheduler {
  /** Redraws `node` (everything without one); requests close together are coalesced. */
  refresh(node?: ExplorerNode): void;
  /** Runs a branch load with progress on the view, then redraws that branch. */
  load(node: ExplorerNode, work: () => Promise<void>): void;
}

/** What every explorer node can reach: the scheduler and the display settings. */
export interface ExplorerEnv {
  readonly scheduler: NodeScheduler;
  pageSize(): number;
}

/** A node of the explorer. `getChildren` never does I/O: it returns what is cached and schedules loads. */
export abstract class ExplorerNode {
  abstract readonly id: string;
  constructor(readonly parent: ExplorerNode | undefined) {}
  abstract getTreeItem(): vscode.TreeItem;
  getChildren(): ExplorerNode[] {
    return [];
  }
  /**
   * The view's Refresh: reload every loaded branch at and under this node, keeping the nodes on
   * screen (and so what is expanded) until the new data replaces them.
   */
  refreshTree(): void {
    for (const child of this.getChildren()) child.refreshTree();
  }
}

/** The part of a paged branch that "Load more…", Retry and filters need, whatever its item type. */
export interface PagedBranch extends ExplorerNode {
  loadMore(): void;
  reload(): void;
  setFilter(text: string): void;
  readonly filterText: string;
  /** How many items are loaded and match the filter, once loaded. */
  readonly matchingCount: number | undefined;
}

/**
 * A node whose children come from a PagedList: it shows "Loading…", an error node with Retry,
 * the loaded window plus "Load more…", or a line saying there is nothing (or nothing matching).
 * Child nodes are kept per key so their own cached state and expansion survive redraws. `E` is the
 * environment its kind of node needs, so subclasses use it without casts.
 */
export abstract class BranchNode<T, E extends ExplorerEnv = ExplorerEnv> extends ExplorerNode implements PagedBranch {
  readonly list: PagedList<T>;
  private readonly children = new Map<string, ExplorerNode>();
  /** The item nodes shown while `refreshTree` reloads the list (so the tree keeps its shape). */
  private shownWhileRefreshing: ExplorerNode[] | undefined;

  constructor(
    parent: ExplorerNode | undefined,
    readonly env: E,
    fetchPage: (token: string | undefined) => Promise<{ items: T[]; nextToken?: string }>,
    matches: (item: T, filterLower: string) => boolean = () => true,
  ) {
    super(parent);
    this.list = new PagedList<T>(fetchPage, env.pageSize(), matches);
  }

  protected abstract keyOf(item: T): string;
  protected abstract createChild(item: T): ExplorerNode;
  /** The words for "no items", e.g. "No topics". */
  protected abstract emptyLabel(): string;

  /** Items shown before the paged ones (folders, a config node), which need no load. */
  protected fixedChildren(): ExplorerNode[] {
    return [];
  }

  override getChildren(): ExplorerNode[] {
    const view = this.list.view();
    if (view.status === 'idle') {
      this.startLoad();
      return [...this.fixedChildren(), new MessageNode(this, 'Loading…', 'loading~spin')];
    }
    if (view.status === 'error') return [...this.fixedChildren(), new ErrorNode(this, view.error)];
    if (view.status === 'loading' && view.visible.length === 0) {
      if (this.shownWhileRefreshing) return [...this.fixedChildren(), ...this.shownWhileRefreshing];
      return [...this.fixedChildren(), new MessageNode(this, 'Loading…', 'loading~spin')];
    }
    const nodes = view.visible.map((item) => this.childFor(item));
    if (nodes.length === 0) {
      nodes.push(new MessageNode(this, view.filter ? `Nothing matches “${view.filter}”` : this.emptyLabel(), 'info'));
    }
    if (view.hasMore) nodes.push(new LoadMoreNode(this, view.matching - view.visible.length));
    return [...this.fixedChildren(), ...nodes];
  }

  /** Reloads this branch from the source (Refresh, Retry). */
  reload(): void {
    this.list.reset();
    this.children.clear();
    this.shownWhileRefreshing = undefined;
    this.startLoad();
  }

  override refreshTree(): void {
    const view = this.list.view();
    if (view.status === 'idle') return; // never drawn: it loads when it is
    if (view.status === 'loaded') this.shownWhileRefreshing = view.visible.map((item) => this.childFor(item));
    for (const node of [...this.fixedChildren(), ...this.children.values()]) node.refreshTree();
    this.list.reset();
    this.startLoad();
  }

  loadMore(): void {
    this.env.scheduler.load(this, () => this.list.loadMore());
  }

  /**
   * The node of the item with this key, once the branch is loaded and the item is in the shown
   * window (widened, or a filter that hides it cleared), for TreeView.reveal; undefined when absent.
   */
  async childShowing(key: string): Promise<ExplorerNode | undefined> {
    await this.list.load();
    for (let step = 0; step < 1000; step++) {
      const view = this.list.view();
      const item = view.visible.find((i) => this.keyOf(i) === key);
      if (item) {
        this.env.scheduler.refresh(this);
        return this.childFor(item);
      }
      if (view.status !== 'loaded') return undefined;
      if (view.hasMore) await this.list.loadMore();
      else if (view.filter) this.list.setFilter('');
      else return undefined;
    }
    return undefined;
  }

  setFilter(text: string): void {
    this.list.setFilter(text);
    this.env.scheduler.refresh(this);
  }

  get filterText(): string {
    return this.list.filter;
  }

  get matchingCount(): number | undefined {
    const view = this.list.view();
    return view.status === 'loaded' ? view.matching : undefined;
  }

  /** A description suffix showing the active filter and counts. */
  protected filterDescription(): string | undefined {
    const view = this.list.view();
    if (!view.filter) return undefined;
    return `filter “${view.filter}”: ${view.matching}`;
  }

  private startLoad(): void {
    this.env.scheduler.load(this, async () => {
      await this.list.load();
      this.shownWhileRefreshing = undefined;
    });
  }

  private childFor(item: T): ExplorerNode {
    const key = this.keyOf(item);
    let node = this.children.get(key);
    if (!node) {
      node = this.createChild(item);
      this.children.set(key, node);
    }
    return node;
  }
}

export class MessageNode extends ExplorerNode {
  readonly id: string;
  constructor(
    parent: ExplorerNode,
    private readonly text: string,
    private readonly icon: string,
  ) {
    super(parent);
    this.id = `${parent.id}/message`;
  }
  getTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.text, vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    item.iconPath = new vscode.ThemeIcon(this.icon);
    item.contextValue = treeItemContext({ kind: 'message' });
    return item;
  }
}

/** A failed branch: the error's message, its next step in the tooltip, and Retry / Open Log actions. */
export class ErrorNode extends ExplorerNode {
  readonly id: string;
  constructor(
    readonly branch: ExplorerNode,
    readonly error: unknown,
  ) {
    super(branch);
    this.id = `${branch.id}/error`;
  }
  getTreeItem(): vscode.TreeItem {
    const { message, hint } = presentError(this.error);
    const item = new vscode.TreeItem(message, vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    item.iconPath = new vscode.ThemeIcon('error', new vscode.ThemeColor('errorForeground'));
    item.tooltip = new vscode.MarkdownString().appendText(message);
    if (hint) {
      item.description = hint;
      item.tooltip.appendMarkdown('\n\n').appendText(hint);
    }
    item.tooltip.appendMarkdown('\n\nRetry, or open the log for details.');
    item.contextValue = treeItemContext({ kind: 'error' });
    item.command = commandLink(Commands.retry, 'Retry', this);
    return item;
  }
}

export class LoadMoreNode extends ExplorerNode {
  readonly id: string;
  constructor(
    readonly branch: PagedBranch,
    private readonly remaining: number,
  ) {
    super(branch);
    this.id = `${branch.id}/load-more`;
  }
  getTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem('Load more…', vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    item.iconPath = new vscode.ThemeIcon('ellipsis');
    if (this.remaining > 0) item.description = `${this.remaining} more loaded`;
    item.contextValue = treeItemContext({ kind: 'loadMore' });
    item.command = commandLink(Commands.loadMore, 'Load More', this);
    return item;
  }
}
