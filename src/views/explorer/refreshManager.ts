import * as vscode from 'vscode';
import type { Logger } from '../../shared/logger';
import type { ExplorerNode } from './explorerNode';

/**
 * All refresh policy of the explorer lives here: coalescing change events, running branch loads
 * with progress on the view, and deciding what a settings change invalidates.
 */
export class RefreshManager implements vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<ExplorerNode | undefined>();
  readonly onDidChangeTreeData = this.emitter.event;
  private readonly pending = new Set<ExplorerNode | undefined>();
  private timer: NodeJS.Timeout | undefined;
  private running = 0;
  private progressDone: (() => void) | undefined;
  private readonly disposables: vscode.Disposable[] = [this.emitter];

  constructor(
    private readonly viewId: string,
    private readonly log: Logger,
    private readonly resetAll: () => void,
  ) {
    this.disposables.push(
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('msk')) {
          this.log.debug('settings changed: reloading the explorer');
          this.resetAll();
          this.refresh();
        }
      }),
    );
  }

  /** Asks the view to redraw `node` (or everything); requests within a short moment are coalesced. */
  refresh(node?: ExplorerNode): void {
    if (node === undefined) this.pending.clear();
    if (this.pending.has(undefined)) return;
    this.pending.add(node);
    this.timer ??= setTimeout(() => this.flush(), 30);
  }

  /** Runs a branch load with progress on the view, then redraws that branch. */
  load(node: ExplorerNode, work: () => Promise<void>): void {
    this.running += 1;
    if (this.running === 1) {
      void vscode.window.withProgress(
        { location: { viewId: this.viewId } },
        () => new Promise<void>((resolve) => (this.progressDone = resolve)),
      );
    }
    void work()
      .catch((err: unknown) => this.log.error(`explorer load failed: ${String(err)}`))
      .finally(() => {
        this.running -= 1;
        if (this.running === 0) {
          this.progressDone?.();
          this.progressDone = undefined;
        }
        this.refresh(node);
      });
  }

  private flush(): void {
    this.timer = undefined;
    const nodes = [...this.pending];
    this.pending.clear();
    if (nodes.includes(undefined)) this.emitter.fire(undefined);
    else for (const node of nodes) this.emitter.fire(node);
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.progressDone?.();
    for (const d of this.disposables) d.dispose();
  }
}
