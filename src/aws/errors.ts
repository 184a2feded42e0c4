/**
 * Turns AWS SDK / credential-provider / network errors into one user-facing error type:
 * a message saying what failed, a next step, and the original error kept as `cause`.
 *
 * AwsUserError is a kind of the one UserError (src/shared/errors.ts): `code` is the kind, `hint`
 * the next step. Errors are recognised by shape (name, code, $metadata), so this module never
 * loads the SDK.
 */
import {
  copyIamPolicyAction,
  openSettingAction,
  selectAwsProfileAction,
  selectRegionsAction,
} from '../shared/errorActions';
import { errorChain } from '../shared/errorChain';
import { UserError, type ErrorAction } from '../shared/errors';

export type AwsErrorKind =
  | 'sso-login-required'
  | 'no-credentials'
  | 'access-denied'
  | 'expired-token'
  | 'invalid-signature'
  | 'invalid-access-key'
  | 'endpoint-unreachable'
  | 'no-region'
  | 'not-found'
  | 'throttled'
  | 'bad-secret'
  | 'no-bootstrap'
  | 'unknown';

/** What the extension was doing when the error happened; every field is optional. */
export interface AwsCallContext {
  /** IAM action, e.g. "kafka:ListClustersV2". */
  action?: string;
  /**
   * The operation in the user's words, e.g. "MSK CreateTopic": messages that name what failed
   * ("<operation> failed: …", "AWS is throttling <operation>") say this; absent: `action`.
   */
  operation?: string;
  /** Profile name; undefined means the SDK's default credential chain. */
  profile?: string;
  region?: string;
  /** URL the client talked to. */
  endpoint?: string;
  /** Where that URL came from, e.g. "endpoint_url of profile dev". */
  endpointOrigin?: string;
  /** ARN the call was about. */
  resource?: string;
}

export interface AwsUserErrorOptions {
  cause?: unknown;
  /** What the user can do about it, one or two sentences. */
  hint?: string;
  context?: AwsCallContext;
  actions?: readonly ErrorAction[];
}

export class AwsUserError extends UserError {
  declare readonly code: AwsErrorKind;
  readonly kind: AwsErrorKind;
  readonly context: AwsCallContext;

  constructor(kind: AwsErrorKind, message: string, options: AwsUserErrorOptions = {}) {
    super(message, { code: kind, hint: options.hint, cause: options.cause, actions: options.actions });
    this.name = 'AwsUserError';
    this.kind = kind;
    this.context = options.context ?? {};
  }
}

interface ErrorShape {
  name: string;
  message: string;
  code: string | undefined;
  status: number | undefined;
}

function shapeOf(err: unknown): ErrorShape | undefined {
  if (err === null || typeof err !== 'object') return undefined;
  const e = err as { name?: unknown; message?: unknown; code?: unknown; $metadata?: { httpStatusCode?: unknown } };
  return {
    name: typeof e.name === 'string' ? e.name : '',
    message: typeof e.message === 'string' ? e.message : '',
    code: typeof e.code === 'string' ? e.code : undefined,
    status: typeof e.$metadata?.httpStatusCode === 'number' ? e.$metadata.httpStatusCode : undefined,
  };
}

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ECONNRESET',
  'EPIPE',
  'CERT_HAS_EXPIRED',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
]);

function who(ctx: AwsCallContext): string {
  return ctx.profile ? `profile "${ctx.profile}"` : 'the default credential chain';
}

function ssoLoginCommand(ctx: AwsCallContext): string {
  return ctx.profile ? `aws sso login --profile ${ctx.profile}` : 'aws sso login';
}

function endpointHint(ctx: AwsCallContext): string {
  const origin = ctx.endpointOrigin ? ` (taken from ${ctx.endpointOrigin})` : '';
  return (
    `If that address${origin} is wrong, set the endpoint in the extension settings, the profile's endpoint_url, ` +
    `or AWS_ENDPOINT_URL_KAFKA; otherwise check your network, VPN or proxy.`
  );
}

