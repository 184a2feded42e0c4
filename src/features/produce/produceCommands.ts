/** The producer panel (tree, palette, "Produce again" from the tail panel) and sending a JSON document or selection. */
import * as vscode from 'vscode';
import { defaultSendOptions } from './sendOptions';
import { Commands } from '../../contract/commands';
import { isProduceToTopicArgs } from '../../contract/crossFeature';
import { PRODUCER_LANGUAGE_ID } from '../../language/protocol';
import type { Backend } from '../../services/backend';
import { assertWritable } from '../../services/readOnly';
import type { MskSettings } from '../../services/settingsModel';
import { CancellationError, UserError } from '../../shared/errors';
import type { Logger } from '../../shared/logger';
import { resolveCluster, resolveTopic } from '../explorer/pickers';
import type { CommandRegistry } from '../../ui/commands/registerCommand';
import type { ExplorerView } from '../explorer/tree/explorerView';
import type { ProducerPanels } from './producerPanel';
import { offerTail } from './offerTail';
import type { ProduceSender } from './send/sender';
import { failureLines, summarizeReport } from './send/summary';

export interface ProduceCommandDeps {
  backend: Backend;
  view: ExplorerView;
  settings: () => MskSettings;
  log: Logger;
  sender: ProduceSender;
  panels: ProducerPanels;
}

export function registerProduceCommands(commands: CommandRegistry, deps: ProduceCommandDeps): void {
  const { backend, view, settings, log, sender, panels } = deps;

  // ---- the producer panel
  commands.register(Commands.produceToTopic, async (arg) => {
    if (isProduceToTopicArgs(arg)) {
      assertWritable(arg.cluster, settings(), 'Producing messages');
      panels.open(arg.cluster, arg.topic, arg.draft);
      return;
    }
    const cluster = await resolveCluster(arg, backend, view, 'Produce to a topic of…');
    assertWritable(cluster, settings(), 'Producing messages');
    const topic = await resolveTopic(arg, cluster, backend);
    panels.open(cluster, topic);
  });

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
          options: defaultSendOptions(),
          isCancelled: () => token.isCancellationRequested,
        }),
    );
    for (const line of failureLines(report)) log.warn(`produce ${what} to ${topic}: ${line}`);
    await offerTail(cluster, report, summarizeReport(report));
  };
  commands.register(Commands.produceSelection, async () => {
    const editor = vscode.window.activeTextEditor;
    if (!editor || editor.selection.isEmpty)
      throw new UserError('Select JSON text to produce (an object, or an array of messages).');
    await produceJson(editor.document.getText(editor.selection), 'selection');
  });
  commands.register(Commands.produceDocument, async () => {
    const editor = vscode.window.activeTextEditor;
    if (!editor) throw new UserError('Open a JSON document to produce (an object, or an array of messages).');
    await produceJson(editor.document.getText(), 'document');
  });
  commands.register(Commands.newProducerFile, async () => {
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
