/** The checks an ACL binding passes before it is sent, in the words the form and the error show. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { exactFilter, fromWire, scopeFilter } from '../../../src/kafka/acls';
import {
  describeBinding,
  hostProblem,
  matchOf,
  operationProblem,
  principalProblem,
  resourceNameProblem,
  validateAclBinding,
  type AclBinding,
} from '../../../src/shared/aclValidation';

const ok: AclBinding = {
  resourceType: 'TOPIC',
  resourceName: 'orders',
  patternType: 'LITERAL',
  principal: 'User:alice',
  host: '*',
  operation: 'READ',
  permission: 'ALLOW',
};

describe('ACL validation', () => {
  test('a well-formed binding has no problems', () => {
    assert.deepEqual(validateAclBinding(ok), []);
    assert.deepEqual(validateAclBinding({ ...ok, principal: 'User:*', host: '10.0.0.7' }), []);
    assert.deepEqual(validateAclBinding({ ...ok, patternType: 'PREFIXED', resourceName: 'ord' }), []);
  });

  test('principals must be User:<name>', () => {
    assert.equal(principalProblem('User:alice'), undefined);
    assert.equal(principalProblem('User:CN=admin,O=corp'), undefined);
    assert.equal(principalProblem(''), 'A principal is required, e.g. User:alice (User:* for every principal).');
    assert.equal(
      principalProblem('alice'),
      '“alice” is not a principal: write User:<name>, e.g. User:alice (or User:* for every principal).',
    );
    assert.equal(
      principalProblem('Group:ops'),
      "“Group” is not a principal type Kafka's ACLs use here: write User:<name>, e.g. User:ops.",
    );
    assert.equal(principalProblem('User:'), 'The principal needs a name after “User:”, e.g. User:alice.');
    assert.equal(principalProblem('User:al ice'), 'The principal name “al ice” contains spaces.');
  });

  test('hosts are * or an IP address, never a host name', () => {
    for (const h of ['*', '127.0.0.1', '10.1.2.3', '::1', '2001:db8::7', 'fe80::1:2:3:4', '::ffff:10.0.0.1'])
      assert.equal(hostProblem(h), undefined, h);
    for (const h of ['localhost', '256.1.1.1', '10.0.0', '1::2::3', '2001:db8:::1', 'example.com'])
      assert.match(hostProblem(h) ?? '', /is not \* or an IP address \(Kafka matches the client's IP address/, h);
    assert.equal(hostProblem(' '), 'A host is required: * for any host, or an IP address.');
  });

  test('operations must be valid for the resource type, naming the valid ones', () => {
    assert.equal(operationProblem('TOPIC', 'WRITE'), undefined);
    assert.equal(operationProblem('CLUSTER', 'IDEMPOTENT_WRITE'), undefined);
    assert.equal(operationProblem('GROUP', 'ALL'), undefined);
    assert.equal(
      operationProblem('GROUP', 'WRITE'),
      'WRITE is not an operation on a consumer group: Kafka allows ALL, READ, DESCRIBE, DELETE.',
    );
    assert.equal(
      operationProblem('TRANSACTIONAL_ID', 'READ'),
      'READ is not an operation on a transactional id: Kafka allows ALL, DESCRIBE, WRITE.',
    );
    assert.match(operationProblem('TOPIC', 'IDEMPOTENT_WRITE') ?? '', /not an operation on a topic/);
  });

  test('resource names: the cluster is kafka-cluster (literal), topics use topic characters, prefixed * is refused', () => {
    assert.equal(resourceNameProblem('CLUSTER', 'kafka-cluster', 'LITERAL'), undefined);
    assert.equal(
      resourceNameProblem('CLUSTER', 'prod', 'LITERAL'),
      'The cluster resource is always named “kafka-cluster”.',
    );
    assert.equal(
      resourceNameProblem('CLUSTER', 'kafka-cluster', 'PREFIXED'),
      'The cluster resource takes a LITERAL pattern only.',
    );
    assert.equal(resourceNameProblem('TOPIC', '*', 'LITERAL'), undefined);
    assert.match(resourceNameProblem('TOPIC', 'a/b', 'LITERAL') ?? '', /cannot match a topic/);
    assert.match(resourceNameProblem('GROUP', '', 'LITERAL') ?? '', /A consumer group name is required/);
    assert.match(resourceNameProblem('GROUP', '*', 'PREFIXED') ?? '', /for all of them use LITERAL “\*”/);
    assert.equal(resourceNameProblem('GROUP', 'team a/consumers', 'PREFIXED'), undefined, 'group ids are free text');
  });

  test('every problem of a binding is listed once', () => {
    assert.deepEqual(
      validateAclBinding({ ...ok, principal: 'bob', host: 'db1', operation: 'CLUSTER_ACTION', permission: 'UNKNOWN' }),
      [
        '“bob” is not a principal: write User:<name>, e.g. User:alice (or User:* for every principal).',
        "“db1” is not * or an IP address (Kafka matches the client's IP address; host names never match).",
        'CLUSTER_ACTION is not an operation on a topic: Kafka allows ALL, READ, WRITE, CREATE, DESCRIBE, DELETE, ALTER, DESCRIBE_CONFIGS, ALTER_CONFIGS.',
        'The permission must be ALLOW or DENY.',
      ],
    );
  });

  test('how a binding is said and which pattern matched', () => {
    assert.equal(
      describeBinding({ ...ok, permission: 'DENY', principal: 'User:readonly' }),
      'DENY READ for User:readonly from any host on topic “orders” (literal)',
    );
    assert.equal(
      describeBinding({ ...ok, patternType: 'PREFIXED', resourceName: 'ord', host: '10.0.0.1' }),
      'ALLOW READ for User:alice from host 10.0.0.1 on topics starting with “ord” (prefixed)',
    );
    assert.equal(
      describeBinding({ ...ok, resourceType: 'CLUSTER', resourceName: 'kafka-cluster', operation: 'ALTER' }),
      'ALLOW ALTER for User:alice from any host on the cluster',
    );
    assert.equal(matchOf({ patternType: 'LITERAL', resourceName: '*' }), 'wildcard');
    assert.equal(matchOf({ patternType: 'LITERAL', resourceName: 'orders' }), 'literal');
    assert.equal(matchOf({ patternType: 'PREFIXED', resourceName: 'ord' }), 'prefixed');
  });
});

describe('ACL wire values (kafkajs enums)', () => {
  test('a binding round-trips through the exact filter, which names every field (no ANY)', () => {
    const f = exactFilter({ ...ok, permission: 'DENY', patternType: 'PREFIXED' });
    assert.deepEqual(f, {
      resourceType: 2,
      resourceName: 'orders',
      resourcePatternType: 4,
      principal: 'User:alice',
      host: '*',
      operation: 3,
      permissionType: 2,
    });
    assert.deepEqual(fromWire(f), {
      ...ok,
      permission: 'DENY',
      patternType: 'PREFIXED',
    });
  });

  test('topic and group listings use the MATCH pattern; the cluster listing asks for ANY', () => {
    assert.equal(scopeFilter({ kind: 'topic', name: 'orders' }).resourcePatternType, 2);
    assert.equal(scopeFilter({ kind: 'group', name: 'g' }).resourceType, 3);
    assert.equal(scopeFilter({ kind: 'cluster' }).resourceType, 1);
    assert.equal(scopeFilter({ kind: 'cluster' }).resourcePatternType, 1);
  });

  test('values the extension cannot name read as UNKNOWN', () => {
    const b = fromWire({
      resourceType: 9,
      resourceName: 'x',
      resourcePatternType: 3,
      principal: 'User:a',
      host: '*',
      operation: 99,
      permissionType: 3,
    });
    assert.equal(b.resourceType, 'UNKNOWN');
    assert.equal(b.operation, 'UNKNOWN');
  });
});
