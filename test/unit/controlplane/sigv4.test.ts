import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { IncomingHttpHeaders } from 'node:http';
import { Sha256 } from '@aws-crypto/sha256-js';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';
import {
  parseAmzDate,
  parseAuthorization,
  parseRawQuery,
  verifySigV4,
  type SignedRequest,
  type VerifyOptions,
} from '../../../sandbox/controlplane/sigv4';

const ADMIN = { name: 'admin', accessKeyId: 'AKIAADMIN0000000001', secretAccessKey: 'admin-secret-key-0123456789' };
const NOW = new Date('2026-03-01T12:00:00Z');
const ARN_PATH =
  '/api/v2/clusters/arn%3Aaws%3Akafka%3Aus-east-1%3A123456789012%3Acluster%2Fmsk-sandbox%2F0b6e3c1a-5f3e-4a51-9c59-7f1d2e0c4b11-2';

const opts = (over: Partial<VerifyOptions> = {}): VerifyOptions => ({
  region: 'us-east-1',
  services: ['kafka'],
  findKey: (id) => (id === ADMIN.accessKeyId ? ADMIN : undefined),
  now: NOW,
  ...over,
});

interface SignInput {
  method?: string;
  path?: string;
  query?: Record<string, string>;
  rawQuery?: string;
  body?: string;
  headers?: Record<string, string>;
  secret?: string;
  accessKeyId?: string;
  service?: string;
  region?: string;
  at?: Date;
}

