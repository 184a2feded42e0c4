/**
 * Turns kafkajs and network errors into errors people can act on: a message that stands on its own,
 * a `hint` with the next step, a stable `code`, and the original error as `cause`.
 *
 * No kafkajs runtime import: errors are recognised by their `name`/`type`/`code` fields (kafkajs
 * 2.2.4 src/errors.js, src/protocol/error.js), which also works across bundles.
 */
import { UserError } from '../shared/errors';
import { usesTls, type KafkaConnectionSpec } from './connection';
import { IAM_SIGNING_FAILED } from './iamToken';
import { scrubLogText } from './logging';
import { compileAddressMap, resolveAddress } from './socketFactory';

export type KafkaOperation =
  | 'connect'
  | 'describeCluster'
  | 'listTopics'
  | 'describeTopic'
  | 'createTopic'
  | 'deleteTopic'
  | 'describeTopicConfig'
  | 'alterTopicConfig'
  | 'produce'
  | 'consume'
  | 'listGroups'
  | 'describeGroup'
  | 'deleteGroup'
  | 'alterGroup';

export type KafkaErrorCode =
  | 'Authorization'
  | 'Authentication'
  | 'Credentials'
  | 'Unreachable'
  | 'Tls'
  | 'Timeout'
  | 'NotFound'
  | 'AlreadyExists'
  | 'InvalidRequest'
  | 'GroupNotEmpty'
  | 'Unknown';

export interface KafkaErrorContext {
  spec: Pick<KafkaConnectionSpec, 'label' | 'bootstrapServers' | 'auth' | 'tls' | 'addressMap' | 'clusterArn'>;
  operation: KafkaOperation;
  topic?: string;
  group?: string;
}

export interface KafkaUserErrorOptions {
  code: KafkaErrorCode;
  hint?: string;
  cause?: unknown;
  /** For authorization errors on IAM connections: the missing action, e.g. kafka-cluster:CreateTopic. */
  iamAction?: string;
  /** …and the resource ARN it is needed on. */
  iamResource?: string;
  /** For authorization errors on other connections: the missing Kafka ACL, e.g. "CREATE on Topic:orders". */
  aclOperation?: string;
  /** Broker addresses involved (unreachable / TLS errors). */
  addresses?: string[];
}

export class KafkaUserError extends UserError {
  declare readonly code: KafkaErrorCode;
  readonly iamAction?: string;
  readonly iamResource?: string;
  readonly aclOperation?: string;
  readonly addresses?: string[];

  constructor(message: string, options: KafkaUserErrorOptions) {
    super(message, { hint: options.hint, cause: options.cause, code: options.code });
    this.name = 'KafkaUserError';
    this.iamAction = options.iamAction;
    this.iamResource = options.iamResource;
    this.aclOperation = options.aclOperation;
    this.addresses = options.addresses;
  }
}

/** Duck-typed check, safe across bundles (the Kafka layer is its own bundle). */
export function isKafkaUserError(err: unknown): err is KafkaUserError {
  return err instanceof Error && err.name === 'KafkaUserError' && typeof (err as { code?: unknown }).code === 'string';
}

// ---------------------------------------------------------------------------------------------
// What each operation needs

type ResourceKind = 'cluster' | 'topic' | 'group';
interface Permission {
  iam: string;
  acl: string;
}
interface OperationInfo {
  text: (ctx: KafkaErrorContext) => string;
  primary: ResourceKind;
  needs: Partial<Record<ResourceKind, Permission>>;
}

const q = (s: string | undefined, fallback: string): string => (s === undefined ? fallback : `"${s}"`);

