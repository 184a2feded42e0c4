/**
 * Kafka ACLs against the sandbox broker (StandardAuthorizer; super users admin and ANONYMOUS; the
 * readonly principal may Describe/Read every topic and group): as admin, a binding that DENIES the
 * readonly principal READ on a topic makes its tail fail with "not authorized"; deleting exactly that
 * binding lets it read the records again. Listing per topic shows the literal, prefixed and wildcard
 * bindings that apply, saying which pattern matched; bad bindings are refused before sending;
 * the readonly principal may not list ACLs (said with the ACL it lacks); IAM connections send nothing.
 */
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { createAcl, deleteAcl, listAcls } from '../../../src/kafka/acls';
import { KafkaCluster } from '../../../src/kafka/cluster';
import { isKafkaUserError } from '../../../src/kafka/errors';
import { TailSession } from '../../../src/kafka/tail';
import { aclOps } from '../../../src/services/aclOps';
import { bindingKey, matchOf, type AclBinding } from '../../../src/shared/aclValidation';
import { isUserError } from '../../../src/shared/errors';
import { Cleanup, kafkaConfig, produce, sandbox, uniqueName } from '../support/sandbox';
import { closedPort, newPool, specFor, waitFor } from './helpers';

const pool = newPool();
const cleanup = new Cleanup();
const admin = new KafkaCluster(pool, specFor('scram', 'admin'));
/** Every binding a test created, deleted at the end whatever happened. */
const created: AclBinding[] = [];

after(async () => {
  for (const b of created) await deleteAcl(admin, b).catch(() => undefined);
  await pool.disposeAll();
  await cleanup.run();
});

function binding(over: Partial<AclBinding>): AclBinding {
  return {
    resourceType: 'TOPIC',
    resourceName: 'x',
    patternType: 'LITERAL',
    principal: 'User:readonly',
    host: '*',
    operation: 'READ',
    permission: 'DENY',
    ...over,
  };
}

async function create(b: AclBinding): Promise<void> {
  created.push(b);
  await createAcl(admin, b);
}

/** Waits until the topic's listing has (or no longer has) the binding: the broker applied it. */
async function untilListed(topic: string, b: AclBinding, present: boolean): Promise<AclBinding[]> {
  return waitFor(`the binding to be ${present ? 'listed' : 'gone'}`, async () => {
    const rows = await listAcls(admin, { kind: 'topic', name: topic });
    return rows.some((r) => bindingKey(r) === bindingKey(b)) === present ? rows : undefined;
  });
}

/** What the readonly principal's tail of the topic (from the oldest record) does: the records, or its error. */
async function readonlyTail(topic: string, expected: number): Promise<{ values: string[] } | { error: string }> {
  let failure: Error | undefined;
  let session: TailSession;
  try {
    session = await TailSession.start({
      pool,
      spec: specFor('scram', 'readonly', { id: uniqueName('it-acl-tail') }),
      topic,
      start: { kind: 'oldest' },
      bufferSize: 1000,
      onState: (state, error) => {
        if (state === 'failed') failure = error ?? new Error('failed');
      },
    });
  } catch (err) {
    return { error: err instanceof Error ? err.message : String(err) };
  }
  try {
    return await waitFor<{ values: string[] } | { error: string }>('the tail to read the records or fail', () => {
      if (failure) return Promise.resolve({ error: failure.message });
      if (session.buffer.size >= expected)
        return Promise.resolve({ values: [...session.buffer.view()].map((r) => r.value?.toString('utf8') ?? '') });
      return Promise.resolve(undefined);
    });
  } finally {
    await session.stop();
  }
}

