/**
 * Where an export is written and in which format, from what the save dialog answered (no vscode:
 * unit-tested). The format comes from the file's extension; a name without one gets the format
 * asked for, and its extension added — a name the save dialog never saw, so a file already there
 * is replaced only once the person agrees.
 */
import { formatOfFileName } from './builders';
import type { ExportFormat } from './model';

export interface TargetQuestions {
  /** The path chosen in the save dialog (it confirmed replacing that path); undefined: cancelled. */
  save(): Promise<string | undefined>;
  /** The format for a name without an extension; undefined: cancelled. */
  pickFormat(fileName: string): Promise<ExportFormat | undefined>;
  exists(path: string): Promise<boolean>;
  /** Whether to replace the existing file at `path`. */
  confirmReplace(path: string): Promise<boolean>;
}

/** The path and format to write, or undefined when the person cancelled at any step. */
export async function chooseExportTarget(
  ask: TargetQuestions,
): Promise<{ path: string; format: ExportFormat } | undefined> {
  const picked = await ask.save();
  if (picked === undefined) return undefined;
  const byName = formatOfFileName(picked);
  if (byName) return { path: picked, format: byName };
  const format = await ask.pickFormat(picked.split('/').pop() || picked);
  if (!format) return undefined;
  const path = `${picked}.${format}`;
  if ((await ask.exists(path)) && !(await ask.confirmReplace(path))) return undefined;
  return { path, format };
}