const OPERATIONS: Record<KafkaOperation, OperationInfo> = {
  connect: {
    text: () => 'connect to the cluster',
    primary: 'cluster',
    needs: { cluster: { iam: 'kafka-cluster:Connect', acl: 'DESCRIBE on Cluster' } },
  },
  describeCluster: {
    text: () => 'describe the cluster',
    primary: 'cluster',
    needs: { cluster: { iam: 'kafka-cluster:DescribeCluster', acl: 'DESCRIBE on Cluster' } },
  },
  listTopics: {
    text: () => 'list topics',
    primary: 'topic',
    needs: { topic: { iam: 'kafka-cluster:DescribeTopic', acl: 'DESCRIBE on Topic' } },
  },
  describeTopic: {
    text: (c) => `describe topic ${q(c.topic, '')}`.trim(),
    primary: 'topic',
    needs: { topic: { iam: 'kafka-cluster:DescribeTopic', acl: 'DESCRIBE on Topic' } },
  },
  createTopic: {
    text: (c) => `create topic ${q(c.topic, '')}`.trim(),
    primary: 'topic',
    needs: {
      topic: { iam: 'kafka-cluster:CreateTopic', acl: 'CREATE on Topic' },
      cluster: { iam: 'kafka-cluster:CreateTopic', acl: 'CREATE on Cluster' },
    },
  },
  deleteTopic: {
    text: (c) => `delete topic ${q(c.topic, '')}`.trim(),
    primary: 'topic',
    needs: { topic: { iam: 'kafka-cluster:DeleteTopic', acl: 'DELETE on Topic' } },
  },
  describeTopicConfig: {
    text: (c) => `read the configuration of topic ${q(c.topic, '')}`.trim(),
    primary: 'topic',
    needs: { topic: { iam: 'kafka-cluster:DescribeTopicDynamicConfiguration', acl: 'DESCRIBE_CONFIGS on Topic' } },
  },
  alterTopicConfig: {
    text: (c) => `change the configuration of topic ${q(c.topic, '')}`.trim(),
    primary: 'topic',
    needs: { topic: { iam: 'kafka-cluster:AlterTopicDynamicConfiguration', acl: 'ALTER_CONFIGS on Topic' } },
  },
  produce: {
    text: (c) => `write to topic ${q(c.topic, '')}`.trim(),
    primary: 'topic',
    needs: {
      topic: { iam: 'kafka-cluster:WriteData', acl: 'WRITE on Topic' },
      cluster: { iam: 'kafka-cluster:WriteDataIdempotently', acl: 'IDEMPOTENT_WRITE on Cluster' },
    },
  },
  consume: {
    text: (c) => `read from topic ${q(c.topic, '')}`.trim(),
    primary: 'topic',
    needs: {
      topic: { iam: 'kafka-cluster:ReadData', acl: 'READ on Topic' },
      group: { iam: 'kafka-cluster:AlterGroup', acl: 'READ on Group' },
    },
  },
  listGroups: {
    text: () => 'list consumer groups',
    primary: 'group',
    needs: {
      group: { iam: 'kafka-cluster:DescribeGroup', acl: 'DESCRIBE on Group' },
      cluster: { iam: 'kafka-cluster:DescribeCluster', acl: 'DESCRIBE on Cluster' },
    },
  },
  describeGroup: {
    text: (c) => `describe consumer group ${q(c.group, '')}`.trim(),
    primary: 'group',
    needs: { group: { iam: 'kafka-cluster:DescribeGroup', acl: 'DESCRIBE on Group' } },
  },
  deleteGroup: {
    text: (c) => `delete consumer group ${q(c.group, '')}`.trim(),
    primary: 'group',
    needs: { group: { iam: 'kafka-cluster:DeleteGroup', acl: 'DELETE on Group' } },
  },
  alterGroup: {
    text: (c) => `change consumer group ${q(c.group, '')}`.trim(),
    primary: 'group',
    needs: { group: { iam: 'kafka-cluster:AlterGroup', acl: 'READ on Group' } },
  },
};

// ---------------------------------------------------------------------------------------------
// MSK IAM resource ARNs

interface ClusterArnParts {
  partition: string;
  region: string;
  account: string;
  name: string;
  uuid: string;
}

export function parseClusterArn(arn: string): ClusterArnParts | undefined {
  const m = /^arn:([^:]+):kafka:([^:]+):([^:]+):cluster\/([^/]+)\/([^/]+)$/.exec(arn.trim());
  if (!m) return undefined;
  return { partition: m[1], region: m[2], account: m[3], name: m[4], uuid: m[5] };
}

