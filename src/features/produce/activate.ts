/**
 * The produce feature: the one send path (ProduceSender), the producer panel with its history,
 * producer files (the language client, the cluster per file and its status bar item) and sending a
 * JSON document or selection.
 */
import * as vscode from 'vscode';
import { readProduceSettings } from '../../config/settings';
import { FileClusters } from '../../language/client/fileClusters';
import { ProducerFileClient } from '../../language/client/producerFileClient';
import { ProducerFileStatusItem } from '../../language/client/statusItem';
import { PRODUCER_LANGUAGE_ID } from '../../language/protocol';
import type { ClusterRef } from '../../services/clusterModel';
import { assertWritable, isReadOnly } from '../../services/readOnly';
import { errorMessage } from '../../shared/errors';
import { allClusters } from '../explorer/pickers';
import { ProducerHistory } from './producerPanelHistory';
import { ProducerPanels } from './producerPanel';
import type { FeatureDeps } from '../featureDeps';
import { registerProduceCommands } from './produceCommands';
import { registerProducerFileCommands } from './producerFileCommands';
import { ProduceSender } from './send/sender';
import type { SchemaBrowser } from '../../services/schemaBrowse';
import { schemaCheck, schemaNames } from './schemaQueries';

/** `schemas`: the schema registries (from the schema feature), for schema-encoded keys and values. */
export function activateProduce(deps: FeatureDeps, schemas?: SchemaBrowser): void {
  const { context, commands, backend, view, settings, log } = deps;
  const sender = new ProduceSender(backend);
  const history = new ProducerHistory(context.workspaceState, () => readProduceSettings().historySize);
  const panels = new ProducerPanels({
    extensionUri: context.extensionUri,
    sender,
    history,
    log,
    ops: (c) => backend.ops(c),
    assertWritable: (c) => assertWritable(c, settings(), 'Producing messages'),
    isReadOnly: (c) => isReadOnly(c, settings()),
    idempotent: () => readProduceSettings().idempotent,
    maxCount: () => readProduceSettings().maxCount,
    ...(schemas ? { schemas } : {}),
  });
  // Clusters found without the tree: a producer file can be opened before the Amazon MSK view
  // was ever shown (the tree only lists clusters once shown), and still needs its default cluster.
  let discovered: ClusterRef[] = [];
  const fileClusters = new FileClusters(context.workspaceState, () => [
    ...view.knownClusters(),
    ...backend.manualClusters(),
    ...discovered,
  ]);
  const client = new ProducerFileClient({
    extensionUri: context.extensionUri,
    log,
    clusterFor: (uri) => fileClusters.get(uri),
    topics: async (cluster) =>
      (await backend.ops(cluster).topics())
        .filter((t) => !t.internal)
        .map((t) => ({ name: t.name, partitions: t.partitions })),
    ...(schemas
      ? {
          schemaNames: (cluster, params) => schemaNames(schemas, cluster, params),
          schemaCheck: (cluster, params) => schemaCheck(schemas, cluster, params),
        }
      : {}),
  });
  const statusItem = new ProducerFileStatusItem(fileClusters);
  context.subscriptions.push(panels, client, statusItem, { dispose: () => void sender.dispose() });

  let discovering: Promise<void> | undefined;
  const discoverDefaultCluster = (doc: vscode.TextDocument): void => {
    if (doc.languageId !== PRODUCER_LANGUAGE_ID || fileClusters.get(doc.uri.toString())) return;
    discovering ??= (async () => {
      discovered = await allClusters(backend, view);
      statusItem.update();
      for (const d of vscode.workspace.textDocuments)
        if (d.languageId === PRODUCER_LANGUAGE_ID) await client.notifyCluster(d.uri.toString());
    })().catch((err: unknown) => {
      discovering = undefined; // try again with the next producer file
      log.warn(`producer files: could not find a default cluster: ${errorMessage(err)}`);
    });
  };
  context.subscriptions.push(vscode.workspace.onDidOpenTextDocument(discoverDefaultCluster));
  for (const doc of vscode.workspace.textDocuments) discoverDefaultCluster(doc);

  registerProduceCommands(commands, { backend, view, settings, log, sender, panels });
  registerProducerFileCommands(commands, {
    backend,
    view,
    settings,
    log,
    sender,
    fileClusters,
    client,
    statusItem,
    schemas,
  });
}
