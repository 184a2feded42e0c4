/** The offset reset flow: what to reset, a preview of every partition, then the write. */
import type { Admin } from 'kafkajs';
import * as vscode from 'vscode';
import type { ResetTarget } from '../../kafka/lag/reset';
import type { Backend } from '../../services/backend';
import type { ClusterRef } from '../../services/clusterModel';
import { kafkaModule } from '../../services/lazyModules';
import { assertWritable } from '../../services/readOnly';
import type { MskSettings } from '../../services/settingsModel';
import { CancellationError } from '../../shared/errors';

export interface ResetFlow {
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
export async function runOffsetReset(flow: ResetFlow): Promise<boolean> {
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
    ignoreFocusOut: true,
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
    ignoreFocusOut: true,
  });
  if (!kindPick) throw new CancellationError();
  const target = await askTarget(kindPick.target);

  const partitions = (await backend.ops(cluster).partitions(topic.label)).map((p) => p.partition).sort((a, b) => a - b);
  const allLabel = `All ${partitions.length} partitions`;
  const scope = await vscode.window.showQuickPick([allLabel, 'Chosen partitions…'], {
    title: `Reset offsets of “${groupId}” on ${topic.label}: partitions`,
    ignoreFocusOut: true,
  });
  if (!scope) throw new CancellationError();
  let chosen: number[] | undefined;
  if (scope !== allLabel) {
    const picked = await vscode.window.showQuickPick(
      partitions.map((p) => ({ label: String(p), partition: p })),
      { title: 'Partitions to reset', canPickMany: true, ignoreFocusOut: true },
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
        ignoreFocusOut: true,
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
        ignoreFocusOut: true,
        title: 'Reset to a specific offset',
        prompt: 'Offset (clamped to each partition’s earliest and latest offsets)',
        validateInput: (v) => (/^\d+$/.test(v.trim()) ? undefined : 'A whole number ≥ 0'),
      });
      if (text === undefined) throw new CancellationError();
      return { kind, offset: Number(text.trim()) };
    }
    case 'shift': {
      const text = await vscode.window.showInputBox({
        ignoreFocusOut: true,
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