/** The MSK IAM resource ARN for a cluster, topic or group (placeholders where the cluster ARN is unknown). */
export function mskResourceArn(
  kind: ResourceKind,
  spec: Pick<KafkaConnectionSpec, 'auth' | 'clusterArn'>,
  name?: string,
): string {
  const parsed = spec.clusterArn ? parseClusterArn(spec.clusterArn) : undefined;
  const region = parsed?.region ?? (spec.auth.kind === 'iam' ? spec.auth.region : '<region>');
  const p: ClusterArnParts = parsed ?? {
    partition: 'aws',
    region,
    account: '<account-id>',
    name: '<cluster-name>',
    uuid: '<cluster-uuid>',
  };
  const prefix = `arn:${p.partition}:kafka:${p.region}:${p.account}`;
  if (kind === 'cluster')
    return spec.clusterArn && parsed ? spec.clusterArn.trim() : `${prefix}:cluster/${p.name}/${p.uuid}`;
  return `${prefix}:${kind}/${p.name}/${p.uuid}/${name ?? '*'}`;
}

// ---------------------------------------------------------------------------------------------
// Walking kafkajs error chains

interface ErrorLike {
  name?: string;
  message?: string;
  type?: string;
  code?: string | number;
  broker?: string;
  host?: string;
  cause?: unknown;
  errors?: unknown[];
  groups?: { error?: unknown }[];
}

/** The error and everything under it (cause chains, aggregate members), breadth-first. */
export function flattenErrorChain(err: unknown): ErrorLike[] {
  const out: ErrorLike[] = [];
  const queue: unknown[] = [err];
  const seen = new Set<unknown>();
  while (queue.length && out.length < 50) {
    const e = queue.shift();
    if (e === null || e === undefined || typeof e !== 'object' || seen.has(e)) continue;
    seen.add(e);
    const el = e as ErrorLike;
    out.push(el);
    if (el.cause !== undefined) queue.push(el.cause);
    if (Array.isArray(el.errors)) queue.push(...el.errors);
    if (Array.isArray(el.groups)) for (const g of el.groups) if (g && typeof g === 'object') queue.push(g.error);
  }
  return out;
}

/**
 * Whether a broker answered that it does not know a topic or partition (e.g. a topic deleted
 * meanwhile), anywhere in the error chain (kafkajs links retried errors through `cause`, e.g.
 * KafkaJSNumberOfRetriesExceeded → KafkaJSProtocolError).
 */
export function isUnknownTopicError(err: unknown): boolean {
  return flattenErrorChain(err).some(
    (e) =>
      e.type === 'UNKNOWN_TOPIC_OR_PARTITION' ||
      (typeof e.message === 'string' && e.message.includes('does not host this topic-partition')),
  );
}

const AUTHZ_TYPES: Record<string, ResourceKind> = {
  TOPIC_AUTHORIZATION_FAILED: 'topic',
  GROUP_AUTHORIZATION_FAILED: 'group',
  CLUSTER_AUTHORIZATION_FAILED: 'cluster',
  TRANSACTIONAL_ID_AUTHORIZATION_FAILED: 'cluster',
};
const SASL_TYPES = new Set(['SASL_AUTHENTICATION_FAILED', 'ILLEGAL_SASL_STATE', 'UNSUPPORTED_SASL_MECHANISM']);
const CA_CODES = new Set([
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_UNTRUSTED',
  'CERT_SIGNATURE_FAILURE',
  'CERT_CHAIN_TOO_LONG',
]);
const EXPIRY_CODES = new Set(['CERT_HAS_EXPIRED', 'CERT_NOT_YET_VALID']);
const CLIENT_CERT_REFUSED =
  /ALERT_(CERTIFICATE_REQUIRED|BAD_CERTIFICATE|UNKNOWN_CA|CERTIFICATE_UNKNOWN|ACCESS_DENIED|HANDSHAKE_FAILURE|CERTIFICATE_EXPIRED)/;
