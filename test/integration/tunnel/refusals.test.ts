/**
 * What a person sees when the tunnel cannot be used, against real OpenSSH servers: a changed,
 * unknown or revoked host key is refused (naming the expected and presented fingerprints and the
 * next step), as are a wrong key, a missing passphrase or agent, an unreachable bastion and a
 * forward the bastion refuses. Right settings (pinned fingerprint, encrypted key, agent) connect.
 */
import { strict as assert } from 'node:assert';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { KafkaClientPool } from '../../../src/kafka/clientPool';
import { isKafkaUserError } from '../../../src/kafka/errors';
import { sha256Fingerprint } from '../../../src/kafka/tunnel/fingerprint';
import { SshTunnel } from '../../../src/kafka/tunnel/tunnel';
import type { SshTunnelError, SshTunnelProblem } from '../../../src/kafka/tunnel/errors';
import type { SshTunnelConfig } from '../../../src/kafka/tunnel/types';
import { FAST, MemoryLogger, specFor, waitFor } from '../kafka/helpers';
import { sandbox } from '../support/sandbox';
import { FAST_TUNNEL, Keys, PASSPHRASE, tunnelConfig } from './fixture';
import { freePort, Sshd } from './sshd';

const PLAINTEXT = sandbox().listeners.plaintext;

/** Starts a tunnel with `config`; returns the error it fails with (fails the test if it connects). */
async function refusal(config: SshTunnelConfig, bootstrap = [PLAINTEXT]): Promise<SshTunnelError> {
  const tunnel = new SshTunnel(config, { logger: new MemoryLogger(), options: FAST_TUNNEL });
  try {
    await tunnel.start(bootstrap);
  } catch (err) {
    return err as SshTunnelError;
  } finally {
    await tunnel.dispose();
  }
  throw new Error('the tunnel connected, but a refusal was expected');
}

async function connects(config: SshTunnelConfig): Promise<void> {
  const tunnel = new SshTunnel(config, { logger: new MemoryLogger(), options: FAST_TUNNEL });
  try {
    await tunnel.start([PLAINTEXT]);
    assert.equal(tunnel.stats().state, 'ready');
  } finally {
    await tunnel.dispose();
  }
}

function assertProblem(err: SshTunnelError, problem: SshTunnelProblem, ...inMessage: (string | RegExp)[]): void {
  assert.equal(err.problem, problem, `${err.problem}: ${err.message}`);
  assert.ok(isKafkaUserError(err), 'a user error with a hint');
  assert.ok(err.hint && err.hint.length > 20, 'it says what to do next');
  for (const m of inMessage) {
    if (typeof m === 'string') assert.ok(err.message.includes(m), `"${m}" in: ${err.message}`);
    else assert.match(err.message, m);
  }
}

