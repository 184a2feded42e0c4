import * as vscode from 'vscode';
import type { ClusterOps, ClusterRef } from '../../services/clusterModel';
import { errorMessage } from '../../shared/errors';
import type { Logger } from '../../shared/logger';
import { parseOverviewRequest, type OverviewData, type OverviewMessage } from '../../webviews/clusterOverview/protocol';
import { openWebviewPanel } from './webviewHtml';

/** One Cluster Overview panel per cluster; opening it again reveals the existing one. */
export class ClusterOverviewPanels implements vscode.Disposable {
  private readonly panels = new Map<string, vscode.WebviewPanel>();

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly log: Logger,
  ) {}

  open(cluster: ClusterRef, ops: ClusterOps): void {
    const existing = this.panels.get(cluster.key);
    if (existing) {
      existing.reveal();
      return;
    }
    const panel = openWebviewPanel(this.extensionUri, {
      viewType: 'msk.clusterOverview',
      title: `Cluster: ${cluster.name}`,
      bundle: 'clusterOverview',
      body: `<div class="toolbar"><button id="refresh" class="secondary">Refresh</button><span id="status" class="status" role="status"></span></div><main id="root"></main>`,
    });
    this.panels.set(cluster.key, panel);
    const post = (msg: OverviewMessage) => void panel.webview.postMessage(msg);
    const load = async () => {
      post({ type: 'loading' });
      try {
        post({ type: 'data', data: await loadOverview(cluster, ops) });
      } catch (err) {
        this.log.error(`cluster overview of ${cluster.name} failed: ${errorMessage(err)}`);
        const hint = (err as { hint?: unknown }).hint;
        post({ type: 'error', message: errorMessage(err), hint: typeof hint === 'string' ? hint : undefined });
      }
    };
    const sub = panel.webview.onDidReceiveMessage((raw: unknown) => {
      const req = parseOverviewRequest(raw);
      if (!req) {
        this.log.warn('cluster overview: ignored an invalid message from the webview');
        return;
      }
      if (req.type === 'ready' || req.type === 'refresh') void load();
      else void vscode.env.clipboard.writeText(req.text);
    });
    panel.onDidDispose(() => {
      sub.dispose();
      this.panels.delete(cluster.key);
    });
  }

  dispose(): void {
    for (const p of this.panels.values()) p.dispose();
    this.panels.clear();
  }
}

async function loadOverview(cluster: ClusterRef, ops: ClusterOps): Promise<OverviewData> {
  const [brokers, topics, groups, connectors] = await Promise.all([
    ops.brokers(),
    ops.topics(),
    ops.groups(),
    cluster.source === 'msk'
      ? ops.connectors().catch((err: unknown) => ({ error: errorMessage(err) }))
      : Promise.resolve([]),
  ]);
  const byState: Record<string, number> = {};
  for (const g of groups) byState[g.state] = (byState[g.state] ?? 0) + 1;
  return {
    cluster: { ...cluster, creationTime: cluster.creationTime?.toISOString() },
    brokers,
    topics: {
      total: topics.length,
      internal: topics.filter((t) => t.internal).length,
      partitions: topics.reduce((n, t) => n + t.partitions, 0),
      underReplicated: topics.filter((t) => t.underReplicated).map((t) => t.name),
    },
    groups: { total: groups.length, byState },
    connectors,
    loadedAt: new Date().toISOString(),
  };
}
