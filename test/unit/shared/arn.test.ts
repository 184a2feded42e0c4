/** The one ARN module: parsing (AWS discovery) and MSK IAM resource ARNs (Kafka authorization errors). */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { mskResourceArn, nameFromArn, parseArn, parseClusterArn, regionOfArn } from '../../../src/shared/arn';

const CLUSTER = 'arn:aws:kafka:eu-west-1:123456789012:cluster/dev-cluster/abcd-1234-5';

void describe('ARN parsing', () => {
  test('any ARN: partition, service, region, account and the resource (which may hold colons)', () => {
    assert.deepEqual(parseArn('arn:aws:secretsmanager:us-east-1:111:secret:AmazonMSK_x-AbCd'), {
      partition: 'aws',
      service: 'secretsmanager',
      region: 'us-east-1',
      accountId: '111',
      resource: 'secret:AmazonMSK_x-AbCd',
    });
    assert.equal(parseArn('not:an:arn'), undefined);
    assert.equal(regionOfArn('arn:aws:iam::111:role/x'), undefined);
    assert.equal(nameFromArn('arn:aws:kafkaconnect:eu-west-1:1:connector/sink/uuid'), 'sink');
  });

  test('MSK cluster ARNs, and what is not one', () => {
    assert.deepEqual(parseClusterArn(CLUSTER), {
      partition: 'aws',
      region: 'eu-west-1',
      accountId: '123456789012',
      name: 'dev-cluster',
      uuid: 'abcd-1234-5',
    });
    assert.equal(parseClusterArn('arn:aws:kafka:eu-west-1:123456789012:topic/dev-cluster/abcd-1234-5/t'), undefined);
    assert.equal(parseClusterArn('arn:aws:kafkaconnect:eu-west-1:1:cluster/a/b'), undefined);
    assert.equal(parseClusterArn('arn:aws:kafka::1:cluster/a/b'), undefined);
  });
});

void describe('MSK IAM resource ARNs', () => {
  test('from the cluster ARN: cluster, one topic, every group', () => {
    assert.equal(mskResourceArn('cluster', { clusterArn: CLUSTER }), CLUSTER);
    assert.equal(
      mskResourceArn('topic', { clusterArn: CLUSTER }, 'orders'),
      'arn:aws:kafka:eu-west-1:123456789012:topic/dev-cluster/abcd-1234-5/orders',
    );
    assert.equal(
      mskResourceArn('group', { clusterArn: CLUSTER }),
      'arn:aws:kafka:eu-west-1:123456789012:group/dev-cluster/abcd-1234-5/*',
    );
  });

  test('without a cluster ARN: placeholders, with the region when known', () => {
    assert.equal(
      mskResourceArn('topic', { region: 'us-east-2' }, 't'),
      'arn:aws:kafka:us-east-2:<account-id>:topic/<cluster-name>/<cluster-uuid>/t',
    );
    assert.equal(
      mskResourceArn('cluster', {}),
      'arn:aws:kafka:<region>:<account-id>:cluster/<cluster-name>/<cluster-uuid>',
    );
  });
});
