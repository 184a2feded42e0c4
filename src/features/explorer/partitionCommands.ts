/** Add Partitions: from a topic node or the palette (cluster and topic pickers), after a warning. */
import * as vscode from 'vscode';
import { Commands } from '../../contract/commands';
import type { Backend } from '../../services/backend';
import { kafkaModule } from '../../services/lazyModules';
import { assertWritable } from '../../services/readOnly';
import type { MskSettings } from '../../services/settingsModel';
import { CancellationError, UserError } from '../../shared/errors';
import type { CommandRegistry } from '../../ui/commands/registerCommand';
import type { ExplorerView } from './tree/explorerView';
import { resolveCluster, resolveTopic } from './pickers';

interface Deps {
  backend: Backend;
  view: ExplorerView;
  settings: () => MskSettings;
}

/** Kafka's own ceiling is far higher; this only catches a typo that would add a huge number. */
const MAX_TOTAL = 100_000;

/** The problem with `text` as the new partition count of a topic that has `current`, if any. */
function partitionTotalProblem(text: string, current: number): string | undefined {
  const n = Number(text.trim() || NaN);
  return kafkaModule().validatePartitionTotal(current, n) ?? (n > MAX_TOTAL ? `At most ${MAX_TOTAL}` : undefined);
}

const KEYED_ORDERING_WARNING =
  'Records with the same key may go to a different partition from now on: ordering per key is not kept across the change, and consumers that rely on key → partition (Kafka Streams, compacted topics, joins) can see one key in two partitions. Partitions cannot be removed afterwards.';

export function registerPartitionCommands(commands: CommandRegistry, deps: Deps): void {
  const { backend, view, settings } = deps;

  commands.register(Commands.addPartitions, async (node) => {
    const cluster = await resolveCluster(node, backend, view, 'Add partitions to a topic in…');
    assertWritable(cluster, settings(), 'Add partitions');
    const topic = await resolveTopic(node, cluster, backend);
    const ops = backend.ops(cluster);
    const admin = ops.partitionAdmin?.();
    if (!admin) throw new UserError(`Adding partitions is not available for ${cluster.name}.`, { code: 'Unsupported' });
    // The count now (the tree's may be old), from the cluster's topic source.
    const current = (
      await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Window, title: `Reading the partitions of ${topic}…` },
        () => ops.partitions(topic),
      )
    ).length;
    const text = await vscode.window.showInputBox({
      title: `Add partitions to “${topic}” (${cluster.name})`,
      prompt: `${topic} has ${current} partition${current === 1 ? '' : 's'}. New total partition count (more than ${current}):`,
      value: String(current + 1),
      validateInput: (v) => partitionTotalProblem(v, current),
    });
    if (text === undefined) throw new CancellationError();
    const total = Number(text.trim());
    const added = total - current;
    const confirm = `Add ${added} Partition${added === 1 ? '' : 's'}`;
    const answer = await vscode.window.showWarningMessage(
      `Add ${added} partition${added === 1 ? '' : 's'} to “${topic}” (${current} → ${total})?`,
      { modal: true, detail: KEYED_ORDERING_WARNING },
      confirm,
    );
    if (answer !== confirm) throw new CancellationError();
    const result = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `Adding partitions to ${topic}…` },
      () => admin.addPartitions(topic, total),
    );
    view.reloadTopics(cluster);
    void vscode.window.showInformationMessage(
      `“${topic}” now has ${total} partitions (was ${result.before})` +
        (result.via === 'mskApi'
          ? ' — through the MSK API (UpdateTopic): its topic list shows the change within about a minute.'
          : '.'),
    );
  });
}
