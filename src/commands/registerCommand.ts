import * as vscode from 'vscode';
import { describeErrorChain, errorMessage, isCancellation } from '../shared/errors';

/** A next step offered with an error: a button label and what it runs. */
export interface ErrorAction {
  title: string;
  run: () => unknown;
}

/**
 * The one wrapper every command goes through: it logs the start and failures (with the whole
 * cause chain) to the LogOutputChannel, shows errors as a message with a next step ("Open Log" and
 * any action the error offers), and treats a dismissed prompt as nothing to report.
 */
export class CommandRegistry implements vscode.Disposable {
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly log: vscode.LogOutputChannel) {}

  register(id: string, handler: (...args: never[]) => unknown): void {
    this.disposables.push(
      vscode.commands.registerCommand(id, async (...args: unknown[]) => {
        this.log.debug(`command ${id}`);
        try {
          return await (handler as (...a: unknown[]) => unknown)(...args);
        } catch (err) {
          this.reportError(`${id}`, err);
          return undefined;
        }
      }),
    );
  }

  /** Reports an error the same way a failing command does (for background work started by a command). */
  reportError(source: string, err: unknown): void {
    if (isCancellation(err)) {
      this.log.debug(`${source}: cancelled`);
      return;
    }
    this.log.error(`${source} failed: ${describeErrorChain(err)}`);
    const hint = (err as { hint?: unknown } | undefined)?.hint;
    const actions = ((err as { actions?: ErrorAction[] } | undefined)?.actions ?? []).slice(0, 2);
    const text = typeof hint === 'string' && hint ? `${errorMessage(err)} ${hint}` : errorMessage(err);
    const buttons = [...actions.map((a) => a.title), 'Open Log'];
    void vscode.window.showErrorMessage(text, ...buttons).then((choice) => {
      if (choice === 'Open Log') this.log.show(true);
      else actions.find((a) => a.title === choice)?.run();
    });
  }

  dispose(): void {
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}
