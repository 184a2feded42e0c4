/**
 * Tail and produce through an SSH bastion (a real OpenSSH server on loopback), on the sandbox's IAM
 * listener (TLS: the broker certificate is checked against the advertised name "localhost" although
 * the socket goes to a local tunnel port). The brokers are reached ONLY through the tunnel: /proc
 * shows this process holds no connection to any broker port, while the sshd does.
 */
import { strict as assert } from 'node:assert';
import { after, before, describe, it } from 'node:test';
import type { KafkaConnectionSpec } from '../../../src/kafka/connection';
import { ProduceEngine } from '../../../src/kafka/produce/index';
import type { TailSession } from '../../../src/kafka/tail';
import { KafkaClientPool } from '../../../src/kafka/clientPool';
import { isKafkaUserError } from '../../../src/kafka/errors';
import { FAST, MemoryLogger, specFor, waitFor } from '../kafka/helpers';
import { Cleanup, sandbox } from '../support/sandbox';
import { startTail, values, waitForCount } from '../tail/helpers';
import { FAST_TUNNEL, Keys, tunnelConfig } from './fixture';
import { descendants, freePort, Sshd } from './sshd';
import { tcpConnectionsOf, type TcpConnection } from './sockets';

const BROKER_PORTS = new Set(
  Object.values(sandbox().listeners as unknown as Record<string, string>).map((a) => Number(a.split(':').pop())),
);
const IAM_PORT = Number(sandbox().listeners.iam.split(':').pop());
const OPTS = { acks: -1, compression: 'none', idempotent: true } as const;

function brokerConnections(list: TcpConnection[]): TcpConnection[] {
  return list.filter((c) => BROKER_PORTS.has(c.remotePort));
}

describe('kafka through an SSH tunnel (real sshd, sandbox broker)', () => {
  const keys = new Keys();
  const cleanup = new Cleanup();
  const logger = new MemoryLogger();
  const pool = new KafkaClientPool({ logger, clientOptions: FAST, tunnelOptions: FAST_TUNNEL });
  const engine = new ProduceEngine();
  let sshd: Sshd;
  let port: number;
  let spec: KafkaConnectionSpec;
  let topic: string;
  let tail: TailSession | undefined;

  before(async () => {
    port = await freePort();
    sshd = await Sshd.start({ port, hostKey: keys.hostA, authorized: [keys.user] });
    const knownHosts = keys.knownHosts('known_hosts', port, keys.hostA, ['# the bastion, hashed']);
    // Bootstrap by IP, while the broker advertises "localhost:9098": the bootstrap forward is opened
    // first, the advertised broker's on first use (as for brokers the metadata hands out later).
    spec = specFor('iam', 'admin', {
      id: 'it-tunnel-iam',
      bootstrapServers: [`127.0.0.1:${IAM_PORT}`],
      tunnel: tunnelConfig(port, keys, knownHosts),
    });
    topic = await cleanup.createTopic('tunnel-it', 2);
  });
  after(async () => {
    await tail?.stop();
    await engine.dispose();
    await pool.disposeAll();
    await sshd.stop();
    await cleanup.run();
    keys.remove();
  });

  it('tails and produces through the tunnel only, with the TLS name check intact', async () => {
    tail = await startTail(pool, topic, { spec });
    const sent = ['one', 'two', 'three'];
    const report = await engine.produce(
      { pool, spec },
      topic,
      sent.map((v) => ({ key: null, value: v, headers: [] })),
      OPTS,
    );
    assert.equal(report.failed, 0, JSON.stringify(report.failures));
    await waitForCount(tail, 3);
    assert.deepEqual(values(tail).sort(), [...sent].sort());

    // Where the bytes went: this process talks to the bastion and never to a broker port…
    const mine = tcpConnectionsOf(process.pid);
    assert.deepEqual(brokerConnections(mine), [], 'no direct connection from the extension to a broker');
    assert.ok(
      mine.some((c) => c.remotePort === port),
      'the SSH connection to the bastion is open',
    );
    // …while the bastion's session process holds the broker connections (the IAM listener).
    const viaBastion = descendants(sshd.pid).flatMap((pid) => brokerConnections(tcpConnectionsOf(pid)));
    assert.ok(
      viaBastion.some((c) => c.remotePort === IAM_PORT),
      `the sshd holds connections to the IAM listener: ${JSON.stringify(viaBastion)}`,
    );
    // One local port for the bootstrap address, one for the broker the metadata advertised.
    const forwards = logger.lines.filter((l) => / → 127\.0\.0\.1:\d+$/.test(l));
    assert.ok(
      forwards.some((l) => l.includes(`127.0.0.1:${IAM_PORT} → `)),
      forwards.join('\n'),
    );
    assert.ok(
      forwards.some((l) => l.includes(`${sandbox().listeners.iam} → `)),
      forwards.join('\n'),
    );
  });

  it('keeps tailing and producing after the bastion drops and comes back', async () => {
    assert.ok(tail, 'the tail of the first test runs');
    const before = tail.buffer.size;
    await sshd.stop();
    await waitFor('the tunnel to notice the drop', () =>
      Promise.resolve(logger.lines.some((l) => l.includes('the SSH connection dropped')) ? true : undefined),
    );
    sshd = await Sshd.start({ port, hostKey: keys.hostA, authorized: [keys.user] });
    await waitFor(
      'the produce to go through again',
      async () => {
        const report = await engine.produce(
          { pool, spec },
          topic,
          [{ key: null, value: `after-${Date.now()}`, headers: [] }],
          OPTS,
        );
        return report.failed === 0 ? report : undefined;
      },
      60_000,
    );
    await waitForCount(tail, before + 1, 60_000);
    assert.ok(
      values(tail).some((v) => v.startsWith('after-')),
      'the tail received what was produced after the reconnect',
    );
    assert.deepEqual(brokerConnections(tcpConnectionsOf(process.pid)), [], 'still no direct broker connection');
  });

  it('still checks the broker certificate against the advertised name through the tunnel', async () => {
    // The bastion dials the real listener (the address map says where), but the name the client
    // asked for is not in the broker's certificate: TLS must refuse it, tunnel or not.
    const wrong = `kafka-broker.invalid:${IAM_PORT}`;
    const wrongName = {
      ...spec,
      id: 'it-tunnel-wrong-name',
      bootstrapServers: [wrong],
      addressMap: { [wrong]: `127.0.0.1:${IAM_PORT}` },
    };
    try {
      const err = await pool.getAdmin(wrongName).then(
        () => assert.fail('a certificate without that name must be refused'),
        (e: unknown) => e,
      );
      assert.ok(isKafkaUserError(err), String(err));
      assert.equal(err.code, 'Tls', err.message);
      assert.match(err.message, /not valid for the name "kafka-broker\.invalid"/);
    } finally {
      await pool.dispose(wrongName.id);
    }
  });

  it('closes the SSH connection when the pool disposes the connection', async () => {
    await tail?.stop();
    tail = undefined;
    await engine.dispose();
    await pool.dispose(spec.id);
    assert.deepEqual(
      tcpConnectionsOf(process.pid).filter((c) => c.remotePort === port),
      [],
      'no SSH connection is left open',
    );
  });
});
