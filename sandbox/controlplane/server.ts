/**
 * The sandbox control plane HTTP server (node:http): SigV4-checks every request except the
 * health check, dispatches to the MSK / MSK Connect / Secrets Manager operations in api.ts and
 * answers in the services' wire formats. Logs one line per request (never credentials or signatures).
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { decodeLabels, JSON_TARGETS, matchRestRoute, serviceOfPath, type Operation, type SigningService } from './api';
import { ApiError, authError, renderError, serviceUnavailable, type WireProtocol } from './errors';
import { parseRawQuery, verifySigV4, type SigningKey } from './sigv4';
import type { SandboxView } from './view';

export const HEALTH_PATH = '/_sandbox/health';
const MAX_BODY_BYTES = 1024 * 1024;
const ALL_SERVICES: SigningService[] = ['kafka', 'kafkaconnect', 'secretsmanager'];

export interface ControlPlaneOptions {
  /** The sandbox as it is now; called once per request. Throwing makes the request a 503. */
  getView(): SandboxView;
  log?: (line: string) => void;
  now?: () => Date;
}

interface Outcome {
  status: number;
  op?: string;
  principal?: string;
  error?: string;
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new ApiError(413, 'RequestEntityTooLargeException', 'Request body too large.'));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, status: number, headers: Record<string, string>, body: string): void {
  res.writeHead(status, { ...headers, 'content-length': String(Buffer.byteLength(body)) });
  res.end(body);
}

function sendError(res: ServerResponse, protocol: WireProtocol, err: ApiError, requestId: string): void {
  const r = renderError(protocol, err);
  send(res, r.status, { ...r.headers, 'x-amzn-requestid': requestId }, r.body);
}

function firstValues(query: Record<string, string | string[]>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(query)) out[k] = Array.isArray(v) ? (v[0] ?? '') : v;
  return out;
}

function findKey(view: SandboxView, accessKeyId: string): SigningKey | undefined {
  const principals = Object.values(view.state.principals ?? {});
  const p = principals.find((x) => x.accessKeyId === accessKeyId);
  return p ? { name: p.name, accessKeyId: p.accessKeyId, secretAccessKey: p.secretAccessKey } : undefined;
}

async function handle(req: IncomingMessage, res: ServerResponse, opts: ControlPlaneOptions): Promise<Outcome> {
  const requestId = randomUUID();
  const method = req.method ?? 'GET';
  const url = req.url ?? '/';
  const q = url.indexOf('?');
  const rawPath = q < 0 ? url : url.slice(0, q);
  const rawQuery = q < 0 ? '' : url.slice(q + 1);

  if (method === 'GET' && rawPath === HEALTH_PATH) {
    send(res, 200, { 'content-type': 'application/json' }, JSON.stringify({ status: 'ok' }));
    return { status: 200, op: 'health' };
  }

  // Which operation, which wire protocol, which signing name(s).
  const target = req.headers['x-amz-target'];
  let protocol: WireProtocol = 'rest-json';
  let op: Operation | undefined;
  let rawLabels: string[] = [];
  let services: SigningService[];
  if (method === 'POST' && rawPath === '/' && typeof target === 'string') {
    protocol = 'json-1.1';
    op = JSON_TARGETS[target];
    services = target.startsWith('secretsmanager.') ? ['secretsmanager'] : ALL_SERVICES;
  } else {
    const m = matchRestRoute(method, rawPath);
    op = m?.op;
    rawLabels = m?.rawLabels ?? [];
    const pathService = m?.op.service ?? serviceOfPath(rawPath);
    services = pathService ? [pathService] : ALL_SERVICES;
  }
  const fail = (err: ApiError, extra: Partial<Outcome> = {}): Outcome => {
    sendError(res, protocol, err, requestId);
    return { status: err.status, error: err.code, ...(op ? { op: op.name } : {}), ...extra };
  };

  let body: Buffer;
  try {
    body = await readBody(req);
  } catch (err) {
    return fail(
      err instanceof ApiError ? err : new ApiError(400, 'BadRequestException', 'Could not read the request body.'),
    );
  }

  let view: SandboxView;
  try {
    view = opts.getView();
  } catch (err) {
    return fail(
      serviceUnavailable(
        `The sandbox description could not be read: ${err instanceof Error ? err.message : String(err)}`,
      ),
    );
  }

  const auth = await verifySigV4(
    { method, rawPath, rawQuery, headers: req.headers, body },
    {
      region: view.state.region,
      services,
      findKey: (id) => findKey(view, id),
      ...(opts.now ? { now: opts.now() } : {}),
    },
  );
  if (!auth.ok) return fail(authError(protocol, auth.code, auth.message));
  const who = { principal: auth.principal };

  if (!op) {
    const err =
      protocol === 'json-1.1'
        ? new ApiError(
            400,
            'UnknownOperationException',
            `The operation ${String(target)} is not supported by the sandbox.`,
          )
        : new ApiError(
            404,
            'UnknownOperationException',
            `The sandbox control plane does not support ${method} ${rawPath}: it answers the read-only MSK and MSK Connect operations.`,
          );
    return fail(err, who);
  }

  try {
    let parsedBody: unknown = undefined;
    if (protocol === 'json-1.1') {
      try {
        parsedBody = body.length ? JSON.parse(body.toString('utf8')) : {};
      } catch {
        throw new ApiError(400, 'SerializationException', 'The request body is not valid JSON.');
      }
    }
    const result = await op.handle({
      view,
      labels: decodeLabels(rawLabels),
      query: firstValues(parseRawQuery(rawQuery)),
      body: parsedBody,
    });
    const contentType = protocol === 'json-1.1' ? 'application/x-amz-json-1.1' : 'application/json';
    send(res, 200, { 'content-type': contentType, 'x-amzn-requestid': requestId }, JSON.stringify(result));
    return { status: 200, op: op.name, ...who };
  } catch (err) {
    if (err instanceof ApiError) return fail(err, who);
    const message = err instanceof Error ? err.message : String(err);
    return fail(
      new ApiError(500, protocol === 'json-1.1' ? 'InternalServiceError' : 'InternalServerErrorException', message),
      {
        ...who,
        error: `InternalServerErrorException (${message})`,
      },
    );
  }
}

export function createControlPlaneServer(opts: ControlPlaneOptions): Server {
  const log = opts.log ?? ((line: string) => console.log(line));
  const server = createServer((req, res) => {
    const started = Date.now();
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    handle(req, res, opts)
      .then((o) => {
        if (o.op === 'health') return;
        log(
          `${new Date().toISOString()} ${o.status} ${req.method ?? '?'} ${path} ${o.op ?? '-'}` +
            `${o.principal ? ` principal=${o.principal}` : ''}${o.error ? ` error=${o.error}` : ''} ${Date.now() - started}ms`,
        );
      })
      .catch((err: unknown) => {
        log(
          `${new Date().toISOString()} 500 ${req.method ?? '?'} ${path} unhandled: ${err instanceof Error ? err.message : String(err)}`,
        );
        if (!res.headersSent)
          send(res, 500, { 'content-type': 'application/json' }, JSON.stringify({ message: 'Internal error' }));
        else res.destroy();
      });
  });
  server.on('clientError', (_err, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
  });
  return server;
}
