/**
 * The typed message layer between a webview and the extension host. Each webview declares its whole
 * contract once, in its protocol.ts, with three kinds of message:
 *  - notifications: host → webview, no answer;
 *  - commands: webview → host, no answer;
 *  - requests: webview → host, answered by exactly one response, matched by an id the layer assigns.
 * Whatever comes from a webview passes the validator its contract names before a handler sees it
 * (`parseFromWebview`: one generic step, no switch per webview).
 *
 * No vscode and no DOM here: the host, the browser bundles and the unit tests share this file.
 */

/** Checks a value from the other side: the value, typed, or undefined when it is not acceptable. */
export type Validator<T> = (raw: unknown) => T | undefined;

/** The params of a message that carries none (sent as `{}`). */
export type NoParams = Record<string, never>;

/** Host → webview, no answer. The host is trusted: its params are typed, not validated. */
export interface NotificationType<P> {
  readonly kind: 'notification';
  /** Type only: never set. */
  readonly paramsType?: P;
}

/** Webview → host, no answer. */
export interface CommandType<P> {
  readonly kind: 'command';
  readonly parse: Validator<P>;
}

/** Webview → host, answered with an `R` (or an error the webview's promise rejects with). */
export interface RequestType<P, R> {
  readonly kind: 'request';
  readonly parse: Validator<P>;
  /** How long the webview waits for the answer (default DEFAULT_REQUEST_TIMEOUT_MS). */
  readonly timeoutMs?: number;
  /** Type only: never set. */
  readonly resultType?: R;
}

export const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;

/** `notification<P>()`; without P, a notification with no params (NoInfer: the contract's context must not widen it). */
export const notification = <P = NoParams>(): NotificationType<NoInfer<P>> => ({ kind: 'notification' });
export const command = <P>(parse: Validator<P>): CommandType<P> => ({ kind: 'command', parse });
export const request = <P, R>(parse: Validator<P>, opts: { timeoutMs?: number } = {}): RequestType<P, R> => ({
  kind: 'request',
  parse,
  ...opts,
});

export const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

/** The validator of a message without params: any object (extra fields are dropped). */
export const noParams: Validator<NoParams> = (raw) => (isRecord(raw) ? {} : undefined);

export interface Protocol<
  N extends Record<string, NotificationType<unknown>> = Record<string, NotificationType<unknown>>,
  C extends Record<string, CommandType<unknown>> = Record<string, CommandType<unknown>>,
  R extends Record<string, RequestType<unknown, unknown>> = Record<string, RequestType<unknown, unknown>>,
> {
  /** Names the webview in log lines, e.g. "tail". */
  readonly name: string;
  readonly notifications: N;
  readonly commands: C;
  readonly requests: R;
}

/** A webview's contract. Commands and requests share one namespace (a name is one or the other). */
export function defineProtocol<
  N extends Record<string, NotificationType<unknown>>,
  C extends Record<string, CommandType<unknown>>,
  R extends Record<string, RequestType<unknown, unknown>> = Record<never, never>,
>(p: { name: string; notifications: N; commands: C; requests?: R }): Protocol<N, C, R> {
  const requests = p.requests ?? ({} as R);
  const both = Object.keys(p.commands).filter((k) => Object.hasOwn(requests, k));
  if (both.length) throw new Error(`${p.name} protocol: ${both.join(', ')} is both a command and a request`);
  return { name: p.name, notifications: p.notifications, commands: p.commands, requests };
}

// ---- names, params and results of a protocol's messages

export type NotificationName<P extends Protocol> = keyof P['notifications'] & string;
export type CommandName<P extends Protocol> = keyof P['commands'] & string;
export type RequestName<P extends Protocol> = keyof P['requests'] & string;

export type NotificationParams<P extends Protocol, K extends NotificationName<P>> =
  P['notifications'][K] extends NotificationType<infer X> ? X : never;
export type CommandParams<P extends Protocol, K extends CommandName<P>> =
  P['commands'][K] extends CommandType<infer X> ? X : never;
export type RequestParams<P extends Protocol, K extends RequestName<P>> =
  P['requests'][K] extends RequestType<infer X, unknown> ? X : never;
export type RequestResult<P extends Protocol, K extends RequestName<P>> =
  P['requests'][K] extends RequestType<unknown, infer X> ? X : never;

/** The params argument of a send: optional for a message without params. */
export type ParamsArg<X> = [X] extends [NoParams] ? [params?: X] : [params: X];

