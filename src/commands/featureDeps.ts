import type * as vscode from 'vscode';
import type { Backend } from '../services/backend';
import type { MskSettings } from '../services/settingsModel';
import type { Logger } from '../shared/logger';
import type { ExplorerView } from '../views/explorer/explorerView';
import type { ReadOnlyDocuments } from '../views/jsonDocuments';

/** What the composition root hands every feature's commands (tail, produce, lag). */
export interface FeatureDeps {
  context: vscode.ExtensionContext;
  backend: Backend;
  view: ExplorerView;
  settings: () => MskSettings;
  docs: ReadOnlyDocuments;
  log: Logger;
}
