import type * as vscode from 'vscode';
import type { Backend } from '../services/backend';
import type { MskSettings } from '../services/settingsModel';
import type { Logger } from '../shared/logger';
import type { ExplorerView } from '../views/explorer/explorerView';
import type { ReadOnlyDocuments } from '../views/jsonDocuments';
import type { CommandRegistry } from './registerCommand';

export interface LagDeps {
  context: vscode.ExtensionContext;
  backend: Backend;
  view: ExplorerView;
  settings: () => MskSettings;
  docs: ReadOnlyDocuments;
  log: Logger;
}

/** The lag feature's commands (placeholder until the feature lands). */
export function registerLagCommands(_commands: CommandRegistry, _deps: LagDeps): void {}
