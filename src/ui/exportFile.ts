/**
 * The one way an export reaches a file: a save dialog (with a stamped default name), the format by
 * the file's extension (or a quick pick when it has none), the read in the background with progress
 * and Cancel, the file written, then "Open" / "Reveal". Used by the explorer's and the lag view's
 * exports; what is read and how it is written (builders) are the caller's.
 */
import { homedir } from 'node:os';
import * as vscode from 'vscode';
import type { ExportFormat } from '../services/exports/model';
import { chooseExportTarget } from '../services/exports/target';
import { CancellationError, errorMessage, UserError } from '../shared/errors';
import { exportFileName } from '../shared/exportName';

export interface ExportJob<T> {
  /** The dialog's and the progress' title, e.g. "Export the topics of orders-prod". */
  title: string;
  /** The default file name's stem, e.g. "orders-prod-topics" (a time stamp and the extension are added). */
  fileStem: string;
  /** Reads the data; reports `done` of `total` items; stops when the signal is aborted. */
  read(control: { signal: AbortSignal; progress: (done: number, total: number) => void }): Promise<T>;
  /** The file's text in a format. */
  build(format: ExportFormat, data: T): string;
  /** The message once written, e.g. "12 topics of orders-prod". */
  summary(data: T): string;
  /** The unit progress counts ("topics"). */
  unit: string;
}

/** The folder of the last export, else the workspace's first folder, else the home folder. */
let lastFolder: vscode.Uri | undefined;

export function defaultFolder(): vscode.Uri {
  if (lastFolder) return lastFolder;
  const folder = vscode.workspace.workspaceFolders?.find((f) => f.uri.scheme === 'file');
  return folder?.uri ?? vscode.Uri.file(homedir());
}

/** Asks where (and so in which format) to save; undefined when cancelled. */
async function askTarget(
  title: string,
  fileStem: string,
): Promise<{ uri: vscode.Uri; format: ExportFormat } | undefined> {
  let picked: vscode.Uri | undefined;
  const at = (path: string): vscode.Uri => (picked ?? vscode.Uri.file(path)).with({ path });
  const target = await chooseExportTarget({
    save: async () => {
      picked = await vscode.window.showSaveDialog({
        title,
        saveLabel: 'Export',
        defaultUri: vscode.Uri.joinPath(defaultFolder(), exportFileName(fileStem, new Date(), 'json')),
        filters: { JSON: ['json'], CSV: ['csv'] },
      });
      return picked?.path;
    },
    pickFormat: async (fileName) => {
      const choice = await vscode.window.showQuickPick(
        [
          { label: 'JSON', description: 'pretty-printed, with cluster, source and time', format: 'json' as const },
          { label: 'CSV', description: 'one row per item, for spreadsheets', format: 'csv' as const },
        ],
        { title: `Format of ${fileName}` },
      );
      return choice?.format;
    },
    exists: async (path) => {
      try {
        await vscode.workspace.fs.stat(at(path));
        return true;
      } catch {
        return false;
      }
    },
    confirmReplace: async (path) => {
      const uri = at(path);
      const choice = await vscode.window.showWarningMessage(
        `${path.split('/').pop() ?? path} already exists. Replace it?`,
        { modal: true, detail: `The export would overwrite ${uri.fsPath}.` },
        'Replace',
      );
      return choice === 'Replace';
    },
  });
  return target && { uri: at(target.path), format: target.format };
}

/** Runs an export end to end; resolves with the file written, undefined when cancelled. */
export async function runExport<T>(job: ExportJob<T>): Promise<vscode.Uri | undefined> {
  const target = await askTarget(job.title, job.fileStem);
  if (!target) return undefined;
  const data = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: job.title, cancellable: true },
    async (progress, token) => {
      const abort = new AbortController();
      const sub = token.onCancellationRequested(() => abort.abort());
      let reported = 0;
      try {
        const out = await job.read({
          signal: abort.signal,
          progress: (done, total) => {
            const pct = total > 0 ? (done / total) * 100 : 0;
            progress.report({ message: `${done} of ${total} ${job.unit}`, increment: pct - reported });
            reported = pct;
          },
        });
        if (token.isCancellationRequested) throw new CancellationError();
        return out;
      } finally {
        sub.dispose();
      }
    },
  );
  const text = job.build(target.format, data);
  try {
    await vscode.workspace.fs.writeFile(target.uri, new TextEncoder().encode(text));
  } catch (err) {
    throw new UserError(`Could not write ${target.uri.fsPath}: ${errorMessage(err)}`, {
      hint: 'Choose a folder you can write to, or free some disk space, and export again.',
      cause: err,
    });
  }
  lastFolder = vscode.Uri.joinPath(target.uri, '..');
  void offerOpen(target.uri, `Exported ${job.summary(data)} to ${target.uri.path.split('/').pop() ?? ''}.`);
  return target.uri;
}

async function offerOpen(uri: vscode.Uri, message: string): Promise<void> {
  const choice = await vscode.window.showInformationMessage(message, 'Open', 'Reveal');
  if (choice === 'Open') await vscode.window.showTextDocument(uri, { preview: false });
  if (choice === 'Reveal') {
    const inWorkspace = vscode.workspace.getWorkspaceFolder(uri) !== undefined;
    await vscode.commands.executeCommand(inWorkspace ? 'revealInExplorer' : 'revealFileInOS', uri);
  }
}
