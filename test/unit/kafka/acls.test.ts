/**
 * What the ACL operations make of the broker's answers (a stand-in admin at the kafkajs API): a broker
 * without an authorizer, the number of bindings deleted, a per-binding deletion error. The real
 * requests are tested against the sandbox (test/integration/kafka/acls.test.ts).
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Admin } from 'kafkajs';
import { deleteAcl, listAcls } from '../../../src/kafka/acls';
import type { KafkaCluster } from '../../../src/kafka/cluster';
import { isKafkaUserError, toKafkaUserError, type KafkaOperation } from '../../../src/kafka/errors';
import type { AclBinding } from '../../../src/shared/aclValidation';

const spec = {
  id: 'unit',
  label: 'unit-cluster',
  bootstrapServers: ['localhost:9092'],
  tls: false,
  auth: { kind: 'plaintext' as const },
};

/** A KafkaCluster whose `run` maps errors like the real one, over a stand-in admin. */
function clusterWith(admin: Partial<Admin>): KafkaCluster {
  return {
    spec,
    run: async <T>(operation: KafkaOperation, names: object, fn: (a: Admin) => Promise<T>): Promise<T> => {
      try {
        return await fn(admin as Admin);
      } catch (err) {
        throw toKafkaUserError(err, { spec, operation, ...names });
      }
    },
  } as unknown as KafkaCluster;
}

function protocolError(type: string): Error {
  return Object.assign(new Error(`broker said ${type}`), { name: 'KafkaJSProtocolError', type });
}

const binding: AclBinding = {
  resourceType: 'TOPIC',
  resourceName: 'orders',
  patternType: 'LITERAL',
  principal: 'User:alice',
  host: '*',
  operation: 'READ',
  permission: 'DENY',
};

describe('ACL operations', () => {
  test('a broker without an authorizer (SECURITY_DISABLED) is said plainly, with what enables ACLs', async () => {
    const cluster = clusterWith({ describeAcls: () => Promise.reject(protocolError('SECURITY_DISABLED')) });
    const err = await listAcls(cluster, { kind: 'cluster' }).then(
      () => assert.fail('must fail'),
      (e: unknown) => e,
    );
    assert.ok(isKafkaUserError(err));
    assert.equal(err.message, 'unit-cluster has no ACLs: its brokers run without an authorizer.');
    assert.match(err.hint ?? '', /authorizer\.class\.name/);
  });

  test('CLUSTER_AUTHORIZATION_FAILED names the ACL the principal lacks', async () => {
    const cluster = clusterWith({ deleteAcls: () => Promise.reject(protocolError('CLUSTER_AUTHORIZATION_FAILED')) });
    const err = await deleteAcl(cluster, binding).then(
      () => assert.fail('must fail'),
      (e: unknown) => e,
    );
    assert.ok(isKafkaUserError(err));
    assert.equal(err.code, 'Authorization');
    assert.equal(
      err.message,
      'Not authorized to delete an ACL: the Kafka principal of unit-cluster lacks the ACL ALTER on Cluster.',
    );
  });

  test('delete counts the bindings the broker matched, and fails on a per-binding error', async () => {
    const matching = (errorCode: number) => ({
      throttleTime: 0,
      filterResponses: [{ errorCode: 0, matchingAcls: [{ errorCode, errorMessage: 'nope' }] }],
    });
    assert.equal(await deleteAcl(clusterWith({ deleteAcls: () => Promise.resolve(matching(0) as never) }), binding), 1);
    const none = { throttleTime: 0, filterResponses: [{ errorCode: 0, matchingAcls: [] }] };
    assert.equal(await deleteAcl(clusterWith({ deleteAcls: () => Promise.resolve(none as never) }), binding), 0);
    await assert.rejects(
      deleteAcl(clusterWith({ deleteAcls: () => Promise.resolve(matching(31) as never) }), binding),
      /nope/,
    );
  });

  test('a binding with a field the extension cannot name is not deleted (no broad filter is sent)', async () => {
    let sent = false;
    const cluster = clusterWith({
      deleteAcls: () => {
        sent = true;
        return Promise.resolve({ throttleTime: 0, filterResponses: [] });
      },
    });
    await assert.rejects(deleteAcl(cluster, { ...binding, operation: 'UNKNOWN' }), /cannot name/);
    assert.equal(sent, false);
  });
});
