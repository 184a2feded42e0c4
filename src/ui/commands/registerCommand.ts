import * as vscode from 'vscode';
import type { CommandHandle } from '../../contract/commands';
import type { ContextKey } from '../../contract/contextKeys';
import { presentError } from '../../shared/errorPresentation';
import { isCancellation } from '../../shared/errors';

/**
 * The one wrapper every command goes through: it logs the start and failures (with the whole
 * cause chain) to the LogOutputChannel, shows errors as a message with a next step ("Open Log" and
 * any action the error offers), and treats a dismissed prompt as nothing to report.
 */
export class CommandRegistry implements vscode.Disposable {
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly log: vscode.LogOutputChannel) {}

  /** Registers the handler of a declared command (src/contract/commands.ts), typed by its handle. */
  register<A extends unknown[]>(handle: CommandHandle<A>, handler: (...args: A) => unknown): void {
    const id = handle.id;
    this.disposables.push(
      // VS Code passes what the caller passed: the handle's types are the contract every caller
      // (executeCommand, tree items, package.json menus) is checked against.
      vscode.commands.registerCommand(id, async (...args: A) => {
        this.log.debug(`command ${id}`);
        try {
          return await handler(...args);
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
    const shown = presentError(err);
    this.log.error(`${source} failed: ${shown.logText}`);
    const actions = shown.actions.slice(0, 2);
    const buttons = [...actions.map((a) => a.title), 'Open Log'];
    void vscode.window.showErrorMessage(shown.text, ...buttons).then((choice) => {
      if (choice === 'Open Log') this.log.show(true);
      const action = actions.find((a) => a.title === choice);
      if (action)
        vscode.commands
          .executeCommand(action.command, ...(action.args ?? []))
          .then(undefined, (e: unknown) => this.log.error(`${action.title} failed: ${presentError(e).logText}`));
    });
  }

  dispose(): void {
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}

/** Runs a declared command with arguments of the types its handle declares. */
export function executeCommand<A extends unknown[]>(handle: CommandHandle<A>, ...args: A): Thenable<unknown> {
  return vscode.commands.executeCommand(handle.id, ...args);
}

/** Sets a declared context key (src/contract/contextKeys.ts) for `when` clauses. */
export function setContextKey<T>(key: ContextKey<T>, value: T): Thenable<unknown> {
  return vscode.commands.executeCommand('setContext', key.key, value);
}
