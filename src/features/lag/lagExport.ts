/**
 * Export Group Lag… (a group node, the palette, the lag view's Export button): one group's lag table
 * (topic, partition, committed offset, end offset, lag) to CSV or JSON. The lag monitor's last
 * sample of the group when it has one (what the lag view shows), else one fresh read of the lag
 * engine.
 */
import { Commands } from '../../contract/commands';
import { isExportGroupLagArgs } from '../../contract/crossFeature';
import type { Backend } from '../../services/backend';
import type { ClusterRef, GroupRow } from '../../services/clusterModel';
import { buildExport } from '../../services/exports/builders';
import { headerCluster, type GroupLagExport } from '../../services/exports/model';
import { lagExportOf, readGroupLag } from '../../services/exports/read';
import type { LagMonitor } from '../../services/lagMonitor';
import type { CommandRegistry } from '../../ui/commands/registerCommand';
import { runExport } from '../../ui/exportFile';
import { leafData, resolveCluster } from '../explorer/pickers';
import { pickGroupOf } from './lagCommands';
import type { ExplorerView } from '../explorer/tree/explorerView';

interface Deps {
  backend: Backend;
  view: ExplorerView;
  monitor: LagMonitor;
}

/** The monitor's last sample of the group (with its time), if it read the group without error. */
function sampled(monitor: LagMonitor, cluster: ClusterRef, groupId: string) {
  const snap = monitor.snapshot(cluster);
  const g = monitor.group(cluster, groupId);
  if (!snap || !g || g.error) return undefined;
  return { lag: lagExportOf(g), time: new Date(snap.time) };
}

export function registerLagExport(commands: CommandRegistry, deps: Deps): void {
  const { backend, view, monitor } = deps;
  commands.register(Commands.exportGroupLag, async (arg) => {
    const fromView = isExportGroupLagArgs(arg) ? arg : undefined;
    const node = isExportGroupLagArgs(arg) ? undefined : arg;
    const cluster =
      fromView?.cluster ?? (await resolveCluster(node, backend, view, 'Export the lag of a consumer group of…'));
    const groupId =
      fromView?.groupId ??
      leafData<GroupRow>(node)?.groupId ??
      (await pickGroupOf(backend, cluster, `Export the lag of a consumer group of ${cluster.name}`));
    await runExport({
      title: `Export the lag of ${groupId} (${cluster.name})`,
      fileStem: `${cluster.name}-${groupId}-lag`,
      unit: 'groups',
      read: async ({ progress }): Promise<{ lag: GroupLagExport; time: Date }> => {
        progress(0, 1);
        const out = sampled(monitor, cluster, groupId) ?? {
          time: new Date(),
          lag: await readGroupLag(() => backend.kafka(cluster), groupId),
        };
        progress(1, 1);
        return out;
      },
      build: (format, data) =>
        buildExport(
          format,
          { cluster: headerCluster(cluster), source: 'Kafka brokers', time: data.time.toISOString() },
          { kind: 'groupLag', lag: data.lag },
        ),
      summary: (data) =>
        `the lag of ${groupId} (${data.lag.rows.length} partition${data.lag.rows.length === 1 ? '' : 's'}, total ${data.lag.totalLag})`,
    });
  });
}
