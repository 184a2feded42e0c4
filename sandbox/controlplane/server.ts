/**
 * The sandbox control plane HTTP server (node:http): SigV4-checks every request except the
 * health check, dispatches to the MSK / MSK Connect / Secrets Manager / CloudWatch operations in
 * api.ts and answers in the services' wire formats (CloudWatch: JSON 1.0 and RPC v2 CBOR). Logs one line per request (never credentials or signatures).
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { cbor, dateToTag } from '@smithy/core/cbor';
import { decodeLabels, JSON_TARGETS, matchRestRoute, serviceOfPath, type Operation, type SigningService } from './api';
import { CBOR_PATH, CLOUDWATCH_OPERATIONS, CLOUDWATCH_TARGET_PREFIX } from './cloudwatch';
import { CONFLUENT_PREFIX, handleConfluent } from './confluentRegistry';
import { GLUE_TARGET_PREFIX } from './glue';
import { ApiError, authError, renderError, serviceUnavailable, type WireProtocol } from './errors';
import { parseRawQuery, verifySigV4 } from './sigv4';
import { answerSts, isStsRequest } from './sts';
import { findKey, type SandboxView } from './view';
import { readBody, type RequestOutcome } from './httpBody';

const tooLarge = (): ApiError => new ApiError(413, 'RequestEntityTooLargeException', 'Request body too large.');

export const HEALTH_PATH = '/_sandbox/health';
const ALL_SERVICES: SigningService[] = ['kafka', 'kafkaconnect', 'secretsmanager', 'monitoring'];

export interface ControlPlaneOptions {
  /** The sandbox as it is now; called once per request. Throwing makes the request a 503. */
  getView(): SandboxView;
  log?: (line: string) => void;
  now?: () => Date;
}

function send(res: ServerResponse, status: number, headers: Record<string, string>, body: string | Uint8Array): void {
  res.writeHead(status, { ...headers, 'content-length': String(Buffer.byteLength(body)) });
  res.end(body);
}

/** Dates as the protocol wants them: epoch seconds in JSON 1.0, CBOR tag 1 in CBOR. */
function wireDates(value: unknown, protocol: WireProtocol): unknown {
  if (value instanceof Date) return protocol === 'cbor' ? dateToTag(value) : value.getTime() / 1000;
  if (Array.isArray(value)) return value.map((v) => wireDates(v, protocol));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, wireDates(v, protocol)]));
  }
  return value;
}

