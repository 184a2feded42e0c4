/**
 * AWS Signature Version 4 verification for the sandbox control plane.
 *
 * The signature is recomputed with @smithy/signature-v4 (the same signer the AWS SDK uses) over the
 * request exactly as it arrived: method, raw (still percent-encoded) path, query, the headers the
 * client listed in SignedHeaders and the SHA-256 of the body. The signer escapes the raw path once
 * more, just as the client's signer did when it signed the already-encoded path.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { Sha256 } from '@aws-crypto/sha256-js';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';

export interface SignedRequest {
  method: string;
  /** The request target's path exactly as received (percent-encoded, no query). */
  rawPath: string;
  /** The query string exactly as received, without the leading "?" ("" when none). */
  rawQuery: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

export interface SigningKey {
  /** The principal's name (e.g. "admin"), used for logs. */
  name: string;
  accessKeyId: string;
  secretAccessKey: string;
}

export interface VerifyOptions {
  region: string;
  /** Signing names this request may be scoped to, e.g. ["kafka"]. */
  services: readonly string[];
  findKey(accessKeyId: string): SigningKey | undefined;
  now?: Date;
  /** Allowed clock difference in ms (AWS: 15 minutes). */
  maxSkewMs?: number;
}

export type AuthFailureCode =
  | 'MissingAuthenticationTokenException'
  | 'IncompleteSignatureException'
  | 'UnrecognizedClientException'
  | 'InvalidSignatureException';

export type VerifyResult =
  | { ok: true; principal: string; accessKeyId: string; service: string }
  | { ok: false; code: AuthFailureCode; message: string };

export const DEFAULT_MAX_SKEW_MS = 15 * 60 * 1000;
const ALGORITHM = 'AWS4-HMAC-SHA256';
const EMPTY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

const SIGNATURE_MISMATCH =
  'The request signature we calculated does not match the signature you provided. ' +
  'Check your AWS Secret Access Key and signing method. Consult the service documentation for details.';

export interface ParsedAuthorization {
  accessKeyId: string;
  date: string;
  region: string;
  service: string;
  terminator: string;
  signedHeaders: string[];
  signature: string;
}

/** Parses `AWS4-HMAC-SHA256 Credential=AKID/20240101/us-east-1/kafka/aws4_request, SignedHeaders=a;b, Signature=hex`. */
export function parseAuthorization(value: string): ParsedAuthorization | { error: string } {
  const trimmed = value.trim();
  const space = trimmed.indexOf(' ');
  const algorithm = space < 0 ? trimmed : trimmed.slice(0, space);
  if (algorithm !== ALGORITHM) {
    return { error: `Unsupported AWS 'algorithm': '${algorithm.slice(0, 40)}'.` };
  }
  const params = new Map<string, string>();
  for (const part of trimmed.slice(space + 1).split(',')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    params.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  const missing = ['Credential', 'Signature', 'SignedHeaders'].filter((p) => !params.get(p));
  if (missing.length > 0) {
    return { error: missing.map((p) => `Authorization header requires '${p}' parameter.`).join(' ') };
  }
  const credential = params.get('Credential') ?? '';
  const scope = credential.split('/');
  if (scope.length !== 5 || scope.some((s) => s.length === 0)) {
    return {
      error: `Credential should be scoped to a valid region, service and date: 'KEY/YYYYMMDD/region/service/aws4_request'.`,
    };
  }
  const [accessKeyId, date, region, service, terminator] = scope as [string, string, string, string, string];
  return {
    accessKeyId,
    date,
    region,
    service,
    terminator,
    signedHeaders: (params.get('SignedHeaders') ?? '').split(';').filter((h) => h.length > 0),
    signature: params.get('Signature') ?? '',
  };
}

/** Parses an ISO-8601 basic timestamp like 20240101T120000Z. */
export function parseAmzDate(value: string): Date | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s] = m.map(Number) as [number, number, number, number, number, number, number];
  const date = new Date(Date.UTC(y, mo - 1, d, h, mi, s));
  return Number.isNaN(date.getTime()) ? undefined : date;
}

function amzDate(date: Date): string {
  return date
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z')
    .replace(/[-:]/g, '');
}

