import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import * as kafkajs from 'kafkajs';
import {
  KafkaJSAggregateError,
  KafkaJSConnectionError,
  KafkaJSDeleteGroupsError,
  KafkaJSNonRetriableError,
  KafkaJSNumberOfRetriesExceeded,
  KafkaJSProtocolError,
  KafkaJSRequestTimeoutError,
  KafkaJSSASLAuthenticationError,
} from 'kafkajs';
import type { KafkaConnectionSpec } from '../../../src/kafka/connection';
import { isKafkaUserError, KafkaUserError, toKafkaUserError, type KafkaErrorContext } from '../../../src/kafka/errors';
import { mskResourceArn } from '../../../src/shared/arn';
import { presentError } from '../../../src/shared/errorPresentation';
import { isUserError, UserError } from '../../../src/shared/errors';
import { MskIamCredentialsError } from '../../../src/kafka/iamToken';

/** A protocol error exactly as kafkajs' createErrorFromCode builds it (src/protocol/error.js). */
function protocolError(type: string, code: number, message: string): KafkaJSProtocolError {
  return new KafkaJSProtocolError(Object.assign(new Error(message), { type, code, retriable: false }));
}
const topicAuthz = () =>
  protocolError('TOPIC_AUTHORIZATION_FAILED', 29, 'Not authorized to access topics: [Topic authorization failed]');
const groupAuthz = () =>
  protocolError('GROUP_AUTHORIZATION_FAILED', 30, 'Not authorized to access group: Group authorization failed');

/** kafkajs' SASL error (its typings declare a no-argument constructor; the class takes a message). */
function saslError(message: string): Error {
  return new (KafkaJSSASLAuthenticationError as unknown as new (m: string) => Error)(message);
}

/** How kafkajs' retrier wraps a non-retriable failure (src/retry/index.js): cause = e.cause || e. */
function nonRetriable(e: Error): Error {
  const Ctor = KafkaJSNonRetriableError as unknown as new (e: Error, meta: { cause: unknown }) => Error;
  return new Ctor(e, { cause: (e as { cause?: unknown }).cause ?? e });
}

/** kafkajs' create-topic failure shape: an aggregate of KafkaJSCreateTopicError (not in its typings). */
function createTopicFailure(inner: KafkaJSProtocolError, topic: string): Error {
  const CreateTopicError = (kafkajs as unknown as Record<string, new (e: Error, topic: string) => Error>)
    .KafkaJSCreateTopicError;
  return new KafkaJSAggregateError('Topic creation errors', [new CreateTopicError(inner, topic)]);
}

const CLUSTER_ARN = 'arn:aws:kafka:eu-west-1:123456789012:cluster/dev-cluster/abcd-1234-5';
const iamSpec: KafkaErrorContext['spec'] = {
  label: 'dev-cluster',
  bootstrapServers: ['b-1.dev.kafka.eu-west-1.amazonaws.com:9098', 'b-2.dev.kafka.eu-west-1.amazonaws.com:9098'],
  auth: { kind: 'iam', region: 'eu-west-1', credentials: () => Promise.reject(new Error('unused')) },
  tls: true,
  clusterArn: CLUSTER_ARN,
};
const scramSpec: KafkaErrorContext['spec'] = {
  label: 'onprem',
  bootstrapServers: ['kafka1:9096'],
  auth: { kind: 'scram', mechanism: 'scram-sha-512', username: 'alice', password: () => Promise.resolve('hunter2') },
  tls: true,
};
const plainSpec: KafkaErrorContext['spec'] = {
  label: 'local',
  bootstrapServers: ['127.0.0.1:1', '127.0.0.1:2'],
  auth: { kind: 'plaintext' },
  tls: false,
};

