/**
 * MSK's topic API as the extension speaks it: the base64 `configs` member (DescribeTopic, CreateTopic,
 * UpdateTopic) in the form AWS's CLI guide shows, and access-denied answers that name the documented
 * `kafka-cluster:` actions and offer a policy statement holding all of them.
 */
import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { AwsClientFactory } from '../../../src/aws/clientFactory';
import { AwsUserError, toAwsUserError } from '../../../src/aws/errors';
import {
  decodeTopicConfigs,
  encodeTopicConfigs,
  MSK_TOPIC_PERMISSIONS,
  MskTopicsService,
  withTopicPermissions,
} from '../../../src/aws/mskTopics';
import { FakeAws } from './fakeAws';
import { isUserError } from '../../../src/shared/errors';

const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');

/** The `configs` value of AWS's describe-topic CLI example (MSK developer guide, describe-topic-cli). */
const AWS_EXAMPLE = 'Y29tcHJlc3Npb24udHlwZT1wcm9kdWNlcgpyZXRlbnRpb24ubXM9NjA0ODAwMDAw';

describe('MSK topic configs', () => {
  it("reads AWS's documented example: base64 of server.properties lines", () => {
    assert.deepEqual(decodeTopicConfigs(AWS_EXAMPLE), {
      'compression.type': 'producer',
      'retention.ms': '604800000',
    });
  });

  it('writes configs in that same form (one name=value line each), byte for byte', () => {
    assert.equal(encodeTopicConfigs({ 'compression.type': 'producer', 'retention.ms': '604800000' }), AWS_EXAMPLE);
    const configs = { 'retention.ms': '86400000', 'cleanup.policy': 'compact,delete' };
    assert.equal(
      Buffer.from(encodeTopicConfigs(configs), 'base64').toString('utf8'),
      'retention.ms=86400000\ncleanup.policy=compact,delete',
    );
    assert.deepEqual(decodeTopicConfigs(encodeTopicConfigs(configs)), configs);
  });

  it('refuses to write a setting that would break the line format, naming it', () => {
    assert.throws(
      () => encodeTopicConfigs({ 'retention.ms': '1\nsegment.ms=2' }),
      (err: unknown) => isUserError(err) && err.message.includes('retention.ms'),
    );
    assert.throws(
      () => encodeTopicConfigs({ 'a=b': '1' }),
      (err: unknown) => isUserError(err),
    );
  });

  it('reads lines with comments, blank lines and spaces around "="', () => {
    assert.deepEqual(decodeTopicConfigs(b64('# topic\nretention.ms = 1000\n\ncleanup.policy=compact\r\n')), {
      'retention.ms': '1000',
      'cleanup.policy': 'compact',
    });
  });

  it('reads a JSON object too (non-string values as their JSON text), and nothing from an empty member', () => {
    assert.deepEqual(decodeTopicConfigs(b64('{"retention.ms": 1000, "preallocate": false}')), {
      'retention.ms': '1000',
      preallocate: 'false',
    });
    assert.deepEqual(decodeTopicConfigs(undefined), {});
    assert.deepEqual(decodeTopicConfigs(''), {});
  });
});

