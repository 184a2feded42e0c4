/**
 * AWS STS `GetCallerIdentity` as the sandbox answers it (the connection doctor's identity step):
 * the AWS Query protocol (form-encoded POST to "/", XML answer), SigV4-checked with the signing
 * name `sts`, answering with the sandbox principal that signed: its IAM user ARN in the sandbox's
 * account. Other STS actions are refused with STS's own error shape.
 */
import type { IncomingHttpHeaders } from 'node:http';
import { verifySigV4 } from './sigv4';
import { findKey, type SandboxView } from './view';

const XMLNS = 'https://sts.amazonaws.com/doc/2011-06-15/';

/** Whether a request is an STS Query call: POST "/" with a form body and no X-Amz-Target. */
export function isStsRequest(method: string, rawPath: string, headers: IncomingHttpHeaders): boolean {
  const type = String(headers['content-type'] ?? '');
  return (
    method === 'POST' &&
    rawPath === '/' &&
    headers['x-amz-target'] === undefined &&
    type.startsWith('application/x-www-form-urlencoded')
  );
}

export interface StsAnswer {
  status: number;
  body: string;
  op: string;
  principal?: string;
  error?: string;
}

function escapeXml(s: string): string {
  return s.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`);
}

function errorXml(status: number, code: string, message: string, requestId: string, op: string): StsAnswer {
  return {
    status,
    op,
    error: code,
    body:
      `<ErrorResponse xmlns="${XMLNS}"><Error><Type>Sender</Type><Code>${escapeXml(code)}</Code>` +
      `<Message>${escapeXml(message)}</Message></Error><RequestId>${requestId}</RequestId></ErrorResponse>`,
  };
}

const QUERY_CODES: Record<string, string> = {
  MissingAuthenticationTokenException: 'MissingAuthenticationToken',
  IncompleteSignatureException: 'IncompleteSignature',
  UnrecognizedClientException: 'InvalidClientTokenId',
  InvalidSignatureException: 'SignatureDoesNotMatch',
};

/** Answers one STS request whose body has been read. */
export async function answerSts(
  req: { method: string; rawPath: string; rawQuery: string; headers: IncomingHttpHeaders; body: Buffer },
  view: SandboxView,
  requestId: string,
  now?: Date,
): Promise<StsAnswer> {
  const params = new URLSearchParams(req.body.toString('utf8'));
  const action = params.get('Action') ?? '';
  const auth = await verifySigV4(req, {
    region: view.state.region,
    services: ['sts'],
    findKey: (id) => findKey(view, id),
    ...(now ? { now } : {}),
  });
  if (!auth.ok) return errorXml(403, QUERY_CODES[auth.code] ?? auth.code, auth.message, requestId, action || 'sts');
  if (action !== 'GetCallerIdentity') {
    return {
      ...errorXml(
        400,
        'InvalidAction',
        `The sandbox's STS answers GetCallerIdentity only, not "${action}".`,
        requestId,
        action || 'sts',
      ),
      principal: auth.principal,
    };
  }
  // auth.principal is the signing principal's name (findKey).
  const account = view.state.accountId;
  const arn = `arn:aws:iam::${account}:user/${auth.principal}`;
  const userId = `AIDA${auth.accessKeyId.slice(4)}`;
  return {
    status: 200,
    op: 'GetCallerIdentity',
    principal: auth.principal,
    body:
      `<GetCallerIdentityResponse xmlns="${XMLNS}"><GetCallerIdentityResult>` +
      `<Arn>${escapeXml(arn)}</Arn><UserId>${escapeXml(userId)}</UserId><Account>${account}</Account>` +
      `</GetCallerIdentityResult><ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata>` +
      `</GetCallerIdentityResponse>`,
  };
}