function encodeResult(protocol: WireProtocol, result: unknown): { contentType: string; body: string | Uint8Array } {
  switch (protocol) {
    case 'cbor':
      return { contentType: 'application/cbor', body: cbor.serialize(wireDates(result, protocol)) };
    case 'json-1.0':
      return { contentType: 'application/x-amz-json-1.0', body: JSON.stringify(wireDates(result, protocol)) };
    case 'json-1.1':
      return { contentType: 'application/x-amz-json-1.1', body: JSON.stringify(result) };
    case 'rest-json':
      return { contentType: 'application/json', body: JSON.stringify(result) };
  }
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

async function handle(req: IncomingMessage, res: ServerResponse, opts: ControlPlaneOptions): Promise<RequestOutcome> {
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

  // The Confluent-compatible schema registry: its own REST API and basic auth, no SigV4.
  if (rawPath === CONFLUENT_PREFIX || rawPath.startsWith(`${CONFLUENT_PREFIX}/`)) {
    return handleConfluent(req, res, {
      rawPath: rawPath.slice(CONFLUENT_PREFIX.length),
      rawQuery,
      getView: () => opts.getView(),
    });
  }

  // AWS STS (Query protocol, XML): GetCallerIdentity, the connection doctor's identity step.
  if (isStsRequest(method, rawPath, req.headers)) {
    const body = await readBody(req, tooLarge);
    const sts = await answerSts(
      { method, rawPath, rawQuery, headers: req.headers, body },
      opts.getView(),
      requestId,
      opts.now?.(),
    );
    send(res, sts.status, { 'content-type': 'text/xml', 'x-amzn-requestid': requestId }, sts.body);
    return { status: sts.status, op: sts.op, principal: sts.principal, error: sts.error };
  }

  // Which operation, which wire protocol, which signing name(s).
  const target = req.headers['x-amz-target'];
  let protocol: WireProtocol = 'rest-json';
  let op: Operation | undefined;
  let rawLabels: string[] = [];
  let services: SigningService[];
  const cborOp = method === 'POST' ? CBOR_PATH.exec(rawPath) : null;
  if (method === 'POST' && rawPath === '/' && typeof target === 'string') {
    const cloudwatch = target.startsWith(`${CLOUDWATCH_TARGET_PREFIX}.`);
    protocol = cloudwatch ? 'json-1.0' : 'json-1.1';
    op = JSON_TARGETS[target];
    services = target.startsWith('secretsmanager.')
      ? ['secretsmanager']
      : target.startsWith(`${GLUE_TARGET_PREFIX}.`)
        ? ['glue']
        : cloudwatch
          ? ['monitoring']
          : ALL_SERVICES;
  } else if (cborOp) {
    protocol = 'cbor';
    op = CLOUDWATCH_OPERATIONS[cborOp[1] ?? ''];
    services = ['monitoring'];
  } else {
    const m = matchRestRoute(method, rawPath);
    op = m?.op;
    rawLabels = m?.rawLabels ?? [];
    const pathService = m?.op.service ?? serviceOfPath(rawPath);
    services = pathService ? [pathService] : ALL_SERVICES;
  }
  const fail = (err: ApiError, extra: Partial<RequestOutcome> = {}): RequestOutcome => {
    sendError(res, protocol, err, requestId);
    return { status: err.status, error: err.code, ...(op ? { op: op.name } : {}), ...extra };
  };

  let body: Buffer;
  try {
    body = await readBody(req, tooLarge);
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
      protocol !== 'rest-json'
        ? new ApiError(
            400,
            'UnknownOperationException',
            `The operation ${cborOp ? cborOp[1] : String(target)} is not supported by the sandbox.`,
          )
        : new ApiError(
            404,
            'UnknownOperationException',
            `The sandbox control plane does not support ${method} ${rawPath}: it answers the MSK (including topics) and MSK Connect operations it models.`,
          );
    return fail(err, who);
  }

  try {
    let parsedBody: unknown = undefined;
    if (protocol === 'json-1.1' || protocol === 'json-1.0') {
      try {
        parsedBody = body.length ? JSON.parse(body.toString('utf8')) : {};
      } catch {
        throw new ApiError(400, 'SerializationException', 'The request body is not valid JSON.');
      }
    } else if (protocol === 'rest-json' && body.length) {
      try {
        parsedBody = JSON.parse(body.toString('utf8'));
      } catch {
        throw new ApiError(400, 'BadRequestException', 'The request body is not valid JSON.');
      }
    } else if (protocol === 'cbor') {
      try {
        parsedBody = body.length ? cbor.deserialize(new Uint8Array(body)) : {};
      } catch {
        throw new ApiError(400, 'SerializationException', 'The request body is not valid CBOR.');
      }
    }
    const result = await op.handle({
      view,
      labels: decodeLabels(rawLabels),
      query: firstValues(parseRawQuery(rawQuery)),
      body: parsedBody,
      principal: auth.principal,
    });
    const encoded = encodeResult(protocol, result);
    send(
      res,
      200,
      {
        'content-type': encoded.contentType,
        'x-amzn-requestid': requestId,
        ...(protocol === 'cbor' ? { 'smithy-protocol': 'rpc-v2-cbor' } : {}),
      },
      encoded.body,
    );
    return { status: 200, op: op.name, ...who };
  } catch (err) {
    if (err instanceof ApiError) return fail(err, who);
    const message = err instanceof Error ? err.message : String(err);
    return fail(
      new ApiError(
        500,
        protocol === 'json-1.1'
          ? 'InternalServiceError'
          : protocol === 'rest-json'
            ? 'InternalServerErrorException'
            : 'InternalServiceFault',
        message,
      ),
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
