import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  brokerNodes,
  connectors,
  failureDescription,
  findSecret,
  mskConnectorState,
  scramSecrets,
  secretValue,
  stableUuid,
} from '../../../sandbox/controlplane/model';
import { parseWorkerConnectors } from '../../../sandbox/controlplane/live';
import { FAKE_BROKERS, FAKE_CONNECTORS, fakeState } from './fixtures';

const epoch = new Date('2026-01-15T10:00:00Z');

void describe('MSK Connect connector state mapping', () => {
  const t = (state: string) => ({ id: 0, state });
  void it('maps the worker status to MSK Connect states', () => {
    assert.equal(mskConnectorState({ state: 'RUNNING', tasks: [t('RUNNING'), t('RUNNING')] }), 'RUNNING');
    assert.equal(mskConnectorState({ state: 'FAILED', tasks: [] }), 'FAILED');
    assert.equal(mskConnectorState({ state: 'RUNNING', tasks: [t('RUNNING'), t('FAILED')] }), 'FAILED');
    assert.equal(mskConnectorState({ state: 'PAUSED', tasks: [t('PAUSED')] }), 'PAUSED');
    assert.equal(mskConnectorState({ state: 'STOPPED', tasks: [] }), 'PAUSED');
    assert.equal(mskConnectorState({ state: 'RESTARTING', tasks: [t('RUNNING')] }), 'RESTARTING');
    assert.equal(mskConnectorState({ state: 'UNASSIGNED', tasks: [] }), 'UPDATING');
    assert.equal(mskConnectorState({ state: 'RUNNING', tasks: [t('UNASSIGNED')] }), 'UPDATING');
  });

  void it('describes a failure with the first line of the failed task trace', () => {
    const broken = FAKE_CONNECTORS.find((c) => c.name === 'broken-sink');
    assert.ok(broken);
    assert.deepEqual(failureDescription(broken), {
      code: 'TaskFailed',
      message:
        'Task 0 failed: org.apache.kafka.connect.errors.ConnectException: java.nio.file.NoSuchFileException: /nonexistent/dir/out.txt',
    });
    assert.equal(failureDescription(FAKE_CONNECTORS[0]), undefined);
  });

  void it('parses the Connect REST expand=status&expand=info answer', () => {
    const parsed = parseWorkerConnectors({
      s1: {
        status: {
          name: 's1',
          connector: { state: 'RUNNING', worker_id: 'w:8083' },
          tasks: [{ id: 0, state: 'FAILED', trace: 'boom' }],
          type: 'sink',
        },
        info: { name: 's1', config: { 'connector.class': 'X', name: 's1' }, tasks: [], type: 'sink' },
      },
    });
    assert.deepEqual(parsed, [
      {
        name: 's1',
        type: 'sink',
        config: { 'connector.class': 'X', name: 's1' },
        state: 'RUNNING',
        tasks: [{ id: 0, state: 'FAILED', trace: 'boom' }],
      },
    ]);
  });
});

void describe('control plane resources', () => {
  const state = fakeState();

  void it('gives stable, distinct ids', () => {
    assert.equal(stableUuid('x'), stableUuid('x'));
    assert.notEqual(stableUuid('x'), stableUuid('y'));
    assert.match(stableUuid('x'), /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-a[0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  void it('lists one BROKER node per real broker, by id, with its real host', () => {
    const nodes = brokerNodes({ state, epoch, brokers: FAKE_BROKERS }, FAKE_BROKERS);
    assert.deepEqual(
      nodes.map((n) => [
        n.nodeType,
        (n.brokerNodeInfo as { brokerId: number }).brokerId,
        (n.brokerNodeInfo as { endpoints: string[] }).endpoints,
      ]),
      [
        ['BROKER', 1, ['localhost']],
        ['BROKER', 2, ['localhost']],
      ],
    );
    assert.deepEqual(brokerNodes({ state, epoch, brokers: FAKE_BROKERS }, FAKE_BROKERS), nodes, 'stable across calls');
  });

  void it('names SCRAM secrets AmazonMSK_<cluster>_<user>-XXXXXX and resolves them by ARN, partial ARN or name', () => {
    const secrets = scramSecrets(state, epoch);
    assert.equal(secrets.length, 2);
    for (const s of secrets) {
      assert.match(
        s.arn,
        /^arn:aws:secretsmanager:us-east-1:123456789012:secret:AmazonMSK_msk-sandbox_(admin|readonly)-[A-Za-z0-9]{6}$/,
      );
      assert.equal(findSecret(secrets, s.arn, state), s);
      assert.equal(findSecret(secrets, s.name, state), s);
      assert.equal(findSecret(secrets, s.arn.slice(0, -7), state), s);
    }
    assert.equal(findSecret(secrets, 'AmazonMSK_other', state), undefined);
    const admin = secrets.find((s) => s.name.endsWith('_admin'));
    assert.ok(admin);
    assert.deepEqual(JSON.parse(secretValue(admin).SecretString as string), {
      username: state.principals.admin.scramUser,
      password: state.principals.admin.scramPassword,
    });
  });

  void it('points every connector at the provisioned cluster and at a listed custom plugin', () => {
    const list = connectors(state, epoch, FAKE_CONNECTORS);
    assert.deepEqual(
      list.map((c) => [c.name, c.summary.connectorState]),
      [
        ['broken-sink', 'FAILED'],
        ['file-sink-audit', 'RUNNING'],
        ['file-source-orders', 'RUNNING'],
      ],
    );
    for (const c of list) {
      assert.match(c.arn, new RegExp(`^arn:aws:kafkaconnect:us-east-1:123456789012:connector/${c.name}/[0-9a-f-]+-2$`));
      const kc = c.summary.kafkaCluster as { apacheKafkaCluster: { bootstrapServers: string } };
      assert.equal(kc.apacheKafkaCluster.bootstrapServers, state.listeners.plaintext);
    }
  });
});
