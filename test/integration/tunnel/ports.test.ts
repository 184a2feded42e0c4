/**
 * The tunnel itself against a real OpenSSH server: a local port per broker address carries bytes to
 * the broker through the bastion, keeps its number across a dropped and re-opened SSH connection,
 * and is closed by dispose.
 */
import { strict as assert } from 'node:assert';
import * as net from 'node:net';
import { after, before, describe, it } from 'node:test';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { SshTunnelError } from '../../../src/kafka/tunnel/errors';
import { sha256Fingerprint } from '../../../src/kafka/tunnel/fingerprint';
import { SshTunnel } from '../../../src/kafka/tunnel/tunnel';
import { MemoryLogger, waitFor } from '../kafka/helpers';
import { writeBundle } from '../support/bundle';
import { sandbox } from '../support/sandbox';
import { FAST_TUNNEL, Keys, tunnelConfig } from './fixture';
import { freePort, Sshd } from './sshd';
import { tcpConnectionsOf } from './sockets';

/** Sends a Kafka ApiVersions request (v0) to host:port and returns the correlation id of the answer. */
function apiVersions(port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.connect({ host: '127.0.0.1', port });
    const clientId = Buffer.from('tunnel-test');
    const body = Buffer.alloc(2 + 2 + 4 + 2 + clientId.length);
    body.writeInt16BE(18, 0); // ApiVersions
    body.writeInt16BE(0, 2);
    body.writeInt32BE(4242, 4);
    body.writeInt16BE(clientId.length, 8);
    clientId.copy(body, 10);
    const frame = Buffer.alloc(4);
    frame.writeInt32BE(body.length, 0);
    let got = Buffer.alloc(0);
    s.on('connect', () => s.write(Buffer.concat([frame, body])));
    s.on('data', (d) => {
      got = Buffer.concat([got, d]);
      if (got.length >= 8) {
        s.destroy();
        resolve(got.readInt32BE(4));
      }
    });
    s.on('error', reject);
    s.on('close', () => reject(new Error('closed before an answer')));
  });
}

function connectFails(port: number): Promise<string> {
  return new Promise((resolve) => {
    const s = net.connect({ host: '127.0.0.1', port });
    s.on('connect', () => {
      s.destroy();
      resolve('connected');
    });
    s.on('error', (err: NodeJS.ErrnoException) => resolve(err.code ?? err.message));
  });
}

describe('ssh tunnel local ports (real sshd)', () => {
  const keys = new Keys();
  let sshd: Sshd;
  let port: number;
  let knownHosts: string;
  const plaintext = sandbox().listeners.plaintext; // "localhost:9092"

  before(async () => {
    port = await freePort();
    knownHosts = keys.knownHosts('known_hosts', port, keys.hostA);
    sshd = await Sshd.start({ port, hostKey: keys.hostA, authorized: [keys.user] });
  });
  after(async () => {
    await sshd.stop();
    keys.remove();
  });

  it('carries a broker connection through the bastion and keeps the local port across a reconnect', async () => {
    const logger = new MemoryLogger();
    const tunnel = new SshTunnel(tunnelConfig(port, keys, knownHosts), { logger, options: FAST_TUNNEL });
    try {
      await tunnel.start([plaintext]);
      const map = tunnel.addressMap();
      assert.deepEqual(Object.keys(map), [plaintext]);
      const local = Number(map[plaintext].split(':')[1]);
      assert.match(map[plaintext], /^127\.0\.0\.1:\d+$/);

      assert.equal(await apiVersions(local), 4242, 'the broker answered through the tunnel');
      assert.equal(tunnel.stats().forwardedConnections, 1);

      // The bastion goes away and comes back on the same address with the same key.
      await sshd.stop();
      await waitFor('the tunnel to notice the drop', () =>
        Promise.resolve(tunnel.stats().state !== 'ready' ? true : undefined),
      );
      sshd = await Sshd.start({ port, hostKey: keys.hostA, authorized: [keys.user] });
      assert.equal(await apiVersions(local), 4242, 'the same local port works after the reconnect');
      assert.equal(tunnel.stats().sshConnections, 2);
      assert.equal(tunnel.addressMap()[plaintext], `127.0.0.1:${local}`);
    } finally {
      await tunnel.dispose();
    }
  });

  it('gives up, and says why, when the bastion comes back with another host key', async () => {
    const fatal: SshTunnelError[] = [];
    const tunnel = new SshTunnel(tunnelConfig(port, keys, knownHosts), {
      logger: new MemoryLogger(),
      options: FAST_TUNNEL,
      onFatal: (err) => fatal.push(err),
    });
    try {
      await tunnel.start([plaintext]);
      const local = Number(tunnel.addressMap()[plaintext].split(':')[1]);
      await sshd.stop();
      // Same address, another host key: an impostor (or a rebuilt bastion nobody confirmed).
      sshd = await Sshd.start({ port, hostKey: keys.hostB, authorized: [keys.user] });
      await waitFor('the tunnel to give up', () => Promise.resolve(fatal.length ? true : undefined));
      assert.equal(fatal[0].problem, 'HostKeyChanged');
      assert.ok(fatal[0].message.includes(sha256Fingerprint(keys.hostB.blob)));
      assert.equal(tunnel.stats().state, 'failed');
      assert.equal(tunnel.stats().sshConnections, 1, 'it never signed in to the impostor');
      await assert.rejects(apiVersions(local), /closed before an answer|ECONNRESET/);
    } finally {
      await tunnel.dispose();
      await sshd.stop();
      sshd = await Sshd.start({ port, hostKey: keys.hostA, authorized: [keys.user] });
    }
  });

  it('works from the shipped bundle, where ssh2 runs without native addons', async () => {
    const out = join(keys.dir, 'kafka-bundle.js');
    await writeBundle('src/kafka/index.ts', out);
    const bundled = createRequire(__filename)(out) as typeof import('../../../src/kafka/index');
    const tunnel = new bundled.SshTunnel(tunnelConfig(port, keys, knownHosts), {
      logger: new MemoryLogger(),
      options: FAST_TUNNEL,
    });
    try {
      await tunnel.start([plaintext]);
      const local = Number(tunnel.addressMap()[plaintext].split(':')[1]);
      assert.equal(await apiVersions(local), 4242);
    } finally {
      await tunnel.dispose();
    }
  });

  it('closes its local ports and the SSH connection on dispose', async () => {
    const tunnel = new SshTunnel(tunnelConfig(port, keys, knownHosts), {
      logger: new MemoryLogger(),
      options: FAST_TUNNEL,
    });
    await tunnel.start([plaintext]);
    const extra = await tunnel.forward('127.0.0.1', Number(plaintext.split(':')[1]));
    const local = Number(tunnel.addressMap()[plaintext].split(':')[1]);
    // An open connection through the tunnel, to see it closed too.
    const open = net.connect({ host: '127.0.0.1', port: local });
    await new Promise((r) => open.once('connect', r));
    const closed = new Promise((r) => open.once('close', r));
    assert.ok(
      tcpConnectionsOf(process.pid).some((c) => c.remotePort === port),
      'an SSH connection is open',
    );

    await tunnel.dispose();
    await closed;
    assert.equal(await connectFails(local), 'ECONNREFUSED');
    assert.equal(await connectFails(extra.port), 'ECONNREFUSED');
    assert.deepEqual(
      tcpConnectionsOf(process.pid).filter((c) => c.remotePort === port),
      [],
      'no SSH connection is left',
    );
  });
});
