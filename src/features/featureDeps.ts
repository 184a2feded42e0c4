import type * as vscode from 'vscode';
import type { Backend } from '../services/backend';
import type { MskSettings } from '../services/settingsModel';
import type { Logger } from '../shared/logger';
import type { CommandRegistry } from '../ui/commands/registerCommand';
import type { ReadOnlyDocuments } from '../ui/jsonDocuments';
import type { ExplorerView } from './explorer/tree/explorerView';

/**
 * What the composition root (src/extension.ts) hands every feature's activation (explorer, tail,
 * produce, lag): the shared services. A feature builds its own panels, monitors and clients from
 * these, registers them for disposal on `context.subscriptions`, and registers its commands.
 */
export interface FeatureDeps {
  context: vscode.ExtensionContext;
  commands: CommandRegistry;
  backend: Backend;
  view: ExplorerView;
  settings: () => MskSettings;
  docs: ReadOnlyDocuments;
  log: Logger;
}