const CONNECT_CODES: Record<string, string> = {
  ECONNREFUSED: 'refused the connection (nothing is listening there)',
  ENOTFOUND: 'does not resolve (unknown host name)',
  EAI_AGAIN: 'could not be resolved (DNS did not answer)',
  ETIMEDOUT: 'did not answer in time',
  EHOSTUNREACH: 'is not reachable from this network',
  ENETUNREACH: 'is not reachable from this network',
  ECONNRESET: 'reset the connection',
  EPIPE: 'closed the connection',
};

const first = (chain: ErrorLike[], pred: (e: ErrorLike) => boolean): ErrorLike | undefined => chain.find(pred);
const codeOf = (e: ErrorLike): string => (typeof e.code === 'string' ? e.code : '');
const msgOf = (e: ErrorLike): string => (typeof e.message === 'string' ? e.message : '');

/** The broker address an error names, with its tunnel target when the address map rewrote it. */
function addressText(address: string, ctx: KafkaErrorContext): string {
  const m = /^(.*):(\d+)$/.exec(address);
  if (!m || !ctx.spec.addressMap) return address;
  try {
    const target = resolveAddress(compileAddressMap(ctx.spec.addressMap), m[1], Number(m[2]));
    const local = `${target.host}:${target.port}`;
    return local === address ? address : `${address} (mapped to ${local})`;
  } catch {
    return address;
  }
}

const TUNNEL_HINT =
  'MSK brokers are reachable only inside their VPC unless public access is turned on for the cluster; from elsewhere, open an SSH or SSM tunnel and add an address map entry from each advertised broker address ("host:port") to its local tunnel port.';
const PORT_HINT =
  'MSK listener ports: 9092 plaintext, 9094 TLS, 9096 SASL/SCRAM, 9098 IAM (with public access: 9194, 9196, 9198).';

// ---------------------------------------------------------------------------------------------

