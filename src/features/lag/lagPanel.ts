import * as vscode from 'vscode';
import type { ClusterRef } from '../../services/clusterModel';
import type { LagMonitor } from '../../services/lagMonitor';
import { kafkaModule } from '../../services/lazyModules';
import type { Logger } from '../../shared/logger';
import { PanelRegistry, WebviewPanelHost } from '../../ui/webviews/panelHost';
import { lagProtocol, type LagProtocol, type LagViewState } from '../../webviews/lag/protocol';
import type { CloudWatchGroupLag } from '../../services/cloudWatchLag';

/** Start of the newest period with data of a group's CloudWatch lag. */
function lastTime(g: CloudWatchGroupLag): number | undefined {
  const times = g.topics.map((t) => t.time).filter((t): t is number => t !== undefined);
  return times.length ? Math.max(...times) : undefined;
}

export interface LagPanelDeps {
  extensionUri: vscode.Uri;
  monitor: LagMonitor;
  log: Logger;
  refreshSeconds: () => number;
  isReadOnly: (cluster: ClusterRef) => boolean;
  /** "Reset offsets…" from the view. */
  reset: (cluster: ClusterRef, groupId: string) => void;
  /** "Export…" from the view: the group's lag table, or (overview) the cluster's groups. */
  export: (cluster: ClusterRef, groupId: string | undefined) => void;
}

/**
 * One Consumer Lag panel per cluster: an overview of its groups, or one group in detail. It holds
 * the monitor's interest (live refresh) only while visible; hidden, the refreshes pause.
 */
export class LagPanels implements vscode.Disposable {
  private readonly panels = new PanelRegistry<LagPanel>();

  constructor(private readonly deps: LagPanelDeps) {}

  open(cluster: ClusterRef, groupId?: string): void {
    const panel = this.panels.revealOrCreate(
      cluster.key,
      () => new LagPanel(cluster, this.deps),
      () => undefined, // show() below reveals it
    );
    panel.show(groupId);
  }

  dispose(): void {
    this.panels.dispose();
  }
}

class LagPanel implements vscode.Disposable {
  private readonly host: WebviewPanelHost<LagProtocol>;
  private hold: { dispose(): void } | undefined;
  /** The monitor's focus on the group shown in detail (its exact time lag), while visible. */
  private focus: { groupId: string; handle: { dispose(): void } } | undefined;
  private selected: string | undefined;
  private ready = false;

  constructor(
    private readonly cluster: ClusterRef,
    private readonly deps: LagPanelDeps,
  ) {
    this.host = new WebviewPanelHost({
      extensionUri: deps.extensionUri,
      viewType: 'msk.consumerLag',
      title: `Lag: ${cluster.name}`,
      pageTitle: `Consumer lag: ${cluster.name}`,
      bundle: 'lag',
      styles: ['lag.css'],
      body: `<div class="toolbar"><button id="back" class="secondary" hidden>All groups</button><button id="refresh" class="secondary">Refresh</button><button id="export" class="secondary" title="Export this table to CSV or JSON">Export…</button><span id="status" class="status" role="status"></span></div><main id="root"></main>`,
      protocol: lagProtocol,
      log: deps.log,
      handlers: {
        ready: () => {
          this.ready = true;
          this.post();
        },
        refresh: () => void this.deps.monitor.refreshNow(this.cluster).catch(() => undefined),
        select: ({ groupId }) => this.show(groupId ?? undefined),
        reset: ({ groupId }) => this.deps.reset(this.cluster, groupId),
        export: () => this.deps.export(this.cluster, this.selected),
      },
    });
    this.host.own(
      this.host.panel.onDidChangeViewState(() => this.updateInterest()),
      deps.monitor.onDidUpdate((c) => {
        if (c.key === this.cluster.key) this.post();
      }),
      { dispose: () => this.releaseInterest() },
    );
    this.updateInterest();
  }

  onDidClose(listener: () => void): void {
    this.host.onDidClose(listener);
  }

  show(groupId: string | undefined): void {
    this.selected = groupId;
    this.host.setTitle(groupId ? `Lag: ${groupId}` : `Lag: ${this.cluster.name}`);
    this.host.reveal();
    this.updateInterest();
    this.post();
  }

  /** Live refresh, and the exact time lag of the group in detail, only while the panel is visible. */
  private updateInterest(): void {
    const visible = this.host.visible;
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

  private state(): LagViewState {
    const snap = this.deps.monitor.snapshot(this.cluster);
    const err = this.deps.monitor.error(this.cluster);
    return {
      clusterName: this.cluster.name,
      selected: this.selected,
      groups: (snap?.groups ?? []).map(kafkaModule().summarizeGroup),
      detail: this.selected ? this.deps.monitor.group(this.cluster, this.selected) : undefined,
      time: snap?.time,
      durationMs: snap?.durationMs,
      refreshSeconds: this.deps.refreshSeconds(),
      readOnly: this.deps.isReadOnly(this.cluster),
      error: err ? { message: err } : undefined,
      ...this.cloudWatchState(),
    };
  }

  /** CloudWatch's overview while the brokers do not answer, and the selected group's CloudWatch lag. */
  private cloudWatchState(): Pick<LagViewState, 'cloudWatch' | 'cloudWatchDetail'> {
    const { monitor } = this.deps;
    const overview = monitor.cloudWatch(this.cluster);
    const group = this.selected ? monitor.cloudWatchGroup(this.cluster, this.selected) : undefined;
    const fromOverview = this.selected ? overview?.data?.groups.find((g) => g.groupId === this.selected) : undefined;
    const detailGroup = group?.data ?? fromOverview;
    const state: Pick<LagViewState, 'cloudWatch' | 'cloudWatchDetail'> = {};
    if (overview) {
      state.cloudWatch = {
        periodSeconds: overview.data?.periodSeconds ?? 60,
        fetchedAt: overview.data?.fetchedAt ?? overview.at,
        ...(overview.data?.dataTime !== undefined ? { dataTime: overview.data.dataTime } : {}),
        groups: overview.data?.groups ?? [],
        ...(overview.error ? { error: overview.error } : {}),
      };
    }
    if (group || fromOverview) {
      const dataTime = detailGroup ? lastTime(detailGroup) : undefined;
      state.cloudWatchDetail = {
        periodSeconds: overview?.data?.periodSeconds ?? 60,
        fetchedAt: group?.at ?? overview?.at ?? Date.now(),
        ...(dataTime !== undefined ? { dataTime } : {}),
        ...(detailGroup ? { group: detailGroup } : {}),
        ...(group?.error ? { error: group.error } : {}),
      };
    }
    return state;
  }

  private post(): void {
    if (this.ready) this.host.notify('state', this.state());
  }

  private releaseInterest(): void {
    this.hold?.dispose();
    this.hold = undefined;
    this.focus?.handle.dispose();
    this.focus = undefined;
  }

  dispose(): void {
    this.host.dispose();
  }
}
