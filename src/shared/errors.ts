/**
 * Errors shown to people. A UserError carries a message that makes sense on its own, an optional
 * next step (`hint`) and the underlying error as `cause`, so the log keeps the whole chain while the
 * notification stays short.
 */
export interface UserErrorOptions {
  hint?: string;
  cause?: unknown;
  /** A stable code for tests and telemetry-free diagnostics, e.g. 'AccessDenied'. */
  code?: string;
}

export class UserError extends Error {
  readonly hint?: string;
  readonly code?: string;
  override readonly cause?: unknown;

  constructor(message: string, options: UserErrorOptions = {}) {
    super(message);
    this.name = 'UserError';
    this.hint = options.hint;
    this.code = options.code;
    this.cause = options.cause;
  }
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
  try {
    return JSON.stringify(err);
  } catch {
    return String(err);
  }
}

/** The whole cause chain as lines, for the log. */
export function describeErrorChain(err: unknown): string {
  const lines: string[] = [];
  const seen = new Set<unknown>();
  let current: unknown = err;
  while (current !== undefined && current !== null && !seen.has(current) && lines.length < 10) {
    seen.add(current);
    const prefix = lines.length === 0 ? '' : 'caused by: ';
    if (current instanceof Error) {
      lines.push(`${prefix}${current.name}: ${current.message}`);
      current = (current as { cause?: unknown }).cause;
    } else {
      lines.push(`${prefix}${errorMessage(current)}`);
      break;
    }
  }
  return lines.join('\n');
}
