/**
 * An in-process fake HTTP handler for the AWS SDK clients (no sockets): routes requests by
 * service and operation to handlers, records what was sent.
 */
import { HttpResponse, type HttpRequest } from '@smithy/protocol-http';

export interface FakeRequest {
  service: 'kafka' | 'kafkaconnect' | 'secretsmanager';
  /** e.g. "GET /api/v2/clusters" or "secretsmanager.GetSecretValue" */
  operation: string;
  query: Record<string, string>;
  headers: Record<string, string>;
  body: unknown;
  url: string;
}

export interface FakeReply {
  status?: number;
  /** REST-JSON error type (x-amzn-errortype) or JSON 1.1 __type. */
  errorType?: string;
  body?: unknown;
}

export type FakeRoute = (req: FakeRequest) => FakeReply | undefined;

function serviceOf(req: HttpRequest): FakeRequest['service'] {
  const target = req.headers['x-amz-target'] ?? '';
  if (target.startsWith('secretsmanager.')) return 'secretsmanager';
  const auth = req.headers.authorization ?? req.headers.Authorization ?? '';
  const scope = /Credential=[^/]+\/\d+\/[^/]+\/([^/]+)\//.exec(auth)?.[1];
  return scope === 'kafkaconnect' ? 'kafkaconnect' : 'kafka';
}

export class FakeAws {
  readonly requests: FakeRequest[] = [];
  destroyed = 0;

  constructor(private readonly route: FakeRoute) {}

  readonly handler = {
    handle: (req: HttpRequest): Promise<{ response: HttpResponse }> => {
      const raw: unknown = req.body;
      const text = typeof raw === 'string' ? raw : raw instanceof Uint8Array ? new TextDecoder().decode(raw) : '';
      const query: Record<string, string> = {};
      for (const [k, v] of Object.entries(req.query ?? {})) if (typeof v === 'string') query[k] = v;
      const target = req.headers['x-amz-target'];
      const fake: FakeRequest = {
        service: serviceOf(req),
        operation: target ?? `${req.method} ${req.path}`,
        query,
        headers: { ...req.headers },
        body: text ? (JSON.parse(text) as unknown) : undefined,
        url: `${req.protocol}//${req.hostname}${req.port ? `:${req.port}` : ''}${req.path}`,
      };
      this.requests.push(fake);
      const reply = this.route(fake) ?? { status: 404, errorType: 'NotFoundException', body: { message: 'no route' } };
      const status = reply.status ?? (reply.errorType ? 400 : 200);
      const json = target !== undefined;
      const headers: Record<string, string> = {
        'content-type': json ? 'application/x-amz-json-1.1' : 'application/json',
      };
      let body = reply.body ?? {};
      if (reply.errorType) {
        if (json) body = { __type: reply.errorType, ...body };
        else headers['x-amzn-errortype'] = reply.errorType;
      }
      return Promise.resolve({
        response: new HttpResponse({ statusCode: status, headers, body: Buffer.from(JSON.stringify(body)) }),
      });
    },
    updateHttpClientConfig: () => undefined,
    httpHandlerConfigs: () => ({}),
    destroy: () => {
      this.destroyed += 1;
    },
  };
}
