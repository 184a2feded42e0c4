import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import type { ClusterRef } from '../../../src/services/clusterModel';
import { assertWritable, isReadOnly } from '../../../src/services/readOnly';

const cluster: ClusterRef = {
  key: 'arn:aws:kafka:us-east-1:123456789012:cluster/orders/abc',
  arn: 'arn:aws:kafka:us-east-1:123456789012:cluster/orders/abc',
  name: 'orders',
  source: 'msk',
  type: 'PROVISIONED',
  authModes: ['iam'],
};

describe('read-only mode', () => {
  it('is off unless set globally or for this cluster', () => {
    assert.equal(isReadOnly(cluster, { readOnly: false, readOnlyClusters: ['payments'] }), false);
    assert.doesNotThrow(() => assertWritable(cluster, { readOnly: false, readOnlyClusters: [] }, 'Delete topic'));
  });

  it('applies to a cluster named by name or ARN', () => {
    assert.equal(isReadOnly(cluster, { readOnly: false, readOnlyClusters: ['orders'] }), true);
    assert.equal(isReadOnly(cluster, { readOnly: false, readOnlyClusters: [cluster.arn!] }), true);
  });

  it('refuses with a message that names the action, the cluster and the setting', () => {
    assert.throws(
      () => assertWritable(cluster, { readOnly: true, readOnlyClusters: [] }, 'Delete topic “orders.v1”'),
      (err: Error & { hint?: string; code?: string }) =>
        err.message === 'Delete topic “orders.v1” refused: orders is in read-only mode.' &&
        err.code === 'ReadOnly' &&
        err.hint!.includes('msk.readOnly'),
    );
  });
});
