import type { Admin } from 'kafkajs';
import * as vscode from 'vscode';
import type { Backend } from '../services/backend';
import type { ClusterRef, GroupRow } from '../services/clusterModel';
import { LagMonitor } from '../services/lagMonitor';
import { parseLagSettings, type LagSettingsWithNotify } from '../services/lagMonitorSettings';
import type { ResetTarget } from '../kafka/lag/reset';
import { kafkaModule } from '../services/lazyModules';
import { assertWritable, isReadOnly } from '../services/readOnly';
import type { MskSettings } from '../services/settingsModel';
import { CancellationError, UserError } from '../shared/errors';
import type { ExplorerNode } from '../views/explorer/explorerNode';
import { LagPanels } from '../views/panels/lagPanel';
import { isResetOffsetsArgs, isShowLagArgs, type ResetOffsetsArgs } from './crossFeature';
import { clusterOfNode, leafData, resolveCluster } from './pickers';
import type { FeatureDeps } from './featureDeps';
import type { CommandRegistry } from './registerCommand';

export type LagDeps = FeatureDeps;

function readLagSettings(): LagSettingsWithNotify {
  return parseLagSettings(vscode.workspace.getConfiguration('msk.lag'));
}

/** Consumer lag: the background monitor, the tree's lag badges, the lag view, and offset resets. */
export function registerLagCommands(commands: CommandRegistry, deps: LagDeps): void {
  const { context, backend, view, settings, log } = deps;
  const monitor = new LagMonitor(backend, readLagSettings, log);
  const panels = new LagPanels({
    extensionUri: context.extensionUri,
    monitor,
    log,
    refreshSeconds: () => readLagSettings().refreshSeconds,
    isReadOnly: (cluster) => isReadOnly(cluster, settings()),
    reset: (cluster, groupId) =>
      void vscode.commands.executeCommand('msk.resetOffsets', {
        kind: 'resetOffsets',
        cluster,
        groupId,
      } satisfies ResetOffsetsArgs),
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

  const pickGroup = async (cluster: ClusterRef, title: string, onlyEmpty = false): Promise<string> => {
    const groups = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Window, title: `Listing consumer groups of ${cluster.name}…` },
      () => backend.ops(cluster).groups(),
    );
    const shown = groups
      .filter((g) => !onlyEmpty || g.members === 0)
      .sort((a, b) => a.groupId.localeCompare(b.groupId));
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
  };

  commands.register('msk.showConsumerLag', async (arg?: unknown) => {
    if (isShowLagArgs(arg)) {
      panels.open(arg.cluster, arg.groupId);
      return;
    }
    const node = arg as ExplorerNode | undefined;
    const cluster = await resolveCluster(node, backend, view, 'Show the consumer lag of…');
    panels.open(cluster, leafData<GroupRow>(node)?.groupId);
  });

  commands.register('msk.showGroupLag', async (node?: ExplorerNode) => {
    const cluster = await resolveCluster(node, backend, view, 'Show the lag of a consumer group of…');
    const groupId =
      leafData<GroupRow>(node)?.groupId ?? (await pickGroup(cluster, `Consumer group of ${cluster.name}`));
    panels.open(cluster, groupId);
  });

  commands.register('msk.resetOffsets', async (arg?: unknown) => {
    const fromView = isResetOffsetsArgs(arg) ? arg : undefined;
    const node = fromView ? undefined : (arg as ExplorerNode | undefined);
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

interface ResetFlow {
  backend: Backend;
  settings: () => MskSettings;
  cluster: ClusterRef;
  groupId: string;
  /** Called right before the offsets are written. */
  beforeApply: () => void;
}

type TargetKind = ResetTarget['kind'];

/**
 * Asks what to reset (topic, partitions, target), shows the preview (current → new offset, lag
 * after) in a modal, and applies it. Returns false when cancelled. The Kafka layer refuses while
 * the group has members, at planning and again right before writing.
 */
async function runOffsetReset(flow: ResetFlow): Promise<boolean> {
  const { backend, settings, cluster, groupId } = flow;
  assertWritable(cluster, settings(), 'Reset consumer group offsets');
  const lag = kafkaModule();
  const k = await backend.kafka(cluster);
  // The shared admin client, failures mapped to KafkaUserError (naming the group) by KafkaCluster.run.
  const run = <T>(operation: 'describeGroup' | 'alterGroup', fn: (admin: Admin) => Promise<T>): Promise<T> =>
    k.run(operation, { group: groupId }, fn);
  await run('describeGroup', (admin) => lag.assertGroupEmpty(admin, groupId));

  const [committed, topics] = await Promise.all([
    run('describeGroup', (admin) => admin.fetchOffsets({ groupId })),
    backend.ops(cluster).topics(),
  ]);
  const withCommits = new Set(
    committed.filter((t) => t.partitions.some((p) => Number(p.offset) >= 0)).map((t) => t.topic),
  );
  const topicItems = [
    ...[...withCommits].sort().map((t) => ({ label: t, description: 'committed offsets' })),
    ...topics
      .filter((t) => !t.internal && !withCommits.has(t.name))
      .map((t) => t.name)
      .sort()
      .map((t) => ({ label: t, description: '' })),
  ];
  const topic = await vscode.window.showQuickPick(topicItems, {
    title: `Reset offsets of “${groupId}”: topic`,
    placeHolder: 'Topic whose offsets to reset',
  });
  if (!topic) throw new CancellationError();

  const kinds: { label: string; target: TargetKind; detail: string }[] = [
    { label: 'To earliest', target: 'earliest', detail: 'Re-read everything still retained' },
    { label: 'To latest', target: 'latest', detail: 'Skip everything not read yet' },
    { label: 'To a timestamp…', target: 'timestamp', detail: 'The first record at or after a date and time' },
    { label: 'To a specific offset…', target: 'offset', detail: 'The same offset on every chosen partition' },
    { label: 'Shift by ±N…', target: 'shift', detail: 'Move the committed offsets back (−N) or forward (+N)' },
  ];
  const kindPick = await vscode.window.showQuickPick(kinds, {
    title: `Reset offsets of “${groupId}” on ${topic.label}: to…`,
  });
  if (!kindPick) throw new CancellationError();
  const target = await askTarget(kindPick.target);

  const partitions = (await backend.ops(cluster).partitions(topic.label)).map((p) => p.partition).sort((a, b) => a - b);
  const allLabel = `All ${partitions.length} partitions`;
  const scope = await vscode.window.showQuickPick([allLabel, 'Chosen partitions…'], {
    title: `Reset offsets of “${groupId}” on ${topic.label}: partitions`,
  });
  if (!scope) throw new CancellationError();
  let chosen: number[] | undefined;
  if (scope !== allLabel) {
    const picked = await vscode.window.showQuickPick(
      partitions.map((p) => ({ label: String(p), partition: p })),
      { title: 'Partitions to reset', canPickMany: true },
    );
    if (!picked || picked.length === 0) throw new CancellationError();
    chosen = picked.map((p) => p.partition);
  }

  const plan = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: 'Reading offsets for the preview…' },
    () =>
      run('describeGroup', (admin) =>
        lag.planReset(admin, { groupId, topic: topic.label, partitions: chosen, target }),
      ),
  );
  const lines = lag.formatPlan(plan);
  const shown = lines.length > 40 ? [...lines.slice(0, 40), `… and ${lines.length - 40} more partitions`] : lines;
  const answer = await vscode.window.showWarningMessage(
    `Reset the offsets of “${groupId}” on ${topic.label} to ${lag.describeTarget(target)}?`,
    {
      modal: true,
      detail: `Partition: current → new offset · lag after\n${shown.join('\n')}\n\nThe group must stay without members until the reset is done.`,
    },
    'Reset Offsets',
  );
  if (answer !== 'Reset Offsets') throw new CancellationError();
  assertWritable(cluster, settings(), 'Reset consumer group offsets');
  flow.beforeApply();
  await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `Resetting the offsets of “${groupId}”…` },
    () => run('alterGroup', (admin) => lag.applyReset(admin, plan)),
  );
  void vscode.window.showInformationMessage(
    `Offsets of “${groupId}” on ${topic.label} reset (${plan.rows.length} partition${plan.rows.length === 1 ? '' : 's'}).`,
  );
  return true;
}

