import * as vscode from 'vscode';
import { summarizeGroup } from '../../kafka/lag/types';
import type { ClusterRef } from '../../services/clusterModel';
import type { LagMonitor } from '../../services/lagMonitor';
import type { Logger } from '../../shared/logger';
import { parseLagRequest, type LagMessage, type LagViewState } from '../../webviews/lag/protocol';
import { openWebviewPanel } from './webviewHtml';

export interface LagPanelDeps {
  extensionUri: vscode.Uri;
  monitor: LagMonitor;
  log: Logger;
  refreshSeconds: () => number;
  isReadOnly: (cluster: ClusterRef) => boolean;
  /** "Reset offsets…" from the view. */
  reset: (cluster: ClusterRef, groupId: string) => void;
}

/**
 * One Consumer Lag panel per cluster: an overview of its groups, or one group in detail. It holds
 * the monitor's interest (live refresh) only while visible; hidden, the refreshes pause.
 */
export class LagPanels implements vscode.Disposable {
  private readonly panels = new Map<string, LagPanel>();

  constructor(private readonly deps: LagPanelDeps) {}

  open(cluster: ClusterRef, groupId?: string): void {
    let panel = this.panels.get(cluster.key);
    if (!panel) {
      panel = new LagPanel(cluster, this.deps, () => this.panels.delete(cluster.key));
      this.panels.set(cluster.key, panel);
    }
    panel.show(groupId);
  }

  dispose(): void {
    for (const p of [...this.panels.values()]) p.dispose();
    this.panels.clear();
  }
}

class LagPanel implements vscode.Disposable {
  private readonly panel: vscode.WebviewPanel;
  private readonly disposables: vscode.Disposable[] = [];
  private hold: { dispose(): void } | undefined;
  /** The monitor's focus on the group shown in detail (its exact time lag), while visible. */
  private focus: { groupId: string; handle: { dispose(): void } } | undefined;
  private selected: string | undefined;
  private ready = false;

  constructor(
    private readonly cluster: ClusterRef,
    private readonly deps: LagPanelDeps,
    onDispose: () => void,
  ) {
    this.panel = openWebviewPanel(deps.extensionUri, {
      viewType: 'msk.consumerLag',
      title: `Lag: ${cluster.name}`,
      pageTitle: `Consumer lag: ${cluster.name}`,
      bundle: 'lag',
      styles: ['lag.css'],
      body: `<div class="toolbar"><button id="back" class="secondary" hidden>All groups</button><button id="refresh" class="secondary">Refresh</button><span id="status" class="status" role="status"></span></div><main id="root"></main>`,
    });
    this.disposables.push(
      this.panel.webview.onDidReceiveMessage((raw: unknown) => this.onRequest(raw)),
      this.panel.onDidChangeViewState(() => this.updateInterest()),
      deps.monitor.onDidUpdate((c) => {
        if (c.key === this.cluster.key) this.post();
      }),
    );
    this.panel.onDidDispose(() => {
      this.dispose();
      onDispose();
    });
    this.updateInterest();
  }

  show(groupId: string | undefined): void {
    this.selected = groupId;
    this.panel.title = groupId ? `Lag: ${groupId}` : `Lag: ${this.cluster.name}`;
    this.panel.reveal();
    this.updateInterest();
    this.post();
  }

  /** Live refresh, and the exact time lag of the group in detail, only while the panel is visible. */
  private updateInterest(): void {
    const visible = this.panel.visible;
    if (visible && !this.hold) this.hold = this.deps.monitor.hold(this.cluster);
    else if (!visible && this.hold) {
      this.hold.dispose();
      this.hold = undefined;
    }
    const focusOn = visible ? this.selected : undefined;
    if (this.focus?.groupId === focusOn) return;
    this.focus?.handle.dispose();
    this.focus = focusOn ? { groupId: focusOn, handle: this.deps.monitor.focus(this.cluster, focusOn) } : undefined;
  }

  private onRequest(raw: unknown): void {
    const req = parseLagRequest(raw);
    if (!req) {
      this.deps.log.warn('lag view: ignored an invalid message from the webview');
      return;
    }
    switch (req.type) {
      case 'ready':
        this.ready = true;
        this.post();
        break;
      case 'refresh':
        void this.deps.monitor.refreshNow(this.cluster).catch(() => undefined);
        break;
      case 'select':
        this.show(req.groupId ?? undefined);
        break;
      case 'reset':
        this.deps.reset(this.cluster, req.groupId);
        break;
    }
  }

  private state(): LagViewState {
    const snap = this.deps.monitor.snapshot(this.cluster);
    const err = this.deps.monitor.error(this.cluster);
    return {
      clusterName: this.cluster.name,
      selected: this.selected,
      groups: (snap?.groups ?? []).map(summarizeGroup),
      detail: this.selected ? this.deps.monitor.group(this.cluster, this.selected) : undefined,
      time: snap?.time,
      durationMs: snap?.durationMs,
      refreshSeconds: this.deps.refreshSeconds(),
      readOnly: this.deps.isReadOnly(this.cluster),
      error: err ? { message: err } : undefined,
    };
  }

  private post(): void {
    if (!this.ready) return;
    const msg: LagMessage = { type: 'state', state: this.state() };
    void this.panel.webview.postMessage(msg);
  }

  dispose(): void {
    this.hold?.dispose();
    this.hold = undefined;
    this.focus?.handle.dispose();
    this.focus = undefined;
    for (const d of this.disposables.splice(0)) d.dispose();
    this.panel.dispose();
  }
}