describe('authorization errors', () => {
  it('create topic refused on IAM names kafka-cluster:CreateTopic and the topic ARN', () => {
    const err = nonRetriable(createTopicFailure(topicAuthz(), 'orders'));
    const mapped = toKafkaUserError(err, { spec: iamSpec, operation: 'createTopic', topic: 'orders' });
    const arn = 'arn:aws:kafka:eu-west-1:123456789012:topic/dev-cluster/abcd-1234-5/orders';
    assert.equal(mapped.code, 'Authorization');
    assert.equal(mapped.iamAction, 'kafka-cluster:CreateTopic');
    assert.equal(mapped.iamResource, arn);
    assert.match(mapped.message, /Not authorized to create topic "orders"/);
    assert.ok(mapped.message.includes(`kafka-cluster:CreateTopic on ${arn}`), mapped.message);
    const shown = presentError(mapped);
    assert.equal(shown.text.split(arn).length - 1, 1, `the ARN once, not twice: ${shown.text}`);
    const copy = mapped.actions.find((a) => a.title === 'Copy IAM Policy Statement');
    assert.equal(copy?.command, 'msk.copyIamPolicyStatement');
    assert.deepEqual(JSON.parse(String(copy?.args?.[0])), {
      Effect: 'Allow',
      Action: ['kafka-cluster:CreateTopic'],
      Resource: [arn],
    });
    assert.equal(mapped.cause, err, 'the original error stays as cause');
  });

  it('maps each operation to its MSK IAM action', () => {
    const cases: [KafkaErrorContext['operation'], Error, string, string][] = [
      ['describeTopic', topicAuthz(), 'kafka-cluster:DescribeTopic', 'topic/dev-cluster/abcd-1234-5/t'],
      ['produce', topicAuthz(), 'kafka-cluster:WriteData', 'topic/dev-cluster/abcd-1234-5/t'],
      ['consume', topicAuthz(), 'kafka-cluster:ReadData', 'topic/dev-cluster/abcd-1234-5/t'],
      ['consume', groupAuthz(), 'kafka-cluster:AlterGroup', 'group/dev-cluster/abcd-1234-5/g'],
      ['describeGroup', groupAuthz(), 'kafka-cluster:DescribeGroup', 'group/dev-cluster/abcd-1234-5/g'],
      ['deleteGroup', groupAuthz(), 'kafka-cluster:DeleteGroup', 'group/dev-cluster/abcd-1234-5/g'],
      ['alterGroup', groupAuthz(), 'kafka-cluster:AlterGroup', 'group/dev-cluster/abcd-1234-5/g'],
      ['deleteTopic', topicAuthz(), 'kafka-cluster:DeleteTopic', 'topic/dev-cluster/abcd-1234-5/t'],
      [
        'alterTopicConfig',
        topicAuthz(),
        'kafka-cluster:AlterTopicDynamicConfiguration',
        'topic/dev-cluster/abcd-1234-5/t',
      ],
      [
        'connect',
        protocolError('CLUSTER_AUTHORIZATION_FAILED', 31, 'Cluster authorization failed'),
        'kafka-cluster:Connect',
        'cluster/dev-cluster/abcd-1234-5',
      ],
    ];
    for (const [operation, error, action, resource] of cases) {
      const mapped = toKafkaUserError(error, { spec: iamSpec, operation, topic: 't', group: 'g' });
      assert.equal(mapped.iamAction, action, operation);
      assert.equal(mapped.iamResource, `arn:aws:kafka:eu-west-1:123456789012:${resource}`, operation);
    }
  });

  it('uses placeholders in the ARN when the cluster ARN is unknown', () => {
    const mapped = toKafkaUserError(topicAuthz(), {
      spec: { ...iamSpec, clusterArn: undefined },
      operation: 'describeTopic',
      topic: 'x',
    });
    assert.equal(mapped.iamResource, 'arn:aws:kafka:eu-west-1:<account-id>:topic/<cluster-name>/<cluster-uuid>/x');
    assert.match(mapped.hint ?? '', /fill in the cluster name/);
  });

  it('names the missing Kafka ACL for non-IAM connections', () => {
    const mapped = toKafkaUserError(createTopicFailure(topicAuthz(), 'orders'), {
      spec: scramSpec,
      operation: 'createTopic',
      topic: 'orders',
    });
    assert.equal(mapped.code, 'Authorization');
    assert.equal(mapped.aclOperation, 'CREATE on Topic:orders');
    assert.equal(mapped.iamAction, undefined);
    assert.doesNotMatch(mapped.message, /kafka-cluster:/);
    const group = toKafkaUserError(groupAuthz(), { spec: scramSpec, operation: 'deleteGroup', group: 'g1' });
    assert.equal(group.aclOperation, 'DELETE on Group:g1');
  });

  it('finds authorization failures inside KafkaJSDeleteGroupsError', () => {
    const err = new KafkaJSDeleteGroupsError('Error in DeleteGroups', [
      { groupId: 'g', errorCode: 30, error: groupAuthz() },
    ]);
    assert.equal(
      toKafkaUserError(err, { spec: iamSpec, operation: 'deleteGroup', group: 'g' }).iamAction,
      'kafka-cluster:DeleteGroup',
    );
  });

  it('builds resource ARNs for every partition and kind', () => {
    const spec = { auth: iamSpec.auth, clusterArn: 'arn:aws-cn:kafka:cn-north-1:111:cluster/c/u-1' };
    assert.equal(mskResourceArn('cluster', spec), 'arn:aws-cn:kafka:cn-north-1:111:cluster/c/u-1');
    assert.equal(mskResourceArn('group', spec), 'arn:aws-cn:kafka:cn-north-1:111:group/c/u-1/*');
  });
});

