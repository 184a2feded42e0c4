/**
 * Turns kafkajs and network errors into errors people can act on: a message that stands on its own,
 * a `hint` with the next step, a stable `code`, and the original error as `cause`.
 *
 * No kafkajs runtime import: errors are recognised by their `name`/`type`/`code` fields (kafkajs
 * 2.2.4 src/errors.js, src/protocol/error.js), which also works across bundles.
 */
import { mskResourceArn, type MskResourceKind } from '../../shared/arn';
import { copyIamPolicyAction } from '../../shared/errorActions';
import { errorObjects } from '../../shared/errorChain';
import { IAM_SIGNING_FAILED } from '../iamToken';
import { scrubLogText } from '../logging';
import { codeOf, first, msgOf, type ErrorLike } from './chain';
import { isKafkaUserError, KafkaUserError, type KafkaErrorContext } from './kafkaUserError';
import { connectionError, CONNECT_CODES, saslError, SASL_TYPES } from './network';
import { arnSourceOf, OPERATIONS } from './operations';
import { protocolError } from './protocol';
import { tlsError } from './tls';

const AUTHZ_TYPES: Record<string, MskResourceKind> = {
  TOPIC_AUTHORIZATION_FAILED: 'topic',
  GROUP_AUTHORIZATION_FAILED: 'group',
  CLUSTER_AUTHORIZATION_FAILED: 'cluster',
  TRANSACTIONAL_ID_AUTHORIZATION_FAILED: 'cluster',
};
/** Maps any error thrown while talking to Kafka to a KafkaUserError (returned, not thrown). */
export function toKafkaUserError(err: unknown, ctx: KafkaErrorContext): KafkaUserError {
  if (isKafkaUserError(err)) return err;
  const chain = errorObjects(err);
  const op = OPERATIONS[ctx.operation];
  const doing = op.text(ctx);
  const auth = ctx.spec.auth;

  // Credentials for IAM could not be obtained (profile missing, SSO expired, …).
  const cred = first(chain, (e) => e.name === 'MskIamCredentialsError' || msgOf(e).startsWith(IAM_SIGNING_FAILED));
  if (cred) {
    const detail = msgOf(cred).startsWith(IAM_SIGNING_FAILED)
      ? msgOf(cred).slice(IAM_SIGNING_FAILED.length)
      : msgOf(cred);
    return new KafkaUserError(
      `Could not get AWS credentials to sign in to ${ctx.spec.label}: ${scrubLogText(detail.replace(/^:\s*/, ''))}`,
      {
        code: 'Credentials',
        hint: 'Check the AWS profile of this connection (run "aws sso login" if it uses IAM Identity Center) and try again.',
        cause: err,
      },
    );
  }

  // Authorization: a Kafka *_AUTHORIZATION_FAILED protocol error.
  const authz = first(chain, (e) => typeof e.type === 'string' && e.type in AUTHZ_TYPES);
  if (authz) {
    const kind = AUTHZ_TYPES[authz.type!];
    const permission = op.needs[kind] ?? op.needs[op.primary]!;
    const resourceKind = op.needs[kind] ? kind : op.primary;
    const resourceName = resourceKind === 'topic' ? ctx.topic : resourceKind === 'group' ? ctx.group : undefined;
    if (auth.kind === 'iam') {
      const resource = mskResourceArn(resourceKind, arnSourceOf(ctx.spec), resourceName);
      // One sentence names the action and the resource; the hint does not repeat the ARN.
      return new KafkaUserError(
        `Not authorized to ${doing}: the IAM identity of ${ctx.spec.label} needs ${permission.iam} on ${resource}.`,
        {
          code: 'Authorization',
          hint: `Allow it in the IAM policy of the role or user this connection signs in with (Copy IAM Policy Statement puts a ready statement on the clipboard)${ctx.spec.clusterArn ? '' : '; fill in the cluster name, id and account from the cluster ARN'}.`,
          iamAction: permission.iam,
          iamResource: resource,
          actions: [copyIamPolicyAction(permission.iam, resource)],
          cause: err,
        },
      );
    }
    const acl = `${permission.acl}${resourceName !== undefined ? `:${resourceName}` : resourceKind === 'cluster' ? '' : ' (all)'}`;
    return new KafkaUserError(
      `Not authorized to ${doing}: the Kafka principal of ${ctx.spec.label} lacks the ACL ${acl}.`,
      {
        code: 'Authorization',
        hint: `Ask a cluster administrator to grant ${acl} to this connection's principal (kafka-acls --add --operation ${permission.acl.split(' ')[0]}).`,
        aclOperation: acl,
        cause: err,
      },
    );
  }

  // TLS problems (checked before plain connection errors: both arrive as KafkaJSConnectionError).
  const tlsResult = tlsError(chain, ctx, err);
  if (tlsResult) return tlsResult;

  // SASL authentication refused.
  const sasl = first(
    chain,
    (e) => e.name === 'KafkaJSSASLAuthenticationError' || (typeof e.type === 'string' && SASL_TYPES.has(e.type)),
  );
  if (sasl) return saslError(sasl, chain, ctx, err);

  // Connection problems.
  const conn = first(
    chain,
    (e) =>
      e.name === 'KafkaJSConnectionError' ||
      e.name === 'KafkaJSConnectionClosedError' ||
      codeOf(e) in CONNECT_CODES ||
      e.name === 'KafkaJSNoBrokerAvailableError' ||
      e.name === 'KafkaJSBrokerNotFound',
  );
  if (conn) return connectionError(conn, chain, ctx, err);

  const timeout = first(
    chain,
    (e) => e.name === 'KafkaJSRequestTimeoutError' || e.name === 'KafkaJSTimeout' || e.type === 'REQUEST_TIMED_OUT',
  );
  if (timeout) {
    return new KafkaUserError(`${ctx.spec.label} did not answer in time while trying to ${doing}.`, {
      code: 'Timeout',
      hint: 'The cluster may be overloaded or a broker may be down; try again. Through a tunnel, check the tunnel is still open.',
      cause: err,
    });
  }

  const protocol = first(chain, (e) => typeof e.type === 'string' && e.type !== 'UNKNOWN');
  if (protocol) {
    const mapped = protocolError(protocol, ctx, err);
    if (mapped) return mapped;
  }

  const detail = deepestMessage(chain);
  return new KafkaUserError(`Could not ${doing} on ${ctx.spec.label}: ${detail}`, {
    code: 'Unknown',
    hint: 'See the "Amazon MSK" output channel for details.',
    cause: err,
  });
}

function deepestMessage(chain: ErrorLike[]): string {
  // The innermost error usually says what really happened; kafkajs wrappers repeat it.
  for (let i = chain.length - 1; i >= 0; i--) {
    const m = msgOf(chain[i]);
    if (m) return scrubLogText(m);
  }
  return 'unknown error';
}