/** Maps any error thrown while talking to Kafka to a KafkaUserError (returned, not thrown). */
export function toKafkaUserError(err: unknown, ctx: KafkaErrorContext): KafkaUserError {
  if (isKafkaUserError(err)) return err;
  const chain = flattenErrorChain(err);
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
      const resource = mskResourceArn(resourceKind, ctx.spec, resourceName);
      return new KafkaUserError(
        `Not authorized to ${doing}: the IAM identity of ${ctx.spec.label} needs ${permission.iam} on ${resource}.`,
        {
          code: 'Authorization',
          hint: `Allow "${permission.iam}" on "${resource}" in the IAM policy of the role or user this connection signs in with${ctx.spec.clusterArn ? '' : ' (fill in the cluster name, id and account from the cluster ARN)'}.`,
          iamAction: permission.iam,
          iamResource: resource,
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

function tlsError(chain: ErrorLike[], ctx: KafkaErrorContext, cause: unknown): KafkaUserError | undefined {
  const broker = first(chain, (e) => typeof e.broker === 'string')?.broker;
  const where = broker ? addressText(broker, ctx) : ctx.spec.bootstrapServers.join(', ');
  const addresses = broker ? [broker] : [...ctx.spec.bootstrapServers];

  const altname = first(
    chain,
    (e) => codeOf(e) === 'ERR_TLS_CERT_ALTNAME_INVALID' || /does not match certificate's altnames/i.test(msgOf(e)),
  );
  if (altname) {
    const m = /Host: ([^\s]+?)\.? is not in the cert's altnames: (.*)$/i.exec(msgOf(altname));
    const ip = /IP: ([^\s]+) is not in the cert's list: (.*)$/i.exec(msgOf(altname));
    const name = m?.[1] ?? ip?.[1] ?? (broker ? broker.replace(/:\d+$/, '') : 'the broker');
    const names = (m?.[2] ?? ip?.[2] ?? '').trim();
    return new KafkaUserError(
      `The TLS certificate of the broker at ${where} is not valid for the name "${name}"${names ? ` (it is valid for ${names})` : ''}.`,
      {
        code: 'Tls',
        hint: 'Connect with a name the certificate lists. Through a tunnel, keep the real broker addresses in the bootstrap list and add an address map to the local tunnel ports, so the name check uses the real names.',
        addresses,
        cause,
      },
    );
  }
  const ca = first(chain, (e) => CA_CODES.has(codeOf(e)));
  if (ca) {
    return new KafkaUserError(
      `The TLS certificate of the broker at ${where} is not signed by a certificate authority this connection trusts (${codeOf(ca)}).`,
      {
        code: 'Tls',
        hint: ctx.spec.addressMap
          ? 'Set the CA certificate (PEM) that signed the broker certificates in the connection settings.'
          : 'Set the CA certificate (PEM) that signed the broker certificates in the connection settings. MSK-managed certificates are trusted by default; a private CA or a local broker needs its CA set.',
        addresses,
        cause,
      },
    );
  }
  const expired = first(chain, (e) => EXPIRY_CODES.has(codeOf(e)));
  if (expired) {
    return new KafkaUserError(
      `The TLS certificate of the broker at ${where} ${codeOf(expired) === 'CERT_HAS_EXPIRED' ? 'has expired' : 'is not valid yet'}.`,
      {
        code: 'Tls',
        hint: "Check this computer's clock, or ask the cluster owner to renew the certificate.",
        addresses,
        cause,
      },
    );
  }
  // The TLS alert the broker sent, from the Node error code or (in kafkajs wrappers) the message.
  const alertOf = (e: ErrorLike): string | undefined =>
    CLIENT_CERT_REFUSED.exec(codeOf(e))?.[1] ??
    CLIENT_CERT_REFUSED.exec(msgOf(e).toUpperCase().replace(/ /g, '_'))?.[1];
  const alert = chain.map(alertOf).find((a) => a !== undefined);
  if (alert && (ctx.spec.auth.kind === 'mtls' || /CERTIFICATE_REQUIRED|BAD_CERTIFICATE|UNKNOWN_CA/.test(alert))) {
    return new KafkaUserError(
      ctx.spec.auth.kind === 'mtls'
        ? `The broker at ${where} refused the client certificate of ${ctx.spec.label}.`
        : `The broker at ${where} requires a client certificate (mutual TLS).`,
      {
        code: 'Authentication',
        hint:
          ctx.spec.auth.kind === 'mtls'
            ? "Check the certificate is signed by a CA the cluster trusts (MSK: the cluster's AWS Private CA), has not expired, and matches the private key."
            : 'Use the mTLS auth kind with a client certificate and key, or the port of another listener.',
        addresses,
        cause,
      },
    );
  }
  const keyProblem = first(
    chain,
    (e) =>
      /^ERR_OSSL_(X509_KEY_VALUES_MISMATCH|PEM_|EVP_|ASN1_)/.test(codeOf(e)) ||
      /PEM routines|key values mismatch/i.test(msgOf(e)),
  );
  if (keyProblem) {
    return new KafkaUserError(
      `The client certificate or key of ${ctx.spec.label} cannot be used: ${scrubLogText(msgOf(keyProblem))}.`,
      {
        code: 'Tls',
        hint: 'Paste the PEM certificate ("-----BEGIN CERTIFICATE-----") and its matching unencrypted PEM private key.',
        cause,
      },
    );
  }
  const wrongProtocol = first(
    chain,
    (e) =>
      codeOf(e) === 'ERR_SSL_WRONG_VERSION_NUMBER' ||
      /wrong version number|packet length too long|unknown protocol/i.test(msgOf(e)),
  );
  if (wrongProtocol) {
    return new KafkaUserError(`The broker at ${where} does not speak TLS on this port.`, {
      code: 'Tls',
      hint: `Turn TLS off for this connection, or use the broker's TLS port. ${PORT_HINT}`,
      addresses,
      cause,
    });
  }
  const disconnected = first(chain, (e) => /socket disconnected before secure TLS connection/i.test(msgOf(e)));
  if (disconnected && usesTls(ctx.spec)) {
    return new KafkaUserError(`The broker at ${where} closed the connection during the TLS handshake.`, {
      code: 'Tls',
      hint: `The port may not be a TLS listener, or it may require a client certificate. ${PORT_HINT}`,
      addresses,
      cause,
    });
  }
  return undefined;
}

function saslError(sasl: ErrorLike, chain: ErrorLike[], ctx: KafkaErrorContext, cause: unknown): KafkaUserError {
  const auth = ctx.spec.auth;
  const broker = first(chain, (e) => typeof e.broker === 'string')?.broker;
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
    const clusterArn = mskResourceArn('cluster', ctx.spec);
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

function connectionError(conn: ErrorLike, chain: ErrorLike[], ctx: KafkaErrorContext, cause: unknown): KafkaUserError {
  const broker = first(chain, (e) => typeof e.broker === 'string')?.broker;
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
  if (!isBootstrap && broker) {
    return new KafkaUserError(
      `${ctx.spec.label} answered at its bootstrap address, but the broker it advertises at ${addressText(broker, ctx)} ${what}.`,
      {
        code: 'Unreachable',
        hint: `Clients must reach every broker at the address the cluster advertises. ${TUNNEL_HINT}`,
        addresses: [broker],
        cause,
      },
    );
  }
  const failed = broker ? addressText(broker, ctx) : undefined;
  return new KafkaUserError(
    `Could not reach ${ctx.spec.label}: ${failed ? `${failed} ${what}` : `no bootstrap broker answered`} (tried ${tried}).`,
    {
      code: 'Unreachable',
      hint: `Check the bootstrap address and port. ${PORT_HINT} ${TUNNEL_HINT}`,
      addresses: [...bootstrap],
      cause,
    },
  );
}

function protocolError(e: ErrorLike, ctx: KafkaErrorContext, cause: unknown): KafkaUserError | undefined {
  const detail = scrubLogText(msgOf(e));
  switch (e.type) {
    case 'UNKNOWN_TOPIC_OR_PARTITION':
      return new KafkaUserError(
        `${ctx.topic ? `Topic "${ctx.topic}"` : 'The topic'} does not exist on ${ctx.spec.label}.`,
        {
          code: 'NotFound',
          hint: 'Refresh the topic list: it may have been deleted.',
          cause,
        },
      );
    case 'TOPIC_ALREADY_EXISTS':
      return new KafkaUserError(`Topic ${q(ctx.topic, '')} already exists on ${ctx.spec.label}.`, {
        code: 'AlreadyExists',
        hint: 'Choose another name, or refresh the topic list.',
        cause,
      });
    case 'GROUP_ID_NOT_FOUND':
      return new KafkaUserError(`Consumer group ${q(ctx.group, '')} does not exist on ${ctx.spec.label}.`, {
        code: 'NotFound',
        hint: 'Refresh the consumer group list.',
        cause,
      });
    case 'NON_EMPTY_GROUP':
      return new KafkaUserError(`Consumer group ${q(ctx.group, '')} still has active members.`, {
        code: 'GroupNotEmpty',
        hint: 'Stop the consumers of this group, wait for their session to end, then try again.',
        cause,
      });
    case 'TOPIC_DELETION_DISABLED':
      return new KafkaUserError(`Topic deletion is disabled on ${ctx.spec.label}.`, {
        code: 'InvalidRequest',
        hint: 'The cluster sets delete.topic.enable=false; ask its administrator.',
        cause,
      });
    case 'INVALID_REPLICATION_FACTOR':
    case 'INVALID_PARTITIONS':
    case 'INVALID_CONFIG':
    case 'INVALID_TOPIC_EXCEPTION':
    case 'POLICY_VIOLATION':
    case 'INVALID_REQUEST':
    case 'INVALID_REPLICA_ASSIGNMENT':
      return new KafkaUserError(
        `The cluster rejected the request to ${OPERATIONS[ctx.operation].text(ctx)}: ${detail}`,
        {
          code: 'InvalidRequest',
          hint: 'Fix the values and try again.',
          cause,
        },
      );
    default:
      return undefined;
  }
}