describe('connection errors', () => {
  it('an unreachable bootstrap names the addresses tried and suggests public access or a tunnel', () => {
    const conn = new KafkaJSConnectionError('Connection error: connect ECONNREFUSED 127.0.0.1:1', {
      broker: '127.0.0.1:1',
      code: 'ECONNREFUSED',
    });
    const err = nonRetriable(new KafkaJSNumberOfRetriesExceeded(conn, { retryCount: 3, retryTime: 900 }));
    const mapped = toKafkaUserError(err, { spec: plainSpec, operation: 'connect' });
    assert.equal(mapped.code, 'Unreachable');
    assert.match(mapped.message, /Could not reach local: 127\.0\.0\.1:1 refused the connection/);
    assert.match(mapped.message, /tried 127\.0\.0\.1:1, 127\.0\.0\.1:2/);
    assert.match(mapped.hint ?? '', /public access/);
    assert.match(mapped.hint ?? '', /address map/);
    assert.deepEqual(mapped.addresses, ['127.0.0.1:1', '127.0.0.1:2']);
  });

  it('an unreachable advertised broker says the bootstrap worked and which address to map', () => {
    const err = new KafkaJSConnectionError(
      'Connection error: getaddrinfo ENOTFOUND b-3.dev.kafka.eu-west-1.amazonaws.com',
      {
        broker: 'b-3.dev.kafka.eu-west-1.amazonaws.com:9098',
        code: 'ENOTFOUND',
      },
    );
    const mapped = toKafkaUserError(err, { spec: iamSpec, operation: 'listTopics' });
    assert.equal(mapped.code, 'Unreachable');
    assert.match(
      mapped.message,
      /answered at its bootstrap address, but the broker it advertises at b-3\.dev\.kafka\.eu-west-1\.amazonaws\.com:9098 does not resolve/,
    );
    assert.match(mapped.hint ?? '', /address map/);
  });

  it('shows the tunnel target of a mapped address', () => {
    const err = new KafkaJSConnectionError('Connection timeout', { broker: 'b-1.dev:9098' });
    const mapped = toKafkaUserError(err, {
      spec: { ...iamSpec, bootstrapServers: ['b-1.dev:9098'], addressMap: { 'b-1.dev:9098': '127.0.0.1:19098' } },
      operation: 'connect',
    });
    assert.match(mapped.message, /b-1\.dev:9098 \(mapped to 127\.0\.0\.1:19098\) did not answer in time/);
  });

  it('a request timeout is a Timeout, not Unknown', () => {
    const err = new KafkaJSRequestTimeoutError('Request Metadata(key: 3, version: 6) timed out', {
      broker: 'b:1',
    } as never);
    assert.equal(toKafkaUserError(err, { spec: plainSpec, operation: 'listTopics' }).code, 'Timeout');
  });
});

