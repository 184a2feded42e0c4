/**
 * What a person sees of an error. Every place that shows errors (the command wrapper's
 * notification, the tree's error nodes, the panels, the produce results) goes through
 * `presentError`, so a next step written anywhere below (AWS, Kafka, services) reaches them all.
 */
import { describeChain, errorChain } from './errorChain';
import { errorMessage, isUserError, type ErrorAction } from './errors';

export interface PresentedError {
  /** What went wrong, on its own. */
  message: string;
  /** The next step, when one is known. */
  hint?: string;
  /** A stable code: the UserError's, or the code of a plain error (e.g. "ENOENT"). */
  code?: string;
  /** Buttons to offer (the UI adds its own, e.g. "Open Log"). */
  actions: readonly ErrorAction[];
  /** Message and next step in one text: for a notification, a status line or a result row. */
  text: string;
  /** Message, next step and the whole cause chain, one line each: for the log. */
  logText: string;
}

/**
 * Turns any thrown value into what a person sees. A UserError (from any bundle) speaks for
 * itself; a plain error wrapping one is shown as the UserError it wraps (that one was written
 * for people); anything else shows its message, with no next step.
 */
export function presentError(err: unknown): PresentedError {
  const chain = errorChain(err);
  const user = chain.find(isUserError);
  const message = user ? errorMessage(user) : errorMessage(err);
  const hint = user?.hint?.trim() || undefined;
  const code = user ? user.code : plainCode(err);
  const lines = describeChain(err);
  const logLines = [lines[0] ?? message];
  if (hint) logLines.push(`next step: ${hint}`);
  for (const line of lines.slice(1)) logLines.push(`caused by: ${line}`);
  return {
    message,
    ...(hint ? { hint } : {}),
    ...(code ? { code } : {}),
    actions: user?.actions ?? [],
    text: hint ? `${message} ${hint}` : message,
    logText: logLines.join('\n'),
  };
}

function plainCode(err: unknown): string | undefined {
  if (err === null || typeof err !== 'object') return undefined;
  const code = (err as { code?: unknown }).code;
  return typeof code === 'string' && code ? code : undefined;
}
