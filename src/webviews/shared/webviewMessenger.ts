/**
 * The webview end of the messages: commands (no answer), requests (a promise of the answer, with a
 * timeout; the host's error rejects it), and the notifications the host sends. No DOM here: the page
 * wires it to `acquireVsCodeApi` and `window` in connect.ts; unit tests drive it directly.
 */
import {
  DEFAULT_REQUEST_TIMEOUT_MS,
  parseFromHost,
  type CommandName,
  type CommandParams,
  type ParamsArg,
  type Protocol,
  type RequestName,
  type RequestParams,
  type RequestResult,
  type ToHost,
  type WebviewHandlers,
} from './messages';

/** A request the host answered with an error, or did not answer in time. */
export class RequestError extends Error {
  constructor(
    message: string,
    readonly hint?: string,
  ) {
    super(message);
    this.name = 'RequestError';
  }
}

export interface WebviewMessengerOptions {
  post: (message: ToHost) => void;
  log: (line: string) => void;
  /** Overrides every request's own timeout (tests). */
  timeoutMs?: number;
}

interface Pending {
  resolve: (result: unknown) => void;
  reject: (err: Error) => void;
  timer: ReturnType<typeof setTimeout>;
}

export class WebviewMessenger<P extends Protocol> {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private handlers: WebviewHandlers<P> | undefined;

  constructor(
    private readonly protocol: P,
    private readonly opts: WebviewMessengerOptions,
  ) {}

  /** The notification handlers; notifications that arrive before are dropped with a log line. */
  listen(handlers: WebviewHandlers<P>): void {
    this.handlers = handlers;
  }

  command<K extends CommandName<P>>(method: K, ...[params]: ParamsArg<CommandParams<P, K>>): void {
    this.opts.post({ kind: 'command', method, params: params ?? {} });
  }

  /** Sends a request; resolves with the host's answer, rejects (RequestError) with its error or on timeout. */
  request<K extends RequestName<P>>(
    method: K,
    ...[params]: ParamsArg<RequestParams<P, K>>
  ): Promise<RequestResult<P, K>> {
    const id = this.nextId++;
    const timeoutMs = this.opts.timeoutMs ?? this.protocol.requests[method].timeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
    return new Promise<RequestResult<P, K>>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new RequestError(`No answer from the extension to "${method}" within ${timeoutMs / 1000} s.`));
      }, timeoutMs);
      this.pending.set(id, { resolve: resolve as (result: unknown) => void, reject, timer });
      try {
        this.opts.post({ kind: 'request', id, method, params: params ?? {} });
      } catch (err) {
        this.settle(id)?.reject(err instanceof Error ? err : new RequestError(String(err)));
      }
    });
  }

  /** Requests still waiting for their answer. */
  get waiting(): number {
    return this.pending.size;
  }

  /** Handles one message from the host. */
  receive(raw: unknown): void {
    const parsed = parseFromHost(raw);
    if (!parsed.ok) {
      this.opts.log(`${this.protocol.name} view: ignored a message from the extension: ${parsed.problem}`);
      return;
    }
    const msg = parsed.message;
    if (msg.kind === 'response') {
      // No waiter: answered after its timeout (or twice). Nothing is waiting for it any more.
      const waiter = this.settle(msg.id);
      if (!waiter) return;
      if ('error' in msg) waiter.reject(new RequestError(msg.error.message, msg.error.hint));
      else waiter.resolve(msg.result);
      return;
    }
    const handlers = this.handlers as Record<string, (params: unknown) => void> | undefined;
    if (!Object.hasOwn(this.protocol.notifications, msg.method) || !handlers) {
      this.opts.log(
        `${this.protocol.name} view: ignored notification ${JSON.stringify(msg.method.slice(0, 100))}` +
          (handlers ? ' (not in the contract)' : ' (not listening yet)'),
      );
      return;
    }
    handlers[msg.method](msg.params);
  }

  /** Rejects every waiting request (the page is going away). */
  dispose(): void {
    for (const id of [...this.pending.keys()]) this.settle(id)?.reject(new RequestError('The view was closed.'));
  }

  private settle(id: number): Pending | undefined {
    const waiter = this.pending.get(id);
    if (!waiter) return undefined;
    clearTimeout(waiter.timer);
    this.pending.delete(id);
    return waiter;
  }
}
