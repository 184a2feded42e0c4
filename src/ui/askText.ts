import * as vscode from 'vscode';
import { CancellationError } from '../shared/errors';

/**
 * One text step of a multi-step prompt: the box stays open when focus moves elsewhere, Escape cancels the
 * whole flow, and an empty answer cancels too unless the step is `optional`.
 */
export async function askText(
  title: string,
  prompt: string,
  value: string | undefined,
  validate: (v: string) => string | undefined,
  { optional = false }: { optional?: boolean } = {},
): Promise<string> {
  const result = await vscode.window.showInputBox({
    title,
    prompt,
    value,
    validateInput: validate,
    ignoreFocusOut: true,
  });
  if (result === undefined) throw new CancellationError();
  if (!optional && !result.trim()) throw new CancellationError();
  return result;
}
