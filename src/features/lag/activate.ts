/**
 * The lag feature: the background lag monitor, the tree's lag badges on consumer groups, WARN/ERR
 * notifications, the lag view, and offset resets.
 */
import * as vscode from 'vscode';
import { readLagSettings } from '../../config/settings';
import { Commands } from '../../contract/commands';
import { LagMonitor } from '../../services/lagMonitor';
import { isReadOnly } from '../../services/readOnly';
import { executeCommand } from '../../ui/commands/registerCommand';
import { LagPanels } from './lagPanel';
import type { FeatureDeps } from '../featureDeps';
import { registerLagCommands } from './lagCommands';
import { registerLagExport } from './lagExport';

export function activateLag(deps: FeatureDeps): void {
  const { context, commands, backend, view, settings, log } = deps;
  const monitor = new LagMonitor(backend, readLagSettings, log);
  monitor.useCloudWatch(backend.cloudWatchLag?.());
  const panels = new LagPanels({
    extensionUri: context.extensionUri,
    monitor,
    log,
    refreshSeconds: () => readLagSettings().refreshSeconds,
    isReadOnly: (cluster) => isReadOnly(cluster, settings()),
    reset: (cluster, groupId) => void executeCommand(Commands.resetOffsets, { kind: 'resetOffsets', cluster, groupId }),
    export: (cluster, groupId) =>
      void (groupId
        ? executeCommand(Commands.exportGroupLag, { kind: 'exportGroupLag', cluster, groupId })
        : executeCommand(Commands.exportGroups, { kind: 'exportGroups', cluster })),
  });
  view.setGroupLagSource({
    watch: (cluster) => monitor.lease(cluster),
    lagOf: (cluster, groupId) => {
      const g = monitor.group(cluster, groupId);
      if (!g) return undefined;
      const v = g.verdict;
      const label = v.status === 'collecting' ? `collecting (${v.samples}/${v.minSamples})` : v.status;
      return { totalLag: g.totalLag, status: v.status, label, reason: v.reason, state: g.state, members: g.members };
    },
  });
  context.subscriptions.push(
    panels,
    monitor,
    { dispose: () => view.setGroupLagSource(undefined) },
    monitor.onDidUpdate((cluster) => {
      for (const folder of view.groupsFolders(cluster)) folder.redraw();
    }),
    monitor.onDidChangeStatus((change) => {
      if (!readLagSettings().notifications) return;
      if (change.to !== 'WARN' && change.to !== 'ERR') return;
      void vscode.window
        .showWarningMessage(
          `Consumer group “${change.groupId}” on ${change.cluster.name} is ${change.to}: ${change.reason}.`,
          'Show Lag',
        )
        .then((choice) => {
          if (choice === 'Show Lag') panels.open(change.cluster, change.groupId);
        });
    }),
  );
  registerLagCommands(commands, { backend, view, settings, monitor, panels });
  registerLagExport(commands, { backend, view, monitor });
}
