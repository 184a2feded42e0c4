/** Refused authentication (SASL) and brokers that cannot be reached or hang up. */
import { usesTls } from '../connection';
import { mskResourceArn } from '../../shared/arn';
import { addressText, brokerOf, codeOf, first, msgOf, PORT_HINT, TUNNEL_HINT, type ErrorLike } from './chain';
import { KafkaUserError, type KafkaErrorContext } from './kafkaUserError';
import { arnSourceOf } from './operations';

export const SASL_TYPES = new Set(['SASL_AUTHENTICATION_FAILED', 'ILLEGAL_SASL_STATE', 'UNSUPPORTED_SASL_MECHANISM']);
/** Socket error codes of a connection that failed, as the words after "The broker … ". */
export const CONNECT_CODES: Record<string, string> = {
  ECONNREFUSED: 'refused the connection (nothing is listening there)',
  ENOTFOUND: 'does not resolve (unknown host name)',
  EAI_AGAIN: 'could not be resolved (DNS did not answer)',
  ETIMEDOUT: 'did not answer in time',
  EHOSTUNREACH: 'is not reachable from this network',
  ENETUNREACH: 'is not reachable from this network',
  ECONNRESET: 'reset the connection',
  EPIPE: 'closed the connection',
};

/** Codes of an address that never answers (as a private broker address does from outside its VPC). */
const SILENT_CODES = new Set(['ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH']);

export function saslError(sasl: ErrorLike, chain: ErrorLike[], ctx: KafkaErrorContext, cause: unknown): KafkaUserError {
  const auth = ctx.spec.auth;
  const broker = brokerOf(chain);
  const where = broker ? ` at ${addressText(broker, ctx)}` : '';
  const text = msgOf(sasl);
  if (sasl.type === 'UNSUPPORTED_SASL_MECHANISM' || /mechanism is not supported/i.test(text)) {
    const mech =
      auth.kind === 'iam' ? 'IAM (SASL/OAUTHBEARER)' : auth.kind === 'scram' ? auth.mechanism.toUpperCase() : 'SASL';
    return new KafkaUserError(`The listener${where} does not accept ${mech} authentication.`, {
      code: 'Authentication',
      hint: `Use the bootstrap port of the listener for this auth kind. ${PORT_HINT}`,
      cause,
    });
  }
  if (auth.kind === 'iam') {
    const clusterArn = mskResourceArn('cluster', arnSourceOf(ctx.spec));
    return new KafkaUserError(`${ctx.spec.label}${where} refused the IAM sign-in.`, {
      code: 'Authentication',
      hint: `Check the AWS credentials are valid and not expired, that the region "${auth.region}" is the cluster's region, and that the IAM policy allows kafka-cluster:Connect on ${clusterArn}.`,
      iamAction: 'kafka-cluster:Connect',
      iamResource: clusterArn,
      cause,
    });
  }
  if (auth.kind === 'scram') {
    return new KafkaUserError(`${ctx.spec.label}${where} refused the SCRAM credentials of user "${auth.username}".`, {
      code: 'Authentication',
      hint: `Check the user name and password and the mechanism (${auth.mechanism.toUpperCase()}). On MSK the secret must be in Secrets Manager, named with the AmazonMSK_ prefix and associated with the cluster.`,
      cause,
    });
  }
  return new KafkaUserError(`${ctx.spec.label}${where} refused the authentication.`, {
    code: 'Authentication',
    hint: 'Check that the auth kind of this connection matches the listener of the bootstrap port.',
    cause,
  });
}

export function connectionError(
  conn: ErrorLike,
  chain: ErrorLike[],
  ctx: KafkaErrorContext,
  cause: unknown,
): KafkaUserError {
  const broker = brokerOf(chain);
  const code = codeOf(first(chain, (e) => codeOf(e) in CONNECT_CODES) ?? conn);
  const bootstrap = ctx.spec.bootstrapServers;
  const isBootstrap = !broker || bootstrap.some((b) => b.trim().toLowerCase() === broker.toLowerCase());
  const closed = chain.some((e) => e.name === 'KafkaJSConnectionClosedError' || /closed connection/i.test(msgOf(e)));
  const timedOut = chain.some((e) => /connection timeout/i.test(msgOf(e)));
  const what =
    CONNECT_CODES[code] ??
    (timedOut ? 'did not answer in time' : closed ? 'closed the connection' : 'could not be reached');
  const tried = bootstrap.map((b) => addressText(b, ctx)).join(', ');

  if (closed && !CONNECT_CODES[code]) {
    // The port answered but hung up: usually a TLS or auth mismatch rather than a network problem.
    const hint = !usesTls(ctx.spec)
      ? `If this port expects TLS, turn TLS on for the connection; if it expects authentication, pick the matching auth kind. ${PORT_HINT}`
      : `Check the auth kind matches the listener of this port. ${PORT_HINT}`;
    return new KafkaUserError(`The broker at ${broker ? addressText(broker, ctx) : tried} closed the connection.`, {
      code: 'Unreachable',
      hint,
      addresses: broker ? [broker] : [...bootstrap],
      cause,
    });
  }
  // Buttons the services attached to the connection (Diagnose Connection, the tunnel settings).
  const actions = ctx.spec.unreachableActions ?? [];
  if (!isBootstrap && broker) {
    return new KafkaUserError(
      `${ctx.spec.label} answered at its bootstrap address, but the broker it advertises at ${addressText(broker, ctx)} ${what}: that broker cannot be reached from this machine.`,
      {
        code: 'Unreachable',
        hint: `Clients must reach every broker at the address the cluster advertises. ${TUNNEL_HINT}`,
        addresses: [broker],
        actions,
        cause,
      },
    );
  }
  const failed = broker ? addressText(broker, ctx) : undefined;
  return new KafkaUserError(
    `Could not reach ${ctx.spec.label}: ${failed ? `${failed} ${what}` : `no bootstrap broker answered`} (tried ${tried}). Its brokers cannot be reached from this machine.`,
    {
      code: 'Unreachable',
      // No answer at all (time-out, no route): the usual private-VPC case, so the tunnel comes first.
      hint:
        SILENT_CODES.has(code) || (timedOut && !CONNECT_CODES[code])
          ? `${TUNNEL_HINT} Otherwise check the bootstrap address and port. ${PORT_HINT}`
          : `Check the bootstrap address and port. ${PORT_HINT} ${TUNNEL_HINT}`,
      addresses: [...bootstrap],
      actions,
      cause,
    },
  );
}
