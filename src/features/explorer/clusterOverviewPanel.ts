import * as vscode from 'vscode';
import { Commands } from '../../contract/commands';
import type { ClusterOps, ClusterRef } from '../../services/clusterModel';
import { presentError } from '../../shared/errorPresentation';
import { brokerKindLabel, brokerKindOf, storageModeLabel } from '../../shared/mskClusterKinds';
import { clusterConfigurationText } from './tree/nodes';
import type { Logger } from '../../shared/logger';
import { executeCommand } from '../../ui/commands/registerCommand';
import { PanelRegistry, WebviewPanelHost } from '../../ui/webviews/panelHost';
import { overviewProtocol, type OverviewData, type OverviewProtocol } from '../../webviews/clusterOverview/protocol';

/** One Cluster Overview panel per cluster; opening it again reveals the existing one. */
export class ClusterOverviewPanels implements vscode.Disposable {
  private readonly panels = new PanelRegistry<WebviewPanelHost<OverviewProtocol>>();

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly log: Logger,
  ) {}

  open(cluster: ClusterRef, ops: ClusterOps): void {
    this.panels.revealOrCreate(
      cluster.key,
      () => this.create(cluster, ops),
      (panel) => panel.reveal(),
    );
  }

  private create(cluster: ClusterRef, ops: ClusterOps): WebviewPanelHost<OverviewProtocol> {
    const load = async () => {
      host.notify('loading');
      try {
        host.notify('data', await loadOverview(cluster, ops));
      } catch (err) {
        const shown = presentError(err);
        this.log.error(`cluster overview of ${cluster.name} failed: ${shown.logText}`);
        host.notify('error', shown.hint ? { message: shown.message, hint: shown.hint } : { message: shown.message });
      }
    };
    const host = new WebviewPanelHost({
      extensionUri: this.extensionUri,
      viewType: 'msk.clusterOverview',
      title: `Cluster: ${cluster.name}`,
      bundle: 'clusterOverview',
      body: `<div class="toolbar"><button id="refresh" class="secondary">Refresh</button><span id="status" class="status" role="status"></span></div><main id="root"></main>`,
      protocol: overviewProtocol,
      log: this.log,
      handlers: {
        ready: load,
        refresh: load,
        copy: async ({ text }) => {
          await vscode.env.clipboard.writeText(text);
        },
        openConfiguration: async () => {
          await executeCommand(Commands.openMskConfigurationRevision, {
            kind: 'openMskConfigurationRevision',
            cluster,
          });
        },
      },
    });
    return host;
  }

  dispose(): void {
    this.panels.dispose();
  }
}

async function loadOverview(cluster: ClusterRef, ops: ClusterOps): Promise<OverviewData> {
  const [brokers, topics, groups, connectors] = await Promise.all([
    ops.brokers(),
    ops.topics(),
    ops.groups(),
    cluster.source === 'msk'
      ? ops.connectors().catch((err: unknown) => ({ error: presentError(err).text }))
      : Promise.resolve([]),
  ]);
  const byState: Record<string, number> = {};
  for (const g of groups) byState[g.state] = (byState[g.state] ?? 0) + 1;
  const kind = brokerKindOf(cluster.instanceType);
  const configuration = clusterConfigurationText(cluster);
  return {
    cluster: { ...cluster, creationTime: cluster.creationTime?.toISOString() },
    ...(kind ? { brokerKind: `${brokerKindLabel(kind)} (${cluster.instanceType})` } : {}),
    ...(cluster.storageMode === 'LOCAL' || cluster.storageMode === 'TIERED'
      ? { storageMode: storageModeLabel(cluster.storageMode, kind) }
      : {}),
    ...(configuration ? { mskConfiguration: configuration } : {}),
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
