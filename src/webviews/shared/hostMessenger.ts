/**
 * The host end of a webview's messages: validates what the webview sends against its contract, calls
 * the handler of each command and request, answers requests (result or error), and sends
 * notifications. No vscode here: the panel host (src/ui/webviews/panelHost.ts) gives it a
 * `post` that only posts while the panel is alive.
 */
import {
  parseFromWebview,
  type ErrorInfo,
  type HostHandlers,
  type NotificationName,
  type NotificationParams,
  type ParamsArg,
  type Protocol,
  type ToWebview,
} from './messages';

export interface MessengerLog {
  warn(line: string): void;
}

export interface HostMessengerOptions<P extends Protocol> {
  protocol: P;
  handlers: HostHandlers<P>;
  post: (message: ToWebview) => void;
  log: MessengerLog;
  /** What the webview is told of an error a request handler ended with. */
  describeError: (err: unknown) => ErrorInfo;
  /** A command handler failed: nobody waits for an answer, so say it another way. */
  onCommandError: (err: unknown, command: string) => void;
}

export class HostMessenger<P extends Protocol> {
  constructor(private readonly opts: HostMessengerOptions<P>) {}

  /** Sends a notification to the webview. */
  notify<K extends NotificationName<P>>(method: K, ...[params]: ParamsArg<NotificationParams<P, K>>): void {
    this.opts.post({ kind: 'notification', method, params: params ?? {} });
  }

  /**
   * Handles one message from the webview; resolves when its handler is done (a request is answered
   * by then). A message the contract does not accept is dropped with a log line naming the problem;
   * a request among them is answered with an error right away.
   */
  async receive(raw: unknown): Promise<void> {
    const { protocol, log, post } = this.opts;
    const parsed = parseFromWebview(protocol, raw);
    if (!parsed.ok) {
      log.warn(`${protocol.name} view: ignored a message from the webview: ${parsed.problem}`);
      if (parsed.id !== undefined)
        post({ kind: 'response', id: parsed.id, error: { message: `Invalid request: ${parsed.problem}.` } });
      return;
    }
    const msg = parsed.message;
    // The contract's validator typed the params for this method; the table is indexed by name here.
    const handler = (this.opts.handlers as Record<string, (params: unknown) => unknown>)[msg.method];
    if (msg.kind === 'command') {
      try {
        await handler(msg.params);
      } catch (err) {
        this.opts.onCommandError(err, msg.method);
      }
      return;
    }
    let answer: ToWebview;
    try {
      answer = { kind: 'response', id: msg.id, result: await handler(msg.params) };
    } catch (err) {
      const error = this.opts.describeError(err);
      log.warn(`${protocol.name} view: request "${msg.method}" failed: ${error.message}`);
      answer = { kind: 'response', id: msg.id, error };
    }
    post(answer);
  }
}
