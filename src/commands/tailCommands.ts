import * as vscode from 'vscode';
import type { ExplorerNode } from '../views/explorer/explorerNode';
import { TopicNode } from '../views/explorer/nodes';
import { TailPanels, type TailOpenRequest } from '../views/panels/tailPanel';
import { pickPartitions, pickStart } from '../views/panels/tailPanelStart';
import { isTailTopicArgs } from './crossFeature';
import { resolveCluster, resolveTopic } from './pickers';
import type { FeatureDeps } from './featureDeps';
import type { CommandRegistry } from './registerCommand';

export type TailDeps = FeatureDeps;

export const DEFAULT_TAIL_BUFFER_SIZE = 100_000;

/** `msk.tail.bufferSize`, within sane bounds. */
export function tailBufferSize(): number {
  const v = vscode.workspace.getConfiguration('msk.tail').get<number>('bufferSize', DEFAULT_TAIL_BUFFER_SIZE);
  return Number.isInteger(v) && v >= 100 && v <= 5_000_000 ? v : DEFAULT_TAIL_BUFFER_SIZE;
}

/** Tail panels: `msk.tailTopic` from the tree (topic node), the palette, or another feature (TailTopicArgs). */
export function registerTailCommands(commands: CommandRegistry, deps: TailDeps): void {
  const { context, backend, view, docs, log } = deps;
  const panels = new TailPanels({
    extensionUri: context.extensionUri,
    docs,
    log,
    topics: async (cluster) => (await backend.ops(cluster).topics()).filter((t) => !t.internal).map((t) => t.name),
  });
  context.subscriptions.push(panels);

  commands.register('msk.tailTopic', async (arg?: unknown) => {
    let target: Omit<TailOpenRequest, 'kafka' | 'bufferSize'>;
    if (isTailTopicArgs(arg)) {
      target = {
        cluster: arg.cluster,
        topic: arg.topic,
        start: arg.start ?? { kind: 'newest' },
        partitions: arg.partitions,
      };
    } else {
      const node = arg as ExplorerNode | undefined;
      const cluster = await resolveCluster(node, backend, view, 'Tail a topic of…');
      const topic = await resolveTopic(node, cluster, backend);
      const start = await pickStart(topic);
      // From a topic node the partition count is known; from the palette, look it up.
      const partitionCount =
        node instanceof TopicNode
          ? node.topic.partitions
          : (await backend.ops(cluster).topics()).find((t) => t.name === topic)?.partitions;
      const partitions = await pickPartitions(topic, partitionCount ?? 1);
      target = { cluster, topic, start, partitions };
    }
    const kafka = await backend.kafka(target.cluster);
    await panels.start({ ...target, kafka, bufferSize: tailBufferSize() });
  });
}
