/** Writes tail records to an NDJSON file chosen in a save dialog. */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { homedir } from 'node:os';
import * as vscode from 'vscode';
import type { TailRecord } from '../../kafka/tail';
import { kafkaModule } from '../../services/lazyModules';
import { exportFileName } from './tailExportName';

/** Asks where to save and writes the records; returns the number written (undefined: cancelled). */
export async function exportNdjson(topic: string, records: Iterable<TailRecord>): Promise<number | undefined> {
  const uri = await vscode.window.showSaveDialog({
    title: `Export messages of ${topic}`,
    defaultUri: vscode.Uri.joinPath(exportFolder(), exportFileName(topic, new Date())),
    filters: { NDJSON: ['ndjson', 'jsonl'] },
  });
  if (!uri) return undefined;
  const out = createWriteStream(uri.fsPath, { encoding: 'utf8' });
  let count = 0;
  try {
    for (const line of kafkaModule().ndjsonLines(topic, records)) {
      count++;
      if (!out.write(line)) await once(out, 'drain');
    }
  } finally {
    out.end();
    await once(out, 'close');
  }
  return count;
}

/** The workspace's first folder, else the home folder (never the filesystem root). */
function exportFolder(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.find((f) => f.uri.scheme === 'file');
  return folder?.uri ?? vscode.Uri.file(homedir());
}