async function askTarget(kind: TargetKind): Promise<ResetTarget> {
  switch (kind) {
    case 'earliest':
    case 'latest':
      return { kind };
    case 'timestamp': {
      const text = await vscode.window.showInputBox({
        title: 'Reset to a timestamp',
        prompt: 'Date and time (ISO 8601, e.g. 2024-05-01T12:00:00Z) or milliseconds since the epoch',
        value: new Date(Date.now() - 3600_000).toISOString(),
        validateInput: (v) => (parseTimestamp(v) === undefined ? 'Not a date and time' : undefined),
      });
      const timestamp = text === undefined ? undefined : parseTimestamp(text);
      if (timestamp === undefined) throw new CancellationError();
      return { kind, timestamp };
    }
    case 'offset': {
      const text = await vscode.window.showInputBox({
        title: 'Reset to a specific offset',
        prompt: 'Offset (clamped to each partition’s earliest and latest offsets)',
        validateInput: (v) => (/^\d+$/.test(v.trim()) ? undefined : 'A whole number ≥ 0'),
      });
      if (text === undefined) throw new CancellationError();
      return { kind, offset: Number(text.trim()) };
    }
    case 'shift': {
      const text = await vscode.window.showInputBox({
        title: 'Shift the committed offsets',
        prompt: 'Records to move: negative to re-read (e.g. -100), positive to skip (e.g. +100)',
        validateInput: (v) => (/^[+-]?\d+$/.test(v.trim()) ? undefined : 'A whole number such as -100 or +100'),
      });
      if (text === undefined) throw new CancellationError();
      return { kind, by: Number(text.trim()) };
    }
  }
}

function parseTimestamp(text: string): number | undefined {
  const t = text.trim();
  if (/^\d{10,}$/.test(t)) return Number(t);
  const ms = Date.parse(t);
  return Number.isNaN(ms) ? undefined : ms;
}