describe('authentication and TLS errors', () => {
  it('SASL failures say the credentials were refused without echoing them', () => {
    const err = saslError(
      'SASL SCRAM SHA512 authentication failed: Authentication failed during authentication due to invalid credentials with SASL mechanism SCRAM-SHA-512',
    );
    const mapped = toKafkaUserError(nonRetriable(err), { spec: scramSpec, operation: 'connect' });
    assert.equal(mapped.code, 'Authentication');
    assert.match(mapped.message, /refused the SCRAM credentials of user "alice"/);
    assert.doesNotMatch(`${mapped.message} ${mapped.hint ?? ''}`, /hunter2/);
  });

  it('IAM sign-in refusals point at credentials, region and kafka-cluster:Connect', () => {
    const err = saslError('SASL OAUTHBEARER authentication failed: Access denied');
    const mapped = toKafkaUserError(err, { spec: iamSpec, operation: 'connect' });
    assert.equal(mapped.code, 'Authentication');
    assert.equal(mapped.iamAction, 'kafka-cluster:Connect');
    assert.match(mapped.hint ?? '', /region "eu-west-1"/);
    assert.ok(mapped.hint?.includes(CLUSTER_ARN));
  });

  it('a wrong mechanism for the port says so', () => {
    const err = saslError('SASL OAUTHBEARER mechanism is not supported by the server');
    const mapped = toKafkaUserError(err, { spec: iamSpec, operation: 'connect' });
    assert.match(mapped.message, /does not accept IAM \(SASL\/OAUTHBEARER\)/);
    assert.match(mapped.hint ?? '', /9098 IAM/);
  });

  it('IAM credential failures are Credentials errors', () => {
    const err = nonRetriable(
      new MskIamCredentialsError('Could not sign an MSK IAM token: The SSO session has expired', new Error('expired')),
    );
    const mapped = toKafkaUserError(err, { spec: iamSpec, operation: 'connect' });
    assert.equal(mapped.code, 'Credentials');
    assert.match(mapped.hint ?? '', /aws sso login/);
  });

  it('a certificate name mismatch names the name and what the certificate is for', () => {
    const err = new KafkaJSConnectionError(
      "Connection error: Hostname/IP does not match certificate's altnames: Host: wrong.example. is not in the cert's altnames: DNS:localhost, IP Address:127.0.0.1",
      { broker: 'wrong.example:9098', code: 'ERR_TLS_CERT_ALTNAME_INVALID' },
    );
    const mapped = toKafkaUserError(err, { spec: iamSpec, operation: 'connect' });
    assert.equal(mapped.code, 'Tls');
    assert.match(
      mapped.message,
      /not valid for the name "wrong\.example" \(it is valid for DNS:localhost, IP Address:127\.0\.0\.1\)/,
    );
  });

  it('an untrusted CA says to set the CA certificate', () => {
    const err = new KafkaJSConnectionError('Connection error: self-signed certificate in certificate chain', {
      broker: 'b-1:9094',
      code: 'SELF_SIGNED_CERT_IN_CHAIN',
    });
    const mapped = toKafkaUserError(err, { spec: { ...plainSpec, auth: { kind: 'tls' } }, operation: 'connect' });
    assert.equal(mapped.code, 'Tls');
    assert.match(mapped.message, /b-1:9094 is not signed by a certificate authority this connection trusts/);
    assert.match(mapped.hint ?? '', /CA certificate \(PEM\)/);
  });

  it('TLS to a plaintext port says the port does not speak TLS', () => {
    const err = new KafkaJSConnectionError('Connection error: ... SSL routines:ssl3_get_record:wrong version number', {
      broker: '127.0.0.1:9092',
      code: 'ERR_SSL_WRONG_VERSION_NUMBER',
    });
    assert.match(toKafkaUserError(err, { spec: iamSpec, operation: 'connect' }).message, /does not speak TLS/);
  });
});

