/** Writes tail records to an NDJSON file chosen in a save dialog. */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import * as vscode from 'vscode';
import type { TailRecord } from '../../kafka/tail';
import { kafkaModule } from '../../services/lazyModules';

/** Asks where to save and writes the records; returns the number written (undefined: cancelled). */
export async function exportNdjson(topic: string, records: Iterable<TailRecord>): Promise<number | undefined> {
  const uri = await vscode.window.showSaveDialog({
    title: `Export messages of ${topic}`,
    defaultUri: vscode.Uri.file(`${topic.replace(/[^\w.-]/g, '_')}.ndjson`),
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