function classify(s: ErrorShape, ctx: AwsCallContext, err: unknown): AwsUserError | undefined {
  const { name, message, code } = s;
  const isProviderError =
    name === 'CredentialsProviderError' || name === 'TokenProviderError' || name === 'ProviderError';

  if (isProviderError && (/\bsso\b/i.test(message) || /UnauthorizedException/.test(message))) {
    return new AwsUserError('sso-login-required', `The AWS SSO session for ${who(ctx)} has expired or is missing.`, {
      cause: err,
      context: ctx,
      hint: `Run \`${ssoLoginCommand(ctx)}\` in a terminal, then retry.`,
      actions: [selectAwsProfileAction],
    });
  }
  if (name === 'ProfileNotFound') {
    return new AwsUserError('no-credentials', message, {
      cause: err,
      context: ctx,
      hint: 'Pick another profile, or add it with `aws configure --profile NAME` / `aws configure sso`.',
      actions: [selectAwsProfileAction],
    });
  }
  if (isProviderError) {
    const noneFound = /Could not load credentials from any providers/i.test(message);
    return new AwsUserError(
      'no-credentials',
      noneFound
        ? 'No AWS credentials were found (environment variables, shared config/credentials files, SSO, container or instance role).'
        : `Could not get AWS credentials from ${who(ctx)}: ${message}`,
      {
        cause: err,
        context: ctx,
        hint: noneFound
          ? 'Configure a profile with `aws configure` (access keys) or `aws configure sso`, then pick it in the MSK view.'
          : `Check the profile in your AWS config and credentials files (\`aws configure list --profile ${ctx.profile ?? 'NAME'}\`).`,
        actions: [selectAwsProfileAction],
      },
    );
  }
  if (/^Region is missing/i.test(message) || name === 'RegionMissing') {
    return new AwsUserError('no-region', `No AWS region is set for ${who(ctx)}.`, {
      cause: err,
      context: ctx,
      hint: 'Set `region` in the profile, AWS_REGION, or the region in the extension settings.',
      actions: [selectRegionsAction],
    });
  }
  if (name === 'ExpiredToken' || name === 'ExpiredTokenException' || name === 'TokenRefreshRequired') {
    return new AwsUserError('expired-token', `The AWS session token of ${who(ctx)} has expired.`, {
      cause: err,
      context: ctx,
      hint: ctx.profile
        ? `Refresh the credentials of profile "${ctx.profile}" (for SSO: \`aws sso login --profile ${ctx.profile}\`), then retry.`
        : 'Refresh your AWS credentials, then retry.',
    });
  }
  if (
    name === 'InvalidSignatureException' ||
    name === 'SignatureDoesNotMatch' ||
    name === 'RequestExpired' ||
    name === 'RequestTimeTooSkewed' ||
    /signature (we calculated )?does not match|signature expired/i.test(message)
  ) {
    return new AwsUserError('invalid-signature', `AWS rejected the request signature made with ${who(ctx)}.`, {
      cause: err,
      context: ctx,
      hint: "Check that the profile's aws_secret_access_key belongs to its aws_access_key_id, and that this computer's clock is correct.",
    });
  }
  if (name === 'UnrecognizedClientException' || name === 'InvalidClientTokenId' || name === 'InvalidAccessKeyId') {
    return new AwsUserError('invalid-access-key', `AWS does not recognise the access key of ${who(ctx)}.`, {
      cause: err,
      context: ctx,
      hint: "Check the profile's aws_access_key_id (it may have been deleted or deactivated).",
    });
  }
  if (
    name === 'AccessDeniedException' ||
    name === 'AccessDenied' ||
    name === 'ForbiddenException' ||
    name === 'UnauthorizedException' ||
    name === 'UnauthorizedOperation' ||
    s.status === 403
  ) {
    const action = /not authorized to perform:?\s*([\w-]+:[\w*]+)/i.exec(message)?.[1] ?? ctx.action;
    const what = action ? `permission ${action}` : 'permission for this request';
    const on = ctx.resource ? ` on ${ctx.resource}` : '';
    const kms = action?.startsWith('secretsmanager:')
      ? ' SCRAM secrets are encrypted with a KMS key, so kms:Decrypt on that key is needed too.'
      : '';
    return new AwsUserError('access-denied', `Access denied: ${who(ctx)} lacks the IAM ${what}${on}.`, {
      cause: err,
      context: ctx,
      hint: `Ask your AWS administrator to allow it for this identity, or pick a profile that has it.${kms}`,
      actions: action ? [copyIamPolicyAction(action, ctx.resource), selectAwsProfileAction] : [selectAwsProfileAction],
    });
  }
  if (name === 'NotFoundException' || name === 'ResourceNotFoundException' || s.status === 404) {
    return new AwsUserError(
      'not-found',
      `${ctx.resource ?? 'The resource'} was not found${ctx.region ? ` in ${ctx.region}` : ''}.`,
      {
        cause: err,
        context: ctx,
        hint: 'It may have been deleted, or it lives in another region or account. Refresh the view.',
      },
    );
  }
  if (
    name === 'TooManyRequestsException' ||
    name === 'ThrottlingException' ||
    name === 'Throttling' ||
    s.status === 429
  ) {
    return new AwsUserError('throttled', `AWS is throttling ${ctx.operation ?? ctx.action ?? 'the requests'}.`, {
      cause: err,
      context: ctx,
      hint: 'Wait a moment and retry.',
    });
  }
  if ((code && NETWORK_CODES.has(code)) || name === 'TimeoutError') {
    const where = ctx.endpoint ?? 'the AWS endpoint';
    return new AwsUserError('endpoint-unreachable', `Cannot reach ${where} (${code ?? name}).`, {
      cause: err,
      context: ctx,
      hint: endpointHint(ctx),
      actions: [openSettingAction('msk.aws.endpoint')],
    });
  }
  return undefined;
}

/**
 * Maps any error from an AWS call to an AwsUserError. The first error of the cause chain that
 * is recognised decides the kind; the original error is always kept as `cause`.
 */
export function toAwsUserError(err: unknown, ctx: AwsCallContext = {}): AwsUserError {
  if (err instanceof AwsUserError) return err;
  for (const e of errorChain(err)) {
    if (e instanceof AwsUserError)
      return new AwsUserError(e.kind, e.message, {
        cause: err,
        hint: e.hint,
        actions: e.actions,
        context: { ...ctx, ...e.context },
      });
    const s = shapeOf(e);
    if (!s) continue;
    const mapped = classify(s, ctx, err);
    if (mapped) return mapped;
  }
  const first = shapeOf(err);
  const detail = first?.message || String(err);
  const named = ctx.operation ?? ctx.action;
  const what = named ? `${named} failed` : 'The AWS request failed';
  return new AwsUserError('unknown', `${what}: ${detail}`, { cause: err, context: ctx });
}