/** Splits a raw query string into decoded name → value(s), as the SDK's signer expects. */
export function parseRawQuery(rawQuery: string): Record<string, string | string[]> {
  const query: Record<string, string | string[]> = {};
  if (!rawQuery) return query;
  for (const pair of rawQuery.split('&')) {
    if (pair.length === 0) continue;
    const eq = pair.indexOf('=');
    const name = safeDecode(eq < 0 ? pair : pair.slice(0, eq));
    const value = safeDecode(eq < 0 ? '' : pair.slice(eq + 1));
    const prior = query[name];
    if (prior === undefined) query[name] = value;
    else query[name] = Array.isArray(prior) ? [...prior, value] : [prior, value];
  }
  return query;
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

function headerValue(headers: IncomingHttpHeaders, name: string): string | undefined {
  const v = headers[name];
  if (v === undefined) return undefined;
  return Array.isArray(v) ? v.join(',') : v;
}

function constantTimeEqualHex(a: string, b: string): boolean {
  const ab = Buffer.from(a, 'utf8');
  const bb = Buffer.from(b, 'utf8');
  if (ab.length !== bb.length) {
    // Still spend the time of one comparison so a length mismatch is not faster to detect.
    timingSafeEqual(ab, ab);
    return false;
  }
  return timingSafeEqual(ab, bb);
}

/** Verifies the request's SigV4 Authorization header. Never throws for bad input. */
export async function verifySigV4(req: SignedRequest, opts: VerifyOptions): Promise<VerifyResult> {
  const fail = (code: AuthFailureCode, message: string): VerifyResult => ({ ok: false, code, message });
  const authorization = headerValue(req.headers, 'authorization');
  if (!authorization) {
    return fail('MissingAuthenticationTokenException', 'Missing Authentication Token');
  }
  const parsed = parseAuthorization(authorization);
  if ('error' in parsed) return fail('IncompleteSignatureException', parsed.error);

  const amzDateHeader = headerValue(req.headers, 'x-amz-date');
  if (!amzDateHeader) {
    return fail(
      'IncompleteSignatureException',
      "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.",
    );
  }
  const signingDate = parseAmzDate(amzDateHeader);
  if (!signingDate) {
    return fail('IncompleteSignatureException', `X-Amz-Date must be in the ISO8601 Long Format: '${amzDateHeader}'.`);
  }
  if (!parsed.signedHeaders.includes('host') || !parsed.signedHeaders.includes('x-amz-date')) {
    return fail('InvalidSignatureException', "'Host' and 'X-Amz-Date' must be signed headers.");
  }

  const key = opts.findKey(parsed.accessKeyId);
  if (!key || headerValue(req.headers, 'x-amz-security-token') !== undefined) {
    return fail('UnrecognizedClientException', 'The security token included in the request is invalid.');
  }

  if (parsed.terminator !== 'aws4_request') {
    return fail(
      'InvalidSignatureException',
      `Credential should be scoped with a valid terminator: 'aws4_request', not '${parsed.terminator}'.`,
    );
  }
  if (parsed.date !== amzDateHeader.slice(0, 8)) {
    return fail(
      'InvalidSignatureException',
      `Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '${parsed.date}' != '${amzDateHeader.slice(0, 8)}', from '${amzDateHeader}'.`,
    );
  }
  if (parsed.region !== opts.region) {
    return fail('InvalidSignatureException', `Credential should be scoped to a valid region, not '${parsed.region}'.`);
  }
  if (!opts.services.includes(parsed.service)) {
    return fail(
      'InvalidSignatureException',
      `Credential should be scoped to correct service: '${opts.services.join("' or '")}'.`,
    );
  }

  const now = opts.now ?? new Date();
  const skew = opts.maxSkewMs ?? DEFAULT_MAX_SKEW_MS;
  if (signingDate.getTime() < now.getTime() - skew) {
    return fail(
      'InvalidSignatureException',
      `Signature expired: ${amzDateHeader} is now earlier than ${amzDate(new Date(now.getTime() - skew))} (${amzDate(now)} - ${skew / 60000} min.)`,
    );
  }
  if (signingDate.getTime() > now.getTime() + skew) {
    return fail(
      'InvalidSignatureException',
      `Signature not yet current: ${amzDateHeader} is still later than ${amzDate(new Date(now.getTime() + skew))} (${amzDate(now)} + ${skew / 60000} min.)`,
    );
  }

  // The body hash the client claims must be the hash of the body we received.
  const bodyHash = req.body.length === 0 ? EMPTY_SHA256 : createHash('sha256').update(req.body).digest('hex');
  const claimedHash = headerValue(req.headers, 'x-amz-content-sha256');
  if (claimedHash !== undefined && claimedHash !== bodyHash) {
    return fail('InvalidSignatureException', SIGNATURE_MISMATCH);
  }

  const headers: Record<string, string> = {};
  for (const name of parsed.signedHeaders) {
    const value = headerValue(req.headers, name);
    if (value !== undefined) headers[name] = value;
  }
  const signer = new SignatureV4({
    credentials: { accessKeyId: key.accessKeyId, secretAccessKey: key.secretAccessKey },
    region: parsed.region,
    service: parsed.service,
    sha256: Sha256,
    uriEscapePath: true,
    applyChecksum: false,
  });
  const toSign = new HttpRequest({
    method: req.method,
    protocol: 'http:',
    hostname: 'localhost',
    path: req.rawPath,
    query: parseRawQuery(req.rawQuery),
    headers,
    body: req.body.length === 0 ? undefined : new Uint8Array(req.body),
  });
  let expected: string;
  try {
    const signed = await signer.sign(toSign, {
      signingDate,
      signingRegion: parsed.region,
      signingService: parsed.service,
      signableHeaders: new Set(parsed.signedHeaders),
    });
    const auth = String(signed.headers.authorization ?? '');
    const sigHeaders = /SignedHeaders=([^,]*)/.exec(auth)?.[1] ?? '';
    if (sigHeaders !== parsed.signedHeaders.join(';')) {
      return fail('InvalidSignatureException', SIGNATURE_MISMATCH);
    }
    expected = /Signature=([0-9a-f]+)/.exec(auth)?.[1] ?? '';
  } catch {
    return fail('InvalidSignatureException', SIGNATURE_MISMATCH);
  }
  if (!expected || !constantTimeEqualHex(expected, parsed.signature.toLowerCase())) {
    return fail('InvalidSignatureException', SIGNATURE_MISMATCH);
  }
  return { ok: true, principal: key.name, accessKeyId: key.accessKeyId, service: parsed.service };
}