describe('Kafka ACLs', () => {
  test('a DENY READ binding refuses the readonly principal; deleting it lets it read again', async () => {
    const topic = await cleanup.createTopic('it-acl-deny', 1);
    await produce(kafkaConfig(sandbox(), 'plaintext'), topic, ['one', 'two', 'three']);
    assert.deepEqual(await readonlyTail(topic, 3), { values: ['one', 'two', 'three'] }, 'readable before');

    const deny = binding({ resourceName: topic });
    await create(deny);
    const listed = await untilListed(topic, deny, true);
    assert.deepEqual(
      listed.filter((r) => r.resourceName === topic),
      [deny],
      'the topic lists exactly the new binding under its own name',
    );

    const refused = await readonlyTail(topic, 3);
    assert.ok('error' in refused, `the tail must be refused, got ${JSON.stringify(refused)}`);
    assert.match(refused.error, /not authorized/i);
    assert.match(refused.error, new RegExp(topic), 'names the topic');

    assert.equal(await deleteAcl(admin, deny), 1, 'exactly one binding deleted');
    await untilListed(topic, deny, false);
    assert.deepEqual(await readonlyTail(topic, 3), { values: ['one', 'two', 'three'] }, 'readable again');
    assert.equal(await deleteAcl(admin, deny), 0, 'deleting it again deletes nothing');
  });

  test('a topic lists the literal, prefixed and wildcard bindings that match it, and not others', async () => {
    const prefix = uniqueName('it-acl-pfx');
    const topic = `${prefix}.orders`;
    const literal = binding({ resourceName: topic, operation: 'WRITE', permission: 'ALLOW', principal: 'User:alice' });
    const prefixed = binding({
      resourceName: prefix,
      patternType: 'PREFIXED',
      operation: 'DESCRIBE',
      principal: 'User:bob',
      permission: 'ALLOW',
    });
    const otherTopic = binding({ resourceName: `${prefix}.other`, principal: 'User:carol' });
    const otherPrefix = binding({ resourceName: `${prefix}.x`, patternType: 'PREFIXED', principal: 'User:dave' });
    for (const b of [literal, prefixed, otherTopic, otherPrefix]) await create(b);

    const rows = await untilListed(topic, prefixed, true);
    const keys = rows.map(bindingKey);
    assert.ok(keys.includes(bindingKey(literal)), 'the literal binding on the topic');
    assert.ok(keys.includes(bindingKey(prefixed)), 'the prefixed binding whose prefix starts the name');
    assert.ok(!keys.includes(bindingKey(otherTopic)), 'not a literal binding of another topic');
    assert.ok(!keys.includes(bindingKey(otherPrefix)), 'not a prefix the name does not start with');
    // The sandbox's own grant to readonly (LITERAL "*") applies to every topic.
    const wildcard = rows.find((r) => r.principal === 'User:readonly' && r.resourceName === '*');
    assert.ok(wildcard, 'the wildcard binding shows too');
    assert.deepEqual(
      rows
        .map(matchOf)
        .filter((m, i, a) => a.indexOf(m) === i)
        .sort(),
      ['literal', 'prefixed', 'wildcard'],
    );

    // The cluster-wide listing has all four.
    const all = (await listAcls(admin, { kind: 'cluster' })).map(bindingKey);
    for (const b of [literal, prefixed, otherTopic, otherPrefix]) assert.ok(all.includes(bindingKey(b)));

    // Delete removes only the chosen binding: the others of the same principal/topic stay.
    assert.equal(await deleteAcl(admin, literal), 1);
    const after = (await listAcls(admin, { kind: 'cluster' })).map(bindingKey);
    assert.ok(!after.includes(bindingKey(literal)));
    for (const b of [prefixed, otherTopic, otherPrefix]) assert.ok(after.includes(bindingKey(b)), 'the others stay');
  });

  test('a group lists the bindings that match it', async () => {
    const group = uniqueName('it-acl-group');
    const b = binding({
      resourceType: 'GROUP',
      resourceName: group,
      operation: 'DELETE',
      permission: 'ALLOW',
      principal: 'User:erin',
    });
    await create(b);
    const rows = await waitFor('the group binding', async () => {
      const r = await listAcls(admin, { kind: 'group', name: group });
      return r.some((x) => bindingKey(x) === bindingKey(b)) ? r : undefined;
    });
    assert.ok(rows.every((r) => r.resourceType === 'GROUP'));
    assert.ok(
      rows.some((r) => r.resourceName === '*' && r.principal === 'User:readonly'),
      'the wildcard grant',
    );
  });

  test('bad bindings are refused before anything is sent, with what to fix', async () => {
    const err = await createAcl(
      admin,
      binding({
        resourceName: 'orders',
        principal: 'alice',
        host: 'broker.example.com',
        operation: 'IDEMPOTENT_WRITE',
      }),
    ).then(
      () => assert.fail('must be refused'),
      (e: unknown) => e,
    );
    assert.ok(isKafkaUserError(err));
    assert.equal(err.code, 'InvalidRequest');
    assert.match(err.message, /^ACL not created: /);
    assert.match(err.message, /“alice” is not a principal: write User:<name>/);
    assert.match(err.message, /“broker\.example\.com” is not \* or an IP address/);
    assert.match(err.message, /IDEMPOTENT_WRITE is not an operation on a topic: Kafka allows ALL, READ, WRITE/);
    const names = (await listAcls(admin, { kind: 'topic', name: 'orders' })).map((r) => r.principal);
    assert.ok(!names.includes('alice'), 'nothing was created');
  });

  test('the readonly principal may not list ACLs: the error names the ACL it lacks', async () => {
    const readonly = new KafkaCluster(pool, specFor('scram', 'readonly'));
    const err = await listAcls(readonly, { kind: 'cluster' }).then(
      () => assert.fail('must be refused'),
      (e: unknown) => e,
    );
    assert.ok(isKafkaUserError(err));
    assert.equal(err.code, 'Authorization');
    assert.equal(
      err.message,
      'Not authorized to list the ACLs: the Kafka principal of sandbox scram (readonly) lacks the ACL DESCRIBE on Cluster.',
    );
    assert.match(err.hint ?? '', /Ask a cluster administrator to grant DESCRIBE on Cluster/);
  });

  test('mTLS and plaintext connections list ACLs too', async () => {
    for (const kind of ['mtls', 'plaintext'] as const) {
      const rows = await listAcls(new KafkaCluster(pool, specFor(kind, 'admin')), { kind: 'cluster' });
      assert.ok(
        rows.some((r) => r.principal === 'User:readonly' && r.operation === 'READ'),
        kind,
      );
    }
  });

  test('on an IAM connection the listing says IAM governs access, and changes are refused without a request', async () => {
    // Nothing listens on its bootstrap port: any Kafka request would fail as unreachable.
    const iam = new KafkaCluster(
      pool,
      specFor('iam', 'admin', { bootstrapServers: [`127.0.0.1:${await closedPort()}`] }),
    );
    const ops = aclOps(() => Promise.resolve(iam));
    const listing = await ops.list({ kind: 'topic', name: 'orders' });
    assert.equal(listing.kind, 'iam');
    assert.ok(listing.kind === 'iam');
    assert.match(listing.note.message, /Kafka ACLs do not apply to IAM principals/);
    assert.ok(listing.note.actions.includes('kafka-cluster:ReadData'));
    assert.match(listing.note.resource, /^arn:aws:kafka:us-east-1:\d+:topic\/[^/]+\/[^/]+\/orders$/);
    await assert.rejects(ops.assertAclConnection(), /signs in with IAM: Kafka ACLs do not govern IAM principals/);
    const err = await ops.create(binding({ resourceName: 'orders' })).then(
      () => assert.fail('must be refused'),
      (e: unknown) => e,
    );
    assert.ok(isUserError(err));
    assert.match(err.message, /signs in with IAM: Kafka ACLs do not govern IAM principals/);
  });
});
