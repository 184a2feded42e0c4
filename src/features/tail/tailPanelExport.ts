/** Writes tail records to an NDJSON file chosen in a save dialog. */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import * as vscode from 'vscode';
import type { TailRecord } from '../../kafka/tail';
import { kafkaModule } from '../../services/lazyModules';
import { exportFileName } from '../../shared/exportName';
import { defaultFolder } from '../../ui/exportFile';

/**
 * Records with keys/values in a schema registry's wire format are written decoded, with their schema
 * reference, or as their raw bytes (base64): asks which; undefined when cancelled.
 */
async function pickSchemaExport(records: readonly TailRecord[]): Promise<{ raw: boolean } | undefined> {
  const { hasSchemaFraming } = kafkaModule();
  if (!records.some((r) => hasSchemaFraming(r))) return { raw: false };
  const picked = await vscode.window.showQuickPick(
    [
      { label: 'Decoded values', description: 'JSON, with each schema reference', raw: false },
      { label: 'Raw bytes', description: 'base64 of the exact bytes (wire format included)', raw: true },
    ],
    { title: 'Export schema-encoded messages as…' },
  );
  return picked ? { raw: picked.raw } : undefined;
}

/** Asks where to save and writes the records; returns the number written (undefined: cancelled). */
export async function exportNdjson(topic: string, records: readonly TailRecord[]): Promise<number | undefined> {
  const choice = await pickSchemaExport(records);
  if (!choice) return undefined;
  const uri = await vscode.window.showSaveDialog({
    title: `Export messages of ${topic}`,
    defaultUri: vscode.Uri.joinPath(defaultFolder(), exportFileName(topic, new Date(), 'ndjson')),
    filters: { NDJSON: ['ndjson', 'jsonl'] },
  });
  if (!uri) return undefined;
  const out = createWriteStream(uri.fsPath, { encoding: 'utf8' });
  let count = 0;
  try {
    for (const line of kafkaModule().ndjsonLines(topic, records, choice)) {
      count++;
      if (!out.write(line)) await once(out, 'drain');
    }
  } finally {
    out.end();
    await once(out, 'close');
  }
  return count;
}
