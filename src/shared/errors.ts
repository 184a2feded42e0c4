/**
 * The one error model. A UserError is an error written for people: a message that makes sense on
 * its own, a `hint` with the next step, a stable `code`, optional `actions` (buttons the UI can
 * offer) and the underlying error as `cause`, so the log keeps the whole chain while the
 * notification stays short. AWS errors (src/aws/errors.ts) and Kafka errors (src/kafka/errors/)
 * are kinds of it; `presentError` (./errorPresentation.ts) turns any thrown value into what a
 * person sees.
 *
 * No vscode import: actions are data (a command id and its arguments) that the UI runs.
 */

/** A next step the UI can offer as a button: its label and the command it runs. */
export interface ErrorAction {
  /** Button label, e.g. "Select AWS Profile…". */
  readonly title: string;
  /** Command id, e.g. "msk.selectProfile" or "workbench.action.openSettings". */
  readonly command: string;
  readonly args?: readonly unknown[];
}

export interface UserErrorOptions {
  /** The next step, one or two sentences. */
  hint?: string;
  /** A stable code for tests and diagnostics, e.g. 'AccessDenied'. */
  code?: string;
  cause?: unknown;
  actions?: readonly ErrorAction[];
}

/**
 * Marks UserErrors across bundles: the Kafka and AWS layers are separate bundles with their own
 * copy of this class, so `instanceof` fails between them; `isUserError` checks this mark instead.
 */
const USER_ERROR: unique symbol = Symbol.for('msk-explorer.UserError');

export class UserError extends Error {
  readonly [USER_ERROR] = true;
  readonly hint?: string;
  readonly code?: string;
  readonly actions: readonly ErrorAction[];
  override readonly cause?: unknown;

  constructor(message: string, options: UserErrorOptions = {}) {
    super(message);
    this.name = 'UserError';
    this.hint = options.hint || undefined;
    this.code = options.code;
    this.actions = options.actions ?? [];
    this.cause = options.cause;
  }
}

/** Whether a thrown value is a UserError (or a subclass), from any bundle. */
export function isUserError(err: unknown): err is UserError {
  return err instanceof Error && (err as { [USER_ERROR]?: unknown })[USER_ERROR] === true;
}

/** Thrown when a person dismisses a prompt: not an error, nothing to report. */
export class CancellationError extends Error {
  constructor() {
    super('Cancelled');
    this.name = 'CancellationError';
  }
}

export function isCancellation(err: unknown): boolean {
  return err instanceof CancellationError || (err instanceof Error && err.name === 'Canceled');
}

/** The message of any thrown value, never "[object Object]". */
export function errorMessage(err: unknown): string {
  if (err instanceof Error) return err.message || err.name;
  if (typeof err === 'string') return err;
  if (err !== null && typeof err === 'object') {
    const message = (err as { message?: unknown }).message;
    if (typeof message === 'string' && message) return message;
  }
  try {
    return JSON.stringify(err) ?? String(err);
  } catch {
    return String(err);
  }
}