/** What the host must handle: every command and every request of the contract. */
export type HostHandlers<P extends Protocol> = {
  [K in CommandName<P>]: (params: CommandParams<P, K>) => void | Promise<void>;
} & {
  [K in RequestName<P>]: (params: RequestParams<P, K>) => RequestResult<P, K> | Promise<RequestResult<P, K>>;
};

/** What the webview must handle: every notification of the contract. */
export type WebviewHandlers<P extends Protocol> = {
  [K in NotificationName<P>]: (params: NotificationParams<P, K>) => void;
};

// ---- the wire

/** What a person is shown of an error a request ended with. */
export interface ErrorInfo {
  message: string;
  hint?: string;
}

export type ToHost =
  | { kind: 'command'; method: string; params: unknown }
  | { kind: 'request'; id: number; method: string; params: unknown };

export type ToWebview =
  | { kind: 'notification'; method: string; params: unknown }
  | { kind: 'response'; id: number; result: unknown }
  | { kind: 'response'; id: number; error: ErrorInfo };

/** A message from a webview after validation: its params are what the contract's validator returned. */
export type FromWebview<P extends Protocol> =
  | { [K in CommandName<P>]: { kind: 'command'; method: K; params: CommandParams<P, K> } }[CommandName<P>]
  | { [K in RequestName<P>]: { kind: 'request'; id: number; method: K; params: RequestParams<P, K> } }[RequestName<P>];

export type Parsed<T> = { ok: true; message: T } | { ok: false; problem: string; id?: number };

const isId = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v > 0;
const MAX_METHOD_LENGTH = 100;

/** A short, safe rendering of a name a webview sent, for a log line. */
function quote(v: unknown): string {
  return typeof v === 'string' ? JSON.stringify(v.slice(0, MAX_METHOD_LENGTH)) : typeof v;
}

/**
 * Validates a message from a webview: its envelope, that the contract has its method, then its params
 * with the contract's validator. A problem says what is wrong, and carries the id of a request (so
 * the webview can be answered instead of waiting for its timeout).
 */
export function parseFromWebview<P extends Protocol>(protocol: P, raw: unknown): Parsed<FromWebview<P>> {
  if (!isRecord(raw)) return { ok: false, problem: `not a message object (${raw === null ? 'null' : typeof raw})` };
  const { kind, method, params } = raw;
  if (kind !== 'command' && kind !== 'request') return { ok: false, problem: `unknown message kind ${quote(kind)}` };
  const id = kind === 'request' && isId(raw.id) ? raw.id : undefined;
  if (kind === 'request' && id === undefined) return { ok: false, problem: 'a request without a valid id' };
  const specs: Record<string, CommandType<unknown> | RequestType<unknown, unknown>> =
    kind === 'command' ? protocol.commands : protocol.requests;
  if (typeof method !== 'string' || !Object.hasOwn(specs, method))
    return { ok: false, problem: `unknown ${kind} ${quote(method)}`, id };
  const parsed = specs[method].parse(params);
  if (parsed === undefined) return { ok: false, problem: `${kind} "${method}" with invalid params`, id };
  const message = kind === 'command' ? { kind, method, params: parsed } : { kind, id: id!, method, params: parsed };
  return { ok: true, message: message as FromWebview<P> };
}

/** Validates a message from the host: its envelope only (the host is trusted with the params). */
export function parseFromHost(raw: unknown): Parsed<ToWebview> {
  if (!isRecord(raw)) return { ok: false, problem: `not a message object (${raw === null ? 'null' : typeof raw})` };
  if (raw.kind === 'notification') {
    return typeof raw.method === 'string'
      ? { ok: true, message: { kind: 'notification', method: raw.method, params: raw.params } }
      : { ok: false, problem: 'a notification without a method' };
  }
  if (raw.kind !== 'response') return { ok: false, problem: `unknown message kind ${quote(raw.kind)}` };
  if (!isId(raw.id)) return { ok: false, problem: 'a response without a valid id' };
  if (Object.hasOwn(raw, 'error')) {
    const e = raw.error;
    if (!isRecord(e) || typeof e.message !== 'string')
      return { ok: false, problem: 'a response with a malformed error' };
    const error: ErrorInfo = { message: e.message, ...(typeof e.hint === 'string' ? { hint: e.hint } : {}) };
    return { ok: true, message: { kind: 'response', id: raw.id, error } };
  }
  return { ok: true, message: { kind: 'response', id: raw.id, result: raw.result } };
}
