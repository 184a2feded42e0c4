/** The tail feature: tail panels and `msk.tailTopic`. */
import { TailPanels } from './tailPanel';
import type { FeatureDeps } from '../featureDeps';
import { registerSchemaRegistrySecret } from './schemaRegistrySecret';
import { registerTailCommands } from './tailCommands';

export function activateTail(deps: FeatureDeps): void {
  const { context, commands, backend, view, docs, log } = deps;
  const panels = new TailPanels({
    extensionUri: context.extensionUri,
    docs,
    log,
    topics: async (cluster) => (await backend.ops(cluster).topics()).filter((t) => !t.internal).map((t) => t.name),
  });
  context.subscriptions.push(panels);
  registerTailCommands(commands, { backend, view, panels });
  registerSchemaRegistrySecret(commands, context.secrets, backend);
}