describe('ssh tunnel refusals (real sshd)', () => {
  const keys = new Keys();
  let good: Sshd;
  let impostor: Sshd;
  let noForwarding: Sshd;
  let agent: ChildProcess | undefined;
  const fpA = () => sha256Fingerprint(keys.hostA.blob);
  const fpB = () => sha256Fingerprint(keys.hostB.blob);

  before(async () => {
    const authorized = [keys.user, keys.encrypted];
    good = await Sshd.start({ port: await freePort(), hostKey: keys.hostA, authorized });
    impostor = await Sshd.start({ port: await freePort(), hostKey: keys.hostB, authorized });
    noForwarding = await Sshd.start({
      port: await freePort(),
      hostKey: keys.hostA,
      authorized,
      allowForwarding: false,
    });
  });
  after(async () => {
    agent?.kill();
    await Promise.all([good.stop(), impostor.stop(), noForwarding.stop()]);
    keys.remove();
  });

  it('refuses a changed host key listed in known_hosts, naming both fingerprints, through the client pool', async () => {
    // known_hosts knows the bastion by key A; the server on that address now presents key B.
    const knownHosts = keys.knownHosts('known_hosts-changed', impostor.port, keys.hostA);
    const pool = new KafkaClientPool({ logger: new MemoryLogger(), clientOptions: FAST, tunnelOptions: FAST_TUNNEL });
    const spec = specFor('plaintext', 'admin', {
      id: 'it-tunnel-changed',
      tunnel: tunnelConfig(impostor.port, keys, knownHosts),
    });
    try {
      const err = await pool.getAdmin(spec).then(
        () => assert.fail('connected through an impostor'),
        (e: unknown) => e as SshTunnelError,
      );
      assertProblem(err, 'HostKeyChanged', 'has changed', fpA(), fpB(), knownHosts);
      assert.match(err.hint!, /ssh-keygen -R "\[127\.0\.0\.1\]:\d+"/);
      // Once the person has confirmed and recorded the new key, the next use connects.
      keys.knownHosts('known_hosts-changed', impostor.port, keys.hostB);
      const admin = await pool.getAdmin(spec);
      assert.ok((await admin.listTopics()).length > 0);
    } finally {
      await pool.disposeAll();
    }
  });

  it('refuses a host key that does not match the pinned fingerprint, and accepts the right one', async () => {
    const pinnedA = { kind: 'fingerprint', sha256: fpA() } as const;
    const err = await refusal(tunnelConfig(impostor.port, keys, '', { hostKey: pinnedA }));
    assertProblem(err, 'HostKeyChanged', `${fpA()} is pinned`, fpB());
    await connects(tunnelConfig(good.port, keys, '', { hostKey: { kind: 'fingerprint', sha256: ` ${fpA()}= ` } }));
    const bad = await refusal(
      tunnelConfig(good.port, keys, '', { hostKey: { kind: 'fingerprint', sha256: 'aa:bb:cc' } }),
    );
    assertProblem(bad, 'BadFingerprint', 'aa:bb:cc');
  });

  it('refuses a bastion known_hosts does not list, and a revoked key', async () => {
    const other = keys.knownHosts('known_hosts-other', good.port + 1, keys.hostA, [
      'bastion.example.com ' + keys.hostA.publicLine.split(' ').slice(0, 2).join(' '),
    ]);
    assertProblem(await refusal(tunnelConfig(good.port, keys, other)), 'HostKeyUnknown', 'is not in', fpA());

    const revokedFile = join(keys.dir, 'known_hosts-revoked');
    const [type, blob] = keys.hostA.publicLine.split(' ');
    writeFileSync(revokedFile, `@revoked * ${type} ${blob}\n[127.0.0.1]:${good.port} ${type} ${blob}\n`);
    assertProblem(await refusal(tunnelConfig(good.port, keys, revokedFile)), 'HostKeyRevoked', '@revoked', 'line 1');

    const missing = join(keys.dir, 'no-such-known_hosts');
    assertProblem(await refusal(tunnelConfig(good.port, keys, missing)), 'KnownHostsUnreadable', missing);
  });

  it('says when the bastion refuses the key, or cannot be reached', async () => {
    const knownHosts = keys.knownHosts('known_hosts-good', good.port, keys.hostA);
    const stranger = tunnelConfig(good.port, keys, knownHosts, {
      auth: { kind: 'keyFile', privateKeyPath: keys.stranger.file },
    });
    assertProblem(await refusal(stranger), 'AuthFailed', 'refused the sign-in', keys.stranger.file);

    const nobody = await freePort();
    const down = await refusal(tunnelConfig(nobody, keys, keys.knownHosts('known_hosts-down', nobody, keys.hostA)));
    assertProblem(down, 'Unreachable', `127.0.0.1:${nobody}`, 'refused the connection');
    assert.equal(down.code, 'Unreachable');
  });

  it('says when the bastion refuses to forward, or cannot reach the broker', async () => {
    const knownHosts = keys.knownHosts('known_hosts-nofwd', noForwarding.port, keys.hostA);
    const refused = await refusal(tunnelConfig(noForwarding.port, keys, knownHosts));
    assertProblem(refused, 'ForwardRefused', `refused to forward to ${PLAINTEXT}`);
    assert.match(refused.hint!, /AllowTcpForwarding/);

    const closedPort = await freePort();
    const goodHosts = keys.knownHosts('known_hosts-good', good.port, keys.hostA);
    const failed = await refusal(tunnelConfig(good.port, keys, goodHosts), [`127.0.0.1:${closedPort}`]);
    assertProblem(failed, 'ForwardFailed', `could not connect to 127.0.0.1:${closedPort}`);
  });

  it('asks for the passphrase of an encrypted key only, and names a wrong or missing one', async () => {
    const knownHosts = keys.knownHosts('known_hosts-good', good.port, keys.hostA);
    const encrypted = { kind: 'keyFile', privateKeyPath: keys.encrypted.file } as const;
    let asked = 0;
    await connects(
      tunnelConfig(good.port, keys, knownHosts, {
        auth: encrypted,
        passphrase: () => (asked++, Promise.resolve(PASSPHRASE)),
      }),
    );
    assert.equal(asked, 1);
    await connects(
      tunnelConfig(good.port, keys, knownHosts, {
        passphrase: () => Promise.reject(new Error('an unencrypted key must not ask')),
      }),
    );
    const none = await refusal(tunnelConfig(good.port, keys, knownHosts, { auth: encrypted }));
    assertProblem(none, 'PassphraseNeeded', keys.encrypted.file, 'encrypted');
    const wrong = await refusal(
      tunnelConfig(good.port, keys, knownHosts, { auth: encrypted, passphrase: () => Promise.resolve('not-it-4711') }),
    );
    assertProblem(wrong, 'PassphraseWrong', keys.encrypted.file);
    assert.ok(!`${wrong.message} ${wrong.hint}`.includes('not-it-4711'), 'the passphrase is never echoed');
  });

  it('signs in through an SSH agent found by the SSH_AUTH_SOCK passed in', async () => {
    const knownHosts = keys.knownHosts('known_hosts-good', good.port, keys.hostA);
    const sock = join(keys.dir, 'agent.sock');
    agent = spawn('ssh-agent', ['-D', '-a', sock], { stdio: 'ignore' });
    await waitFor('the agent socket', () => Promise.resolve(existsSync(sock) ? true : undefined));
    const add = spawnSync('ssh-add', [keys.user.file], { env: { SSH_AUTH_SOCK: sock, PATH: process.env.PATH } });
    assert.equal(add.status, 0, add.stderr.toString());
    await connects(
      tunnelConfig(good.port, keys, knownHosts, { auth: { kind: 'agent' }, env: { SSH_AUTH_SOCK: sock } }),
    );
    const noAgent = await refusal(tunnelConfig(good.port, keys, knownHosts, { auth: { kind: 'agent' }, env: {} }));
    assertProblem(noAgent, 'NoAgent', 'SSH_AUTH_SOCK');
  });
});
