/**
 * Errors in the shapes the real services return, so the AWS SDK maps them to the same exception names.
 *  - REST-JSON (kafka, kafkaconnect): HTTP status per error, `x-amzn-errortype` header, JSON body `{"message": ...}`.
 *  - JSON 1.1 (secretsmanager): HTTP 400 (500 for server faults), JSON body `{"__type": ..., "message": ...}`.
 */
import type { AuthFailureCode } from './sigv4';

export type WireProtocol = 'rest-json' | 'json-1.1';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** Extra members of the error body, e.g. MSK's `invalidParameter`. */
    readonly members: Record<string, string> = {},
  ) {
    super(message);
    this.name = code;
  }
}

export const notFound = (message: string, invalidParameter?: string): ApiError =>
  new ApiError(404, 'NotFoundException', message, invalidParameter ? { invalidParameter } : {});

export const badRequest = (message: string, invalidParameter?: string): ApiError =>
  new ApiError(400, 'BadRequestException', message, invalidParameter ? { invalidParameter } : {});

export const serviceUnavailable = (message: string): ApiError =>
  new ApiError(503, 'ServiceUnavailableException', message);

export const internalError = (message: string): ApiError => new ApiError(500, 'InternalServerErrorException', message);

/** Authentication failures: 403 on the REST-JSON front door, 400 from JSON 1.1 services. */
export function authError(protocol: WireProtocol, code: AuthFailureCode, message: string): ApiError {
  return new ApiError(protocol === 'rest-json' ? 403 : 400, code, message);
}

export interface ErrorResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export function renderError(protocol: WireProtocol, err: ApiError): ErrorResponse {
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
