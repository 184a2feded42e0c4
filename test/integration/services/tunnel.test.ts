/**
 * A manual connection with `sshTunnel` in the settings, driven through the backend exactly as the
 * extension drives it: the tunnel goes to a real OpenSSH server on loopback (throwaway keys), the
 * brokers are the shared sandbox's, and this process never connects to a broker itself (/proc shows
 * it). Topics list, a produce is tailed back; a changed host key, a wrong passphrase and a bastion
 * nobody answers at come back as messages with the next step.
 */
import { strict as assert } from 'node:assert';
import { after, before, describe, it } from 'node:test';
import { ProduceEngine } from '../../../src/kafka/produce/index';
import { TailSession } from '../../../src/kafka/tail';
import type { ClusterRef } from '../../../src/services/clusterModel';
import { MskBackend } from '../../../src/services/mskBackend';
import type { ManualConnectionSetting, MskSettings } from '../../../src/services/settingsModel';
import type { TunnelPassphraseRequest } from '../../../src/services/tunnelSettings';
import { presentError } from '../../../src/shared/errorPresentation';
import { silentLogger } from '../../../src/shared/logger';
import { parseMskSettings } from '../../../src/services/settingsModel';
import { values, waitForCount } from '../tail/helpers';
import { Cleanup, sandbox } from '../support/sandbox';
import { FAST_TUNNEL, Keys, PASSPHRASE } from '../tunnel/fixture';
import { tcpConnectionsOf } from '../tunnel/sockets';
import { currentUser, descendants, freePort, Sshd } from '../tunnel/sshd';

const BROKER_PORTS = new Set(
  Object.values(sandbox().listeners as unknown as Record<string, string>).map((a) => Number(a.split(':').pop())),
);
const PLAINTEXT = sandbox().listeners.plaintext;
const PLAINTEXT_PORT = Number(PLAINTEXT.split(':').pop());
const OPTS = { acks: -1, compression: 'none', idempotent: true } as const;

