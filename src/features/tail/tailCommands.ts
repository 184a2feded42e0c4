import { Commands } from '../../contract/commands';
import { isTailTopicArgs } from '../../contract/crossFeature';
import { readTailSettings } from '../../config/settings';
import type { Backend } from '../../services/backend';
import { resolveCluster, resolveTopic } from '../explorer/pickers';
import type { CommandRegistry } from '../../ui/commands/registerCommand';
import type { ExplorerView } from '../explorer/tree/explorerView';
import { TopicNode } from '../explorer/tree/nodes';
import type { TailOpenRequest, TailPanels } from './tailPanel';
import { pickPartitions, pickStart } from './tailPanelStart';

export interface TailCommandDeps {
  backend: Backend;
  view: ExplorerView;
  panels: TailPanels;
}

/** `msk.tailTopic` from the tree (topic node), the palette, or another feature (TailTopicArgs). */
export function registerTailCommands(commands: CommandRegistry, deps: TailCommandDeps): void {
  const { backend, view, panels } = deps;
  commands.register(Commands.tailTopic, async (arg) => {
    let target: Omit<TailOpenRequest, 'kafka' | 'bufferSize'>;
    if (isTailTopicArgs(arg)) {
      target = {
        cluster: arg.cluster,
        topic: arg.topic,
        start: arg.start ?? { kind: 'newest' },
        partitions: arg.partitions,
      };
    } else {
      const node = arg;
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
    const schemas = backend.schemaRegistries?.().resolverFor(target.cluster);
    await panels.start({
      ...target,
      kafka,
      bufferSize: readTailSettings().bufferSize,
      ...(schemas ? { schemas } : {}),
    });
  });
}
