import * as vscode from 'vscode';
import { Commands } from '../../contract/commands';
import { isResetOffsetsArgs, isShowLagArgs } from '../../contract/crossFeature';
import type { Backend } from '../../services/backend';
import type { ClusterRef, GroupRow } from '../../services/clusterModel';
import type { LagMonitor } from '../../services/lagMonitor';
import type { MskSettings } from '../../services/settingsModel';
import { CancellationError, UserError } from '../../shared/errors';
import { clusterOfNode, leafData, resolveCluster } from '../explorer/pickers';
import type { CommandRegistry } from '../../ui/commands/registerCommand';
import type { ExplorerView } from '../explorer/tree/explorerView';
import type { LagPanels } from './lagPanel';
import { runOffsetReset } from './offsetReset';

export interface LagCommandDeps {
  backend: Backend;
  view: ExplorerView;
  settings: () => MskSettings;
  monitor: LagMonitor;
  panels: LagPanels;
}

/** Asks which consumer group of the cluster (only empty ones: for resets). */
export async function pickGroupOf(
  backend: Backend,
  cluster: ClusterRef,
  title: string,
  onlyEmpty = false,
): Promise<string> {
  const groups = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Window, title: `Listing consumer groups of ${cluster.name}…` },
    () => backend.ops(cluster).groups(),
  );
  const shown = groups.filter((g) => !onlyEmpty || g.members === 0).sort((a, b) => a.groupId.localeCompare(b.groupId));
  if (shown.length === 0) {
    throw new UserError(
      onlyEmpty ? `${cluster.name} has no empty consumer groups.` : `${cluster.name} has no consumer groups.`,
      {
        hint: onlyEmpty ? 'Offsets can only be reset while a group has no active members.' : undefined,
      },
    );
  }
  const picked = await vscode.window.showQuickPick(
    shown.map((g) => ({
      label: g.groupId,
      description: `${g.state} · ${g.members} member${g.members === 1 ? '' : 's'}`,
    })),
    { title, placeHolder: 'Consumer group' },
  );
  if (!picked) throw new CancellationError();
  return picked.label;
}

/** `msk.showConsumerLag`, `msk.showGroupLag` and `msk.resetOffsets`. */
export function registerLagCommands(commands: CommandRegistry, deps: LagCommandDeps): void {
  const { backend, view, settings, monitor, panels } = deps;

  const pickGroup = (cluster: ClusterRef, title: string, onlyEmpty = false) =>
    pickGroupOf(backend, cluster, title, onlyEmpty);

  commands.register(Commands.showConsumerLag, async (arg) => {
    if (isShowLagArgs(arg)) {
      panels.open(arg.cluster, arg.groupId);
      return;
    }
    const cluster = await resolveCluster(arg, backend, view, 'Show the consumer lag of…');
    panels.open(cluster, leafData<GroupRow>(arg)?.groupId);
  });

  commands.register(Commands.showGroupLag, async (node) => {
    const cluster = await resolveCluster(node, backend, view, 'Show the lag of a consumer group of…');
    const groupId =
      leafData<GroupRow>(node)?.groupId ?? (await pickGroup(cluster, `Consumer group of ${cluster.name}`));
    panels.open(cluster, groupId);
  });

  commands.register(Commands.resetOffsets, async (arg) => {
    const fromView = isResetOffsetsArgs(arg) ? arg : undefined;
    const node = isResetOffsetsArgs(arg) ? undefined : arg;
    const cluster =
      fromView?.cluster ??
      clusterOfNode(node) ??
      (await resolveCluster(node, backend, view, 'Reset offsets of a group of…'));
    const groupId =
      fromView?.groupId ??
      leafData<GroupRow>(node)?.groupId ??
      (await pickGroup(cluster, `Reset the offsets of a consumer group of ${cluster.name}`, true));
    // Forgotten when the reset starts (what is read while it runs is not kept) and again once done.
    const done = await runOffsetReset({
      backend,
      settings,
      cluster,
      groupId,
      beforeApply: () => monitor.forget(cluster, groupId),
    });
    if (!done) return;
    monitor.forget(cluster, groupId);
    for (const folder of view.groupsFolders(cluster)) folder.reload();
    void monitor.refreshNow(cluster).catch(() => undefined);
  });
}
