import * as vscode from 'vscode';
import { registerAwsCommands, AwsStatusBar } from './commands/awsCommands';
import { registerClusterCommands } from './commands/clusterCommands';
import { registerConnectionCommands } from './commands/connectionCommands';
import { registerExplorerCommands } from './commands/explorerCommands';
import { registerLagCommands } from './commands/lagCommands';
import { registerProduceCommands } from './commands/produceCommands';
import { CommandRegistry } from './commands/registerCommand';
import { registerTailCommands } from './commands/tailCommands';
import { registerTopicCommands } from './commands/topicCommands';
import { readSettings } from './config/settings';
import { MskBackend } from './services/mskBackend';
import { ExplorerView } from './views/explorer/explorerView';
import { ReadOnlyDocuments } from './views/jsonDocuments';
import { ClusterOverviewPanels } from './views/panels/clusterOverviewPanel';

/** The single composition root: everything the extension creates is made and disposed here. */
export function activate(context: vscode.ExtensionContext): void {
  const version = String((context.extension.packageJSON as { version?: string }).version ?? '0.0.0');
  const log = vscode.window.createOutputChannel('Amazon MSK', { log: true });
  context.subscriptions.push(log);

  const settings = readSettings;
  const backend = new MskBackend({
    settings,
    secrets: context.secrets,
    log,
    userAgent: `msk-explorer/${version}`,
  });
  context.subscriptions.push({ dispose: () => void backend.dispose() });

  const commands = new CommandRegistry(log);
  const view = new ExplorerView(backend, settings, log);
  const docs = new ReadOnlyDocuments();
  const overviews = new ClusterOverviewPanels(context.extensionUri, log);
  const statusBar = new AwsStatusBar(settings);
  context.subscriptions.push(commands, view, docs, overviews, statusBar);
  context.subscriptions.push(
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('msk.aws')) statusBar.update();
    }),
  );
  void updateReadOnlyContext();
  context.subscriptions.push(
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('msk.readOnly')) void updateReadOnlyContext();
    }),
  );

  commands.register('msk.showLog', () => log.show(true));
  registerExplorerCommands(commands, view);
  registerAwsCommands(commands, settings);
  registerConnectionCommands(commands, context.secrets);
  registerTopicCommands(commands, { backend, view, settings, docs });
  registerClusterCommands(commands, { backend, view, settings, docs, overviews });
  const featureDeps = { context, backend, view, settings, docs, log };
  registerTailCommands(commands, featureDeps);
  registerProduceCommands(commands, featureDeps);
  registerLagCommands(commands, featureDeps);

  log.info(`Amazon MSK extension ${version} activated`);
}

/** Menus hide destructive commands in global read-only mode (the commands refuse as well). */
function updateReadOnlyContext(): Thenable<unknown> {
  return vscode.commands.executeCommand('setContext', 'msk.readOnly', readSettings().readOnly);
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
