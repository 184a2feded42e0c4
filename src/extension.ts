import * as vscode from 'vscode';
import { readSettings } from './config/settings';
import { Commands } from './contract/commands';
import { ContextKeys } from './contract/contextKeys';
import { activateDoctor } from './features/doctor/activate';
import { activateExplorer } from './features/explorer/activate';
import { tunnelPassphraseProvider } from './features/explorer/tunnelPassphrase';
import type { FeatureDeps } from './features/featureDeps';
import { activateLag } from './features/lag/activate';
import { activateProduce } from './features/produce/activate';
import { activateSchema } from './features/schema/activate';
import { activateTail } from './features/tail/activate';
import { MskBackend } from './services/mskBackend';
import { CommandRegistry, setContextKey } from './ui/commands/registerCommand';
import { ExplorerView } from './features/explorer/tree/explorerView';
import { ReadOnlyDocuments } from './ui/jsonDocuments';

/**
 * The single composition root: it makes the services every feature shares (log, backend, command
 * registry, the Clusters tree, read-only documents) and activates each feature from its folder
 * (src/features/<feature>/activate.ts). Everything is disposed through context.subscriptions.
 */
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
    tunnelPassphrase: tunnelPassphraseProvider(context.secrets),
  });
  context.subscriptions.push({ dispose: () => void backend.dispose() });

  const commands = new CommandRegistry(log);
  const view = new ExplorerView(backend, settings, log);
  const docs = new ReadOnlyDocuments();
  context.subscriptions.push(commands, view, docs);

  // Menus hide destructive commands in global read-only mode (the commands refuse as well).
  const updateReadOnlyContext = () => void setContextKey(ContextKeys.readOnly, readSettings().readOnly);
  updateReadOnlyContext();
  context.subscriptions.push(
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('msk.readOnly')) updateReadOnlyContext();
    }),
  );
  commands.register(Commands.showLog, () => log.show(true));

  const deps: FeatureDeps = { context, commands, backend, view, settings, docs, log };
  activateExplorer(deps);
  const schemas = activateSchema(deps);
  activateTail(deps);
  activateProduce(deps, schemas);
  activateLag(deps);
  activateDoctor(deps);

  log.info(`Amazon MSK extension ${version} activated`);
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