describe('a manual connection through an SSH tunnel (backend, real sshd, sandbox broker)', () => {
  const keys = new Keys();
  const cleanup = new Cleanup();
  const engine = new ProduceEngine();
  const asked: TunnelPassphraseRequest[] = [];
  let answer: string | undefined;
  let sshd: Sshd;
  let port: number;
  let settings: MskSettings;
  let backend: MskBackend;
  let topic: string;
  let tail: TailSession | undefined;

  /** The connection as a person writes it in settings.json (`sshTunnel` beside the usual fields). */
  function connection(id: string, sshTunnel: Record<string, unknown>): ManualConnectionSetting {
    return {
      id,
      name: `through the bastion (${id})`,
      // The address the broker advertises: the bastion dials it, this machine never does.
      bootstrapServers: PLAINTEXT,
      auth: 'plaintext',
      sshTunnel: sshTunnel as unknown as ManualConnectionSetting['sshTunnel'],
    };
  }

  function ref(id: string): ClusterRef {
    const found = backend.manualClusters().find((c) => c.key === `manual:${id}`);
    assert.ok(found, `the connection ${id} is listed`);
    return found;
  }

  before(async () => {
    port = await freePort();
    sshd = await Sshd.start({ port, hostKey: keys.hostA, authorized: [keys.user, keys.encrypted] });
    const knownHosts = keys.knownHosts('known_hosts', port, keys.hostA);
    const impostor = keys.knownHosts('known_hosts_old', port, keys.hostB);
    const base = { host: '127.0.0.1', port, user: currentUser() };
    const raw = [
      connection('key', { ...base, privateKeyFile: keys.user.file, knownHostsFile: knownHosts }),
      connection('changed', { ...base, privateKeyFile: keys.user.file, knownHostsFile: impostor }),
      connection('encrypted', { ...base, privateKeyFile: keys.encrypted.file, knownHostsFile: knownHosts }),
    ];
    // Through the settings parser, as the extension reads them.
    settings = parseMskSettings((key) => (key === 'msk.connections' ? raw : undefined));
    backend = new MskBackend({
      settings: () => settings,
      secrets: { get: () => Promise.resolve(undefined) },
      log: silentLogger,
      userAgent: 'msk-explorer-test',
      env: { HOME: keys.dir },
      tunnelOptions: FAST_TUNNEL,
      tunnelPassphrase: (request) => {
        asked.push(request);
        return Promise.resolve(answer);
      },
    });
    topic = await cleanup.createTopic('tunnel-backend', 2);
  });

  after(async () => {
    await tail?.stop();
    await engine.dispose();
    await backend.dispose();
    await sshd.stop();
    await cleanup.run();
    keys.remove();
  });

  it('lists topics and tails what it produces, with every broker connection going through the bastion', async () => {
    const cluster = ref('key');
    const topics = await backend.ops(cluster).topics();
    assert.ok(
      topics.some((t) => t.name === topic && t.partitions === 2),
      `the new topic is listed among ${topics.length}`,
    );

    const { pool, spec } = await backend.kafka(cluster);
    assert.ok(spec.tunnel, 'the connection spec carries the tunnel');
    tail = await TailSession.start({ pool, spec, topic, start: { kind: 'newest' }, bufferSize: 1000 });
    const sent = ['alpha', 'beta', 'gamma'];
    const report = await engine.produce(
      { pool, spec },
      topic,
      sent.map((v) => ({ key: null, value: v, headers: [] })),
      OPTS,
    );
    assert.equal(report.failed, 0, JSON.stringify(report.failures));
    await waitForCount(tail, sent.length);
    assert.deepEqual(values(tail).sort(), [...sent].sort());

    const mine = tcpConnectionsOf(process.pid);
    assert.deepEqual(
      mine.filter((c) => BROKER_PORTS.has(c.remotePort)),
      [],
      'no direct connection from this process to a broker',
    );
    assert.ok(
      mine.some((c) => c.remotePort === port),
      'the SSH connection to the bastion is open',
    );
    const viaBastion = descendants(sshd.pid).flatMap((pid) => tcpConnectionsOf(pid));
    assert.ok(
      viaBastion.some((c) => c.remotePort === PLAINTEXT_PORT),
      'the bastion holds the broker connections',
    );
    assert.deepEqual(asked, [], 'an unencrypted key asks for no passphrase');
  });

  it('refuses a bastion whose host key changed, saying what to check', async () => {
    await assert.rejects(backend.ops(ref('changed')).topics(), (err) => {
      const shown = presentError(err);
      assert.match(
        shown.message,
        new RegExp(`^The host key of the SSH bastion ${currentUser()}@127\\.0\\.0\\.1:${port} has changed`),
        shown.message,
      );
      assert.ok(shown.hint, 'a next step is given');
      assert.match(shown.hint, /Confirm the new key with the bastion’s administrator/, shown.hint);
      return true;
    });
  });

  it('asks for the passphrase of an encrypted key, checks it, and connects with the right one', async () => {
    const cluster = ref('encrypted');
    answer = 'not the passphrase';
    await assert.rejects(backend.ops(cluster).topics(), (err) => {
      const shown = presentError(err);
      assert.match(shown.message, /passphrase does not decrypt the private key/, shown.message);
      assert.match(shown.hint ?? '', /Enter the passphrase again/);
      return true;
    });
    assert.equal(asked.length, 1);
    const request = asked[0];
    assert.equal(request.secretKey, 'msk.connection.encrypted.sshPassphrase');
    assert.equal(request.keyFile, keys.encrypted.file);
    assert.equal(request.bastion, `${currentUser()}@127.0.0.1:${port}`);
    // What the extension uses to decide whether to keep a passphrase in SecretStorage.
    assert.equal(await request.check('not the passphrase'), 'wrong');
    assert.equal(await request.check(PASSPHRASE), 'opens');

    answer = PASSPHRASE;
    const topics = await backend.ops(cluster).topics();
    assert.ok(topics.some((t) => t.name === topic));
    assert.equal(asked.length, 2, 'asked again after the wrong one');
  });

  it('says the bastion cannot be reached when no SSH server answers there', async () => {
    const nobody = await freePort();
    settings.connections.push(
      connection('gone', {
        host: '127.0.0.1',
        port: nobody,
        user: currentUser(),
        privateKeyFile: keys.user.file,
        knownHostsFile: keys.knownHosts('known_hosts_gone', nobody, keys.hostA),
      }),
    );
    await assert.rejects(backend.ops(ref('gone')).topics(), (err) => {
      const shown = presentError(err);
      assert.match(
        shown.message,
        new RegExp(`SSH bastion ${currentUser()}@127\\.0\\.0\\.1:${nobody} refused the connection`),
        shown.message,
      );
      assert.match(shown.hint ?? '', /Check the bastion host name and port/);
      return true;
    });
    // The broker was not tried directly instead.
    assert.deepEqual(
      tcpConnectionsOf(process.pid).filter((c) => BROKER_PORTS.has(c.remotePort)),
      [],
    );
  });
});