describe('MSK topic permissions', () => {
  const clusterArn = 'arn:aws:kafka:eu-west-1:123456789012:cluster/orders/6f1c2d3e-aaaa-bbbb-cccc-0123456789ab-2';
  const topicArn = 'arn:aws:kafka:eu-west-1:123456789012:topic/orders/6f1c2d3e-aaaa-bbbb-cccc-0123456789ab-2/payments';
  const ctx = { profile: 'dev', region: 'eu-west-1', resource: topicArn };

  it('lists what AWS\'s "Topic Operations" page requires for each API', () => {
    const actions = Object.fromEntries(Object.values(MSK_TOPIC_PERMISSIONS).map((p) => [p.api, [...p.actions]]));
    assert.deepEqual(actions, {
      ListTopics: ['kafka-cluster:Connect', 'kafka-cluster:DescribeTopic'],
      DescribeTopic: [
        'kafka-cluster:Connect',
        'kafka-cluster:DescribeTopic',
        'kafka-cluster:DescribeTopicDynamicConfiguration',
      ],
      DescribeTopicPartitions: [
        'kafka-cluster:Connect',
        'kafka-cluster:DescribeTopic',
        'kafka-cluster:DescribeTopicDynamicConfiguration',
      ],
      CreateTopic: ['kafka-cluster:Connect', 'kafka-cluster:CreateTopic'],
      UpdateTopic: [
        'kafka-cluster:Connect',
        'kafka-cluster:DescribeTopic',
        'kafka-cluster:AlterTopic',
        'kafka-cluster:AlterTopicDynamicConfiguration',
      ],
      DeleteTopic: ['kafka-cluster:Connect', 'kafka-cluster:DescribeTopic', 'kafka-cluster:DeleteTopic'],
    });
  });

  it('access denied on UpdateTopic: names the refused action and topic ARN; the statement allows all four', () => {
    const aws = Object.assign(
      new Error(
        `User: arn:aws:iam::123456789012:user/dev is not authorized to perform: kafka-cluster:AlterTopic on resource: ${topicArn}`,
      ),
      { name: 'ForbiddenException', $metadata: { httpStatusCode: 403 } },
    );
    const mapped = toAwsUserError(aws, { ...ctx, action: 'kafka-cluster:AlterTopicDynamicConfiguration' });
    const err = withTopicPermissions(mapped, MSK_TOPIC_PERMISSIONS.update, [clusterArn, topicArn]) as AwsUserError;
    assert.equal(err.kind, 'access-denied');
    assert.equal(
      err.message,
      `Access denied: profile "dev" lacks the IAM permission kafka-cluster:AlterTopic on ${topicArn}.`,
    );
    assert.match(
      err.hint ?? '',
      /^MSK's UpdateTopic needs kafka-cluster:Connect, kafka-cluster:DescribeTopic, kafka-cluster:AlterTopic and kafka-cluster:AlterTopicDynamicConfiguration on the cluster and the topic ARN\./,
    );
    const copy = err.actions.filter((a) => a.command === 'msk.copyIamPolicyStatement');
    assert.equal(copy.length, 1);
    assert.deepEqual(JSON.parse(String(copy[0].args?.[0])), {
      Effect: 'Allow',
      Action: [
        'kafka-cluster:Connect',
        'kafka-cluster:DescribeTopic',
        'kafka-cluster:AlterTopic',
        'kafka-cluster:AlterTopicDynamicConfiguration',
      ],
      Resource: [clusterArn, topicArn],
    });
    assert.ok(err.actions.some((a) => a.command === 'msk.selectProfile'));
  });

  it('an action AWS names beyond the documented ones joins the statement', () => {
    const aws = Object.assign(
      new Error(`User: x is not authorized to perform: kafka:DeleteTopic on resource: ${topicArn}`),
      { name: 'AccessDeniedException', $metadata: { httpStatusCode: 403 } },
    );
    const mapped = toAwsUserError(aws, { ...ctx, action: 'kafka-cluster:DeleteTopic' });
    const err = withTopicPermissions(mapped, MSK_TOPIC_PERMISSIONS.delete, [clusterArn, topicArn]) as AwsUserError;
    const statement = JSON.parse(String(err.actions[0].args?.[0])) as { Action: string[] };
    assert.deepEqual(statement.Action, [
      'kafka-cluster:Connect',
      'kafka-cluster:DescribeTopic',
      'kafka-cluster:DeleteTopic',
      'kafka:DeleteTopic',
    ]);
  });

  it('other failures name the MSK operation (the call carries it); errors that are not AWS errors pass unchanged', async () => {
    const fake = new FakeAws((req) =>
      req.operation.startsWith('POST ')
        ? { status: 500, errorType: 'InternalServerErrorException', body: { message: 'boom' } }
        : undefined,
    );
    const dir = mkdtempSync(join(tmpdir(), 'msk-topics-'));
    const target = {
      profile: 'dev',
      endpoint: 'http://msk.fake.test:4599',
      configFile: join(dir, 'config'),
      credentialsFile: join(dir, 'credentials'),
    };
    writeFileSync(target.configFile, '[profile dev]\nregion = eu-west-1\n');
    writeFileSync(target.credentialsFile, '[dev]\naws_access_key_id = AKIDDEV\naws_secret_access_key = devsecret\n');
    const factory = new AwsClientFactory({ env: { HOME: dir }, requestHandler: fake.handler, maxAttempts: 1 });
    try {
      await assert.rejects(
        new MskTopicsService(factory).createTopic(target, clusterArn, {
          name: 'payments',
          partitions: 1,
          replicationFactor: 1,
          configs: {},
        }),
        (err: unknown) => {
          assert.ok(err instanceof AwsUserError);
          assert.equal(err.message, 'MSK CreateTopic failed: boom');
          assert.equal(err.context.operation, 'MSK CreateTopic');
          assert.equal(err.context.action, 'kafka-cluster:CreateTopic');
          return true;
        },
      );
      assert.equal(fake.requests.length, 1, 'one CreateTopic request');
    } finally {
      factory.dispose();
      rmSync(dir, { recursive: true, force: true });
    }
    // The wording comes from the mapping alone: an operation in the context names what failed.
    const mapped = toAwsUserError(Object.assign(new Error('boom'), { name: 'InternalServerErrorException' }), {
      ...ctx,
      action: 'kafka-cluster:CreateTopic',
      operation: 'MSK CreateTopic',
    });
    assert.equal(mapped.message, 'MSK CreateTopic failed: boom');
    assert.equal(withTopicPermissions(mapped, MSK_TOPIC_PERMISSIONS.create, [clusterArn, topicArn]), mapped);
    const plain = new Error('x');
    assert.equal(withTopicPermissions(plain, MSK_TOPIC_PERMISSIONS.create, [clusterArn]), plain);
  });
});