/** Signs like the AWS SDK does, then returns the request as the server would receive it. */
async function signed(input: SignInput = {}): Promise<SignedRequest> {
  const body = input.body ?? '';
  const signer = new SignatureV4({
    credentials: {
      accessKeyId: input.accessKeyId ?? ADMIN.accessKeyId,
      secretAccessKey: input.secret ?? ADMIN.secretAccessKey,
    },
    region: input.region ?? 'us-east-1',
    service: input.service ?? 'kafka',
    sha256: Sha256,
  });
  const req = new HttpRequest({
    method: input.method ?? 'GET',
    protocol: 'http:',
    hostname: '127.0.0.1',
    port: 4599,
    path: input.path ?? ARN_PATH,
    query: input.query ?? {},
    headers: { host: '127.0.0.1:4599', 'x-amz-user-agent': 'aws-sdk-js/3', ...(input.headers ?? {}) },
    ...(body ? { body } : {}),
  });
  const out = await signer.sign(req, { signingDate: input.at ?? NOW });
  const headers: IncomingHttpHeaders = {};
  for (const [k, v] of Object.entries(out.headers)) headers[k.toLowerCase()] = v;
  return {
    method: out.method,
    rawPath: out.path,
    rawQuery:
      input.rawQuery ??
      Object.entries(out.query ?? {})
        .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`)
        .join('&'),
    headers,
    body: Buffer.from(body, 'utf8'),
  };
}

void describe('SigV4 verification', () => {
  void it('accepts a request signed like the SDK signs it, with a percent-encoded ARN in the path', async () => {
    const r = await verifySigV4(await signed(), opts());
    assert.deepEqual(r, { ok: true, principal: 'admin', accessKeyId: ADMIN.accessKeyId, service: 'kafka' });
  });

  void it('accepts a signed query string and a signed JSON body', async () => {
    const q = await signed({ path: '/api/v2/clusters', query: { clusterNameFilter: 'a b+c', maxResults: '1' } });
    assert.equal((await verifySigV4(q, opts())).ok, true);
    const b = await signed({
      method: 'POST',
      path: '/',
      body: '{"SecretId":"AmazonMSK_msk-sandbox_admin"}',
      service: 'secretsmanager',
      headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'secretsmanager.GetSecretValue' },
    });
    assert.equal((await verifySigV4(b, opts({ services: ['secretsmanager'] }))).ok, true);
  });

  void it('ignores headers added after signing (user-agent, connection)', async () => {
    const r = await signed();
    r.headers['user-agent'] = 'something/1.0';
    r.headers.connection = 'keep-alive';
    assert.equal((await verifySigV4(r, opts())).ok, true);
  });

  void it('refuses a request without Authorization as MissingAuthenticationTokenException', async () => {
    const r = await signed();
    delete r.headers.authorization;
    const v = await verifySigV4(r, opts());
    assert.deepEqual(v, {
      ok: false,
      code: 'MissingAuthenticationTokenException',
      message: 'Missing Authentication Token',
    });
  });

  void it('refuses a malformed Authorization header as IncompleteSignatureException', async () => {
    const r = await signed();
    r.headers.authorization = 'AWS4-HMAC-SHA256 Credential=AKIAADMIN0000000001/20260301/us-east-1/kafka/aws4_request';
    const v = await verifySigV4(r, opts());
    assert.equal(v.ok, false);
    assert.equal(!v.ok && v.code, 'IncompleteSignatureException');
    assert.match(!v.ok ? v.message : '', /requires 'Signature' parameter/);
  });

  void it('refuses an unknown access key as UnrecognizedClientException', async () => {
    const v = await verifySigV4(await signed({ accessKeyId: 'AKIAUNKNOWN000000000' }), opts());
    assert.equal(!v.ok && v.code, 'UnrecognizedClientException');
  });

  void it('refuses a signature made with the wrong secret as InvalidSignatureException', async () => {
    const v = await verifySigV4(await signed({ secret: 'not-the-secret' }), opts());
    assert.equal(!v.ok && v.code, 'InvalidSignatureException');
    assert.match(!v.ok ? v.message : '', /does not match the signature you provided/);
  });

  void it('refuses tampering with the path, the query, a signed header or the body', async () => {
    const p = await signed();
    p.rawPath = p.rawPath.replace('msk-sandbox', 'msk-other');
    assert.equal((await verifySigV4(p, opts())).ok, false);

    const q = await signed({ path: '/api/v2/clusters', query: { maxResults: '1' } });
    q.rawQuery = 'maxResults=2';
    assert.equal((await verifySigV4(q, opts())).ok, false);

    const h = await signed();
    h.headers['x-amz-user-agent'] = 'tampered';
    assert.equal((await verifySigV4(h, opts())).ok, false);

    const b = await signed({ method: 'POST', path: '/', body: '{"SecretId":"a"}', service: 'secretsmanager' });
    b.body = Buffer.from('{"SecretId":"b"}');
    const v = await verifySigV4(b, opts({ services: ['secretsmanager'] }));
    assert.equal(!v.ok && v.code, 'InvalidSignatureException');
  });

  void it('refuses a body whose hash differs even when x-amz-content-sha256 is not signed', async () => {
    const b = await signed({ method: 'POST', path: '/', body: '{"SecretId":"a"}', service: 'secretsmanager' });
    delete b.headers['x-amz-content-sha256'];
    b.body = Buffer.from('{"SecretId":"b"}');
    assert.equal((await verifySigV4(b, opts({ services: ['secretsmanager'] }))).ok, false);
  });

  void it('allows 15 minutes of clock skew and no more', async () => {
    const within = await signed({ at: new Date(NOW.getTime() - 14 * 60_000) });
    assert.equal((await verifySigV4(within, opts())).ok, true);
    const old = await verifySigV4(await signed({ at: new Date(NOW.getTime() - 16 * 60_000) }), opts());
    assert.equal(!old.ok && old.code, 'InvalidSignatureException');
    assert.match(
      !old.ok ? old.message : '',
      /^Signature expired: 20260301T114400Z is now earlier than 20260301T114500Z/,
    );
    const future = await verifySigV4(await signed({ at: new Date(NOW.getTime() + 16 * 60_000) }), opts());
    assert.match(!future.ok ? future.message : '', /^Signature not yet current/);
  });

  void it('refuses a credential scoped to another service or region', async () => {
    const svc = await verifySigV4(await signed({ service: 'kafkaconnect' }), opts());
    assert.equal(!svc.ok && svc.code, 'InvalidSignatureException');
    assert.match(!svc.ok ? svc.message : '', /scoped to correct service: 'kafka'/);
    const region = await verifySigV4(await signed({ region: 'eu-west-1' }), opts());
    assert.match(!region.ok ? region.message : '', /valid region, not 'eu-west-1'/);
  });

  void it('refuses session credentials the sandbox never issued', async () => {
    const r = await signed({ headers: { 'x-amz-security-token': 'FwoGZXIvYXdzE' } });
    const v = await verifySigV4(r, opts());
    assert.equal(!v.ok && v.code, 'UnrecognizedClientException');
  });
});

void describe('SigV4 parsing helpers', () => {
  void it('parses the Authorization header parts', () => {
    const p = parseAuthorization(
      'AWS4-HMAC-SHA256 Credential=AKID/20260301/us-east-1/kafka/aws4_request, SignedHeaders=host;x-amz-date, Signature=abc123',
    );
    assert.deepEqual(p, {
      accessKeyId: 'AKID',
      date: '20260301',
      region: 'us-east-1',
      service: 'kafka',
      terminator: 'aws4_request',
      signedHeaders: ['host', 'x-amz-date'],
      signature: 'abc123',
    });
    assert.ok('error' in parseAuthorization('Basic dXNlcjpwYXNz'));
  });

  void it('parses X-Amz-Date and raw query strings without turning + into a space', () => {
    assert.equal(parseAmzDate('20260301T120000Z')?.toISOString(), '2026-03-01T12:00:00.000Z');
    assert.equal(parseAmzDate('2026-03-01T12:00:00Z'), undefined);
    assert.deepEqual(parseRawQuery('a=1%202&b=x+y&a=3&flag'), { a: ['1 2', '3'], b: 'x+y', flag: '' });
  });
});
