/**
 * The produce feature's commands: the producer panel (tree, palette, "Produce again" from the
 * tail panel), producer files (codelenses, cluster per file) and sending a JSON document/selection.
 */
import * as vscode from 'vscode';
import { FileClusters } from '../language/client/fileClusters';
import { ProducerFileClient } from '../language/client/producerFileClient';
import { ProducerFileStatusItem, SELECT_FILE_CLUSTER_COMMAND } from '../language/client/statusItem';
import { blockDraft, jsonError, looksLikeJson } from '../language/producerFile/drafts';
import { parseProducerFile } from '../language/producerFile/parse';
import {
  PRODUCE_ALL_COMMAND,
  PRODUCE_BLOCK_COMMAND,
  PRODUCER_LANGUAGE_ID,
  SHOW_SEND_COMMAND,
} from '../language/protocol';
import type { ProduceOptions, ProduceReport } from '../kafka/produce/types';
import { ProduceSender } from '../produce/sender';
import { failureLines, firstOffsets, summarizeReport } from '../produce/summary';
import type { ClusterRef } from '../services/clusterModel';
import { assertWritable, isReadOnly } from '../services/readOnly';
import { CancellationError, UserError, errorMessage } from '../shared/errors';
import type { ExplorerNode } from '../views/explorer/explorerNode';
import { ProducerHistory } from '../views/panels/producerPanelHistory';
import { ProducerPanels } from '../views/panels/producerPanel';
import { isProduceToTopicArgs, type TailTopicArgs } from './crossFeature';
import { allClusters, resolveCluster, resolveTopic } from './pickers';
import type { FeatureDeps } from './featureDeps';
import type { CommandRegistry } from './registerCommand';

export type ProduceDeps = FeatureDeps;

function produceSetting<T>(name: string, fallback: T): T {
  return vscode.workspace.getConfiguration('msk.produce').get<T>(name) ?? fallback;
}

function defaultOptions(): ProduceOptions {
  return { acks: -1, compression: 'none', idempotent: produceSetting('idempotent', true) };
}

