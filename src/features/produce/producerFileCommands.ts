/** Producer files: the cluster a file sends to, and its codelenses (produce a block, all blocks, the last send). */
import * as vscode from 'vscode';
import { defaultSendOptions } from './sendOptions';
import { Commands } from '../../contract/commands';
import type { ProduceReport } from '../../kafka/produce/types';
import type { FileClusters } from '../../language/client/fileClusters';
import type { ProducerFileClient } from '../../language/client/producerFileClient';
import type { ProducerFileStatusItem } from '../../language/client/statusItem';
import type { ProducerBlock } from '../../language/producerFile/types';
import type { SchemaBrowser } from '../../services/schemaBrowse';
import { blockDraft, jsonError, looksLikeJson } from '../../language/producerFile/drafts';
import { parseProducerFile } from '../../language/producerFile/parse';
import type { Backend } from '../../services/backend';
import type { ClusterRef } from '../../services/clusterModel';
import { assertWritable } from '../../services/readOnly';
import type { MskSettings } from '../../services/settingsModel';
import { UserError } from '../../shared/errors';
import type { Logger } from '../../shared/logger';
import { resolveCluster } from '../explorer/pickers';
import { executeCommand, type CommandRegistry } from '../../ui/commands/registerCommand';
import type { ExplorerView } from '../explorer/tree/explorerView';
import { offerTail } from './offerTail';
import type { ProduceSender } from './send/sender';
import { failureLines, summarizeReport } from './send/summary';
import { encoderFor } from './panelSchemas';

export interface ProducerFileCommandDeps {
  backend: Backend;
  view: ExplorerView;
  settings: () => MskSettings;
  log: Logger;
  sender: ProduceSender;
  fileClusters: FileClusters;
  client: ProducerFileClient;
  statusItem: ProducerFileStatusItem;
  /** Schema registries, for blocks with a `Schema:` / `KeySchema:` line. */
  schemas?: SchemaBrowser;
}

export function registerProducerFileCommands(commands: CommandRegistry, deps: ProducerFileCommandDeps): void {
  const { backend, view, settings, log, sender, fileClusters, client, statusItem, schemas } = deps;
  const lastSends = new Map<string, { cluster: ClusterRef; report: ProduceReport }>();

  const pickFileCluster = async (uri: string): Promise<ClusterRef> => {
    const cluster = await resolveCluster(undefined, backend, view, 'Cluster for this producer file');
    await fileClusters.set(uri, cluster);
    statusItem.update();
    await client.notifyCluster(uri);
    return cluster;
  };
  commands.register(Commands.selectProducerFileCluster, async (uriArg) => {
    const uri = typeof uriArg === 'string' ? uriArg : vscode.window.activeTextEditor?.document.uri.toString();
    if (!uri) throw new UserError('Open a producer file (.kafka) first.');
    await pickFileCluster(uri);
  });
  const clusterOfFile = async (uri: string): Promise<ClusterRef> => fileClusters.get(uri) ?? pickFileCluster(uri);

  const document = async (uri: string): Promise<vscode.TextDocument> =>
    vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri) ??
    vscode.workspace.openTextDocument(vscode.Uri.parse(uri));

  /** The encoder of a block with schema lines (the schemas fetched now: a missing one refuses the send). */
  const blockEncoder = (cluster: ClusterRef, b: ProducerBlock) =>
    encoderFor(schemas, cluster, { key: b.keySchema?.value, value: b.schema?.value });

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
          const encode = await blockEncoder(cluster, b);
          const report = await sender.send({
            ...(encode ? { encode } : {}),
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
            options: defaultSendOptions(),
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
              .then((c) => c && executeCommand(Commands.showLog));
        }
      },
    );
  };
  // Arguments come from the language server's codelenses: coerced, not trusted.
  commands.register(Commands.produceBlock, (uri, block) => produceBlocks(String(uri), Number(block)));
  commands.register(Commands.produceAllBlocks, (uri) =>
    produceBlocks(uri ? String(uri) : (vscode.window.activeTextEditor?.document.uri.toString() ?? '')),
  );
  commands.register(Commands.showLastSend, async (uri, block) => {
    const last = lastSends.get(`${String(uri)}#${Number(block)}`);
    if (!last) return;
    await offerTail(last.cluster, last.report, summarizeReport(last.report, 10));
  });
}