describe('other protocol errors', () => {
  it('maps not found, already exists and non-empty group', () => {
    const unknown = protocolError('UNKNOWN_TOPIC_OR_PARTITION', 3, 'This server does not host this topic-partition');
    assert.equal(
      toKafkaUserError(unknown, { spec: plainSpec, operation: 'describeTopic', topic: 'x' }).code,
      'NotFound',
    );
    const exists = createTopicFailure(
      protocolError('TOPIC_ALREADY_EXISTS', 36, 'Topic with this name already exists'),
      'x',
    );
    assert.equal(
      toKafkaUserError(exists, { spec: plainSpec, operation: 'createTopic', topic: 'x' }).code,
      'AlreadyExists',
    );
    const nonEmpty = new KafkaJSDeleteGroupsError('Error in DeleteGroups', [
      { groupId: 'g', errorCode: 68, error: protocolError('NON_EMPTY_GROUP', 68, 'The group is not empty') },
    ]);
    assert.equal(
      toKafkaUserError(nonEmpty, { spec: plainSpec, operation: 'deleteGroup', group: 'g' }).code,
      'GroupNotEmpty',
    );
  });

  it('keeps an unrecognised error as Unknown with its innermost message', () => {
    const mapped = toKafkaUserError(nonRetriable(new Error('boom')), {
      spec: plainSpec,
      operation: 'listTopics',
    });
    assert.equal(mapped.code, 'Unknown');
    assert.match(mapped.message, /Could not list topics on local: boom/);
  });

  it('returns an existing KafkaUserError unchanged', () => {
    const first = toKafkaUserError(topicAuthz(), { spec: iamSpec, operation: 'describeTopic', topic: 't' });
    assert.equal(toKafkaUserError(first, { spec: iamSpec, operation: 'connect' }), first);
  });
});

describe('KafkaUserError in the one error model', () => {
  it('is a UserError: the presented text is the message and the next step, the log has the chain', () => {
    const mapped = toKafkaUserError(nonRetriable(createTopicFailure(topicAuthz(), 'orders')), {
      spec: scramSpec,
      operation: 'createTopic',
      topic: 'orders',
    });
    assert.ok(mapped instanceof UserError);
    const shown = presentError(mapped);
    assert.equal(shown.code, 'Authorization');
    assert.equal(shown.text, `${mapped.message} ${mapped.hint}`);
    assert.match(shown.text, /lacks the ACL CREATE on Topic:orders\. Ask a cluster administrator/);
    assert.match(shown.logText, /^KafkaUserError \(Authorization\): Not authorized to create topic "orders"/);
    assert.match(shown.logText, /\nnext step: Ask a cluster administrator/);
    assert.match(shown.logText, /\ncaused by: KafkaJSAggregateError: Topic creation errors\n/);
    assert.match(shown.logText, /\ncaused by: KafkaJSCreateTopicError \(29\): Not authorized to access topics/);
  });

  it('is recognised by its mark, not its class (the Kafka layer is a bundle of its own)', () => {
    const mapped = toKafkaUserError(new Error('boom'), { spec: plainSpec, operation: 'listTopics' });
    // A KafkaUserError built by another copy of the class, as the extension bundle sees one from dist/kafka.js.
    const foreign = Object.setPrototypeOf(
      { ...mapped, message: mapped.message, name: 'KafkaUserError' },
      Error.prototype,
    ) as Error;
    for (const sym of Object.getOwnPropertySymbols(mapped))
      (foreign as unknown as Record<symbol, unknown>)[sym] = (mapped as unknown as Record<symbol, unknown>)[sym];
    assert.equal(foreign instanceof KafkaUserError, false);
    assert.ok(isUserError(foreign));
    assert.ok(isKafkaUserError(foreign));
    assert.equal(presentError(foreign).hint, mapped.hint);
    assert.equal(isKafkaUserError(Object.assign(new Error('x'), { name: 'KafkaUserError', code: 'Unknown' })), false);
  });
});

// The spec type must accept every auth kind the brief lists.
export const specsOfEveryKind: KafkaConnectionSpec[] = [
  { id: 'a', label: 'a', bootstrapServers: [], tls: false, auth: { kind: 'mtls', cert: '', key: '' } },
  { id: 'b', label: 'b', bootstrapServers: [], tls: false, auth: { kind: 'plaintext' } },
];
