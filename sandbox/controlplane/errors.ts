/**
 * Errors in the shapes the real services return, so the AWS SDK maps them to the same exception names.
 *  - REST-JSON (kafka, kafkaconnect): HTTP status per error, `x-amzn-errortype` header, JSON body `{"message": ...}`.
 *  - JSON 1.1 (secretsmanager): HTTP 400 (500 for server faults), JSON body `{"__type": ..., "message": ...}`.
 *  - JSON 1.0 and RPC v2 CBOR (CloudWatch): the same body (CBOR-encoded for CBOR), `__type`
 *    qualified with CloudWatch's namespace, plus the awsQuery-compatible `x-amzn-query-error`
 *    header ("InvalidParameterValue;Sender") the SDKs read the error code from.
 */
import { cbor } from '@smithy/core/cbor';
import type { OperationContext } from './api';
import type { AuthFailureCode } from './sigv4';

export type WireProtocol = 'rest-json' | 'json-1.1' | 'json-1.0' | 'cbor';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** Extra members of the error body, e.g. MSK's `invalidParameter`. */
    readonly members: Record<string, string> = {},
    /** awsQuery-compatible services: "<Code>;Sender" for the x-amzn-query-error header. */
    readonly queryError?: string,
  ) {
    super(message);
    this.name = code;
  }
}

export const notFound = (message: string, invalidParameter?: string): ApiError =>
  new ApiError(404, 'NotFoundException', message, invalidParameter ? { invalidParameter } : {});

export const badRequest = (message: string, invalidParameter?: string): ApiError =>
  new ApiError(400, 'BadRequestException', message, invalidParameter ? { invalidParameter } : {});

/** IAM's refusal of the request's principal, as MSK returns it: "User: … is not authorized to perform: <action> on resource: <resource>". */
export const forbidden = (ctx: OperationContext, action: string, resource: string): ApiError =>
  new ApiError(
    403,
    'ForbiddenException',
    `User: arn:aws:iam::${ctx.view.state.accountId}:user/${ctx.principal} is not authorized to perform: ${action} on resource: ${resource}`,
  );

export const serviceUnavailable = (message: string): ApiError =>
  new ApiError(503, 'ServiceUnavailableException', message);

export const internalError = (message: string): ApiError => new ApiError(500, 'InternalServerErrorException', message);

/** The awsQuery codes of authentication failures (what awsQuery-compatible services put in x-amzn-query-error). */
const QUERY_AUTH_CODES: Record<AuthFailureCode, string> = {
  MissingAuthenticationTokenException: 'MissingAuthenticationToken',
  IncompleteSignatureException: 'IncompleteSignature',
  UnrecognizedClientException: 'InvalidClientTokenId',
  InvalidSignatureException: 'SignatureDoesNotMatch',
};

/** Authentication failures: 403 on the REST-JSON front door and from CloudWatch, 400 from JSON 1.1 services. */
export function authError(protocol: WireProtocol, code: AuthFailureCode, message: string): ApiError {
  if (protocol === 'json-1.0' || protocol === 'cbor') {
    return new ApiError(403, `com.amazon.coral.service#${code}`, message, {}, `${QUERY_AUTH_CODES[code]};Sender`);
  }
  return new ApiError(protocol === 'json-1.1' ? 400 : 403, code, message);
}

export interface ErrorResponse {
  status: number;
  headers: Record<string, string>;
  body: string | Uint8Array;
}

const CLOUDWATCH_NAMESPACE = 'com.amazonaws.cloudwatch';

export function renderError(protocol: WireProtocol, err: ApiError): ErrorResponse {
  if (protocol === 'json-1.0' || protocol === 'cbor') {
    const type = err.code.includes('#') ? err.code : `${CLOUDWATCH_NAMESPACE}#${err.code}`;
    const queryError =
      err.queryError ?? `${err.code.replace(/Exception$/, '')};${err.status >= 500 ? 'Receiver' : 'Sender'}`;
    const body = { __type: type, message: err.message, ...err.members };
    return protocol === 'cbor'
      ? {
          status: err.status,
          headers: {
            'content-type': 'application/cbor',
            'smithy-protocol': 'rpc-v2-cbor',
            'x-amzn-query-error': queryError,
          },
          body: cbor.serialize(body),
        }
      : {
          status: err.status,
          headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amzn-query-error': queryError },
          body: JSON.stringify(body),
        };
  }
  if (protocol === 'json-1.1') {
    return {
      status: err.status,
      headers: { 'content-type': 'application/x-amz-json-1.1' },
      body: JSON.stringify({ __type: err.code, message: err.message, ...err.members }),
    };
  }
  return {
    status: err.status,
    headers: { 'content-type': 'application/json', 'x-amzn-errortype': err.code },
    body: JSON.stringify({ message: err.message, ...err.members }),
  };
}