export function registerProduceCommands(commands: CommandRegistry, deps: ProduceDeps): void {
  const { context, backend, view, settings, log } = deps;
  const sender = new ProduceSender(backend);
  const history = new ProducerHistory(context.workspaceState, () => produceSetting('historySize', 20));
  const panels = new ProducerPanels({
    extensionUri: context.extensionUri,
    sender,
    history,
    log,
    ops: (c) => backend.ops(c),
    assertWritable: (c) => assertWritable(c, settings(), 'Producing messages'),
    isReadOnly: (c) => isReadOnly(c, settings()),
    idempotent: () => produceSetting('idempotent', true),
    maxCount: () => produceSetting('maxCount', 100_000),
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
    topics: async (cluster) => (await backend.ops(cluster).topics()).filter((t) => !t.internal).map((t) => t.name),
  });
  const statusItem = new ProducerFileStatusItem(fileClusters);
  const lastSends = new Map<string, { cluster: ClusterRef; report: ProduceReport }>();
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

  // ---- the producer panel
  commands.register('msk.produceToTopic', async (arg?: unknown) => {
    if (isProduceToTopicArgs(arg)) {
      assertWritable(arg.cluster, settings(), 'Producing messages');
      panels.open(arg.cluster, arg.topic, arg.draft);
      return;
    }
    const node = arg as ExplorerNode | undefined;
    const cluster = await resolveCluster(node, backend, view, 'Produce to a topic of…');
    assertWritable(cluster, settings(), 'Producing messages');
    const topic = await resolveTopic(node, cluster, backend);
    panels.open(cluster, topic);
  });

  // ---- producer files
  const pickFileCluster = async (uri: string): Promise<ClusterRef> => {
    const cluster = await resolveCluster(undefined, backend, view, 'Cluster for this producer file');
    await fileClusters.set(uri, cluster);
    statusItem.update();
    await client.notifyCluster(uri);
    return cluster;
  };
  commands.register(SELECT_FILE_CLUSTER_COMMAND, async (uriArg?: unknown) => {
    const uri = typeof uriArg === 'string' ? uriArg : vscode.window.activeTextEditor?.document.uri.toString();
    if (!uri) throw new UserError('Open a producer file (.kafka) first.');
    await pickFileCluster(uri);
  });
  const clusterOfFile = async (uri: string): Promise<ClusterRef> => fileClusters.get(uri) ?? pickFileCluster(uri);

  const document = async (uri: string): Promise<vscode.TextDocument> =>
    vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri) ??
    vscode.workspace.openTextDocument(vscode.Uri.parse(uri));

  const produceBlocks = async (uri: string, only?: number): Promise<void> => {
    const doc = await document(uri);
    const file = parseProducerFile(doc.getText());
    const blocks = file.blocks.filter((b) => b.topic && (only === undefined || b.index === only));
    if (blocks.length === 0) throw new UserError('Nothing to produce: no block with a `PRODUCE <topic>` line.');
    for (const b of blocks) {
      const problem = b.problems[0];
      if (problem) throw new UserError(`Block ${b.index + 1} (line ${problem.span.line + 1}): ${problem.message}`);
      const invalid = b.value !== null && looksLikeJson(b.value) ? jsonError(b.value) : undefined;
      if (invalid !== undefined) throw new UserError(`Block ${b.index + 1}: the value is not valid JSON (${invalid}).`);
    }
    const cluster = await clusterOfFile(uri);
    assertWritable(cluster, settings(), 'Producing messages');
    await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `Producing to ${cluster.name}`, cancellable: true },
      async (progress, token) => {
        for (const b of blocks) {
          const draft = blockDraft(b)!;
          progress.report({ message: `${draft.topic} (${draft.repeat})` });
          const report = await sender.send({
            cluster,
            topic: draft.topic,
            drafts: [
              {
                key: draft.key,
                value: draft.value,
                headers: draft.headers,
                partition: draft.partition,
                timestamp: draft.timestamp,
              },
            ],
            count: draft.repeat,
            options: defaultOptions(),
            isCancelled: () => token.isCancellationRequested,
          });
          lastSends.set(`${uri}#${b.index}`, { cluster, report });
          const summary = summarizeReport(report);
          log.info(`producer file ${uri} block ${b.index + 1} → ${draft.topic} on ${cluster.name}: ${summary}`);
          for (const line of failureLines(report)) log.warn(`  ${line}`);
          await client.sendStatus({
            uri,
            block: b.index,
            text: summary.length > 90 ? `${summary.slice(0, 89)}…` : summary,
          });
          if (report.failed)
            void vscode.window
              .showWarningMessage(`${draft.topic}: ${summary}`, 'Open Log')
              .then((c) => c && vscode.commands.executeCommand('msk.showLog'));
        }
      },
    );
  };
  commands.register(PRODUCE_BLOCK_COMMAND, (uri: string, block: number) => produceBlocks(String(uri), Number(block)));
  commands.register(PRODUCE_ALL_COMMAND, (uri?: string) =>
    produceBlocks(uri ? String(uri) : (vscode.window.activeTextEditor?.document.uri.toString() ?? '')),
  );
  commands.register(SHOW_SEND_COMMAND, async (uri: string, block: number) => {
    const last = lastSends.get(`${String(uri)}#${Number(block)}`);
    if (!last) return;
    await offerTail(last.cluster, last.report, summarizeReport(last.report, 10));
  });

  const offerTail = async (cluster: ClusterRef, report: ProduceReport, text: string): Promise<void> => {
    const offsets = firstOffsets(report);
    const show = report.failed ? vscode.window.showWarningMessage : vscode.window.showInformationMessage;
    const choice = await show(`${report.topic}: ${text}`, ...(offsets.length ? ['Tail this topic'] : []));
    if (choice !== 'Tail this topic') return;
    const args: TailTopicArgs = {
      kind: 'tailTopic',
      cluster,
      topic: report.topic,
      start: { kind: 'offsets', offsets },
      partitions: offsets.map((o) => o.partition),
    };
    await vscode.commands.executeCommand('msk.tailTopic', args);
  };

  // ---- a JSON document or selection
  const produceJson = async (text: string, what: string): Promise<void> => {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (err) {
      throw new UserError(`The ${what} is not valid JSON: ${err instanceof Error ? err.message : String(err)}`);
    }
    const values = Array.isArray(parsed) ? parsed : [parsed];
    if (values.length === 0) throw new UserError(`The ${what} is an empty array: nothing to produce.`);
    const cluster = await resolveCluster(undefined, backend, view, `Produce the ${what} to a topic of…`);
    assertWritable(cluster, settings(), 'Producing messages');
    const topic = await resolveTopic(undefined, cluster, backend);
    const confirm = await vscode.window.showInformationMessage(
      `Produce ${values.length} message${values.length === 1 ? '' : 's'} to ${topic} on ${cluster.name}?`,
      { modal: true },
      'Produce',
    );
    if (confirm !== 'Produce') throw new CancellationError();
    const report = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `Producing to ${topic}`, cancellable: true },
      (_p, token) =>
        sender.send({
          cluster,
          topic,
          drafts: values.map((v) => ({ key: null, value: JSON.stringify(v), headers: [] })),
          count: 1,
          options: defaultOptions(),
          isCancelled: () => token.isCancellationRequested,
        }),
    );
    for (const line of failureLines(report)) log.warn(`produce ${what} to ${topic}: ${line}`);
    await offerTail(cluster, report, summarizeReport(report));
  };
  commands.register('msk.produceSelection', async () => {
    const editor = vscode.window.activeTextEditor;
    if (!editor || editor.selection.isEmpty)
      throw new UserError('Select JSON text to produce (an object, or an array of messages).');
    await produceJson(editor.document.getText(editor.selection), 'selection');
  });
  commands.register('msk.produceDocument', async () => {
    const editor = vscode.window.activeTextEditor;
    if (!editor) throw new UserError('Open a JSON document to produce (an object, or an array of messages).');
    await produceJson(editor.document.getText(), 'document');
  });
  commands.register('msk.newProducerFile', async () => {
    const doc = await vscode.workspace.openTextDocument({ language: PRODUCER_LANGUAGE_ID, content: NEW_FILE });
    await vscode.window.showTextDocument(doc);
  });
}

const NEW_FILE = `# A producer file: blocks separated by ###, each PRODUCE <topic>, optional fields and headers,
# a blank line, then the value. Run a block with its "Produce" codelens.
### one order
PRODUCE orders
Key: order-{{seq}}
Content-Type: application/json

{"id": "{{uuid}}", "customer": "{{faker.person.fullName}}", "at": "{{now}}"}
`;
