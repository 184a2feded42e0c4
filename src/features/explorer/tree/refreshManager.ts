import * as vscode from 'vscode';
import type { Logger } from '../../../shared/logger';
import type { ExplorerNode, NodeScheduler } from './explorerNode';
import { settingsImpact, type SettingsImpact } from './settingsImpact';

/**
 * All refresh policy of the explorer lives here: coalescing change events, running branch loads
 * with progress on the view, and filtering settings changes by section (see settingsImpact.ts) so
 * that only what a change concerns is reloaded. Nodes see it through the narrow NodeScheduler.
 */
export class RefreshManager implements vscode.Disposable, NodeScheduler {
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
    /** Applies what a settings change means for the explorer (called only when it concerns it). */
    private readonly onSettingsChanged: (impact: SettingsImpact) => void,
  ) {
    this.disposables.push(
      vscode.workspace.onDidChangeConfiguration((e) => {
        const impact = settingsImpact((section) => e.affectsConfiguration(section));
        if (!impact) return;
        const what = Object.entries(impact)
          .filter(([, v]) => v)
          .map(([k]) => k);
        this.log.debug(`settings changed: the explorer reloads (${what.join(', ')})`);
        this.onSettingsChanged(impact);
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
