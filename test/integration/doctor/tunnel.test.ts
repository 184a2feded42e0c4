/**
 * The connection doctor on a manual connection that goes through an SSH bastion (a real OpenSSH
 * server on loopback with throwaway keys, the shared sandbox's broker behind it): the sign-in, the
 * metadata and the topic checks go through the tunnel; a bastion whose host key changed fails the
 * sign-in step with the tunnel's own message and next step.
 */
import { strict as assert } from 'node:assert';
import { after, before, describe, it } from 'node:test';
import type { ClusterRef } from '../../../src/services/clusterModel';
import { runDoctor } from '../../../src/services/doctor/runner';
import type { DoctorReport, DoctorStep } from '../../../src/services/doctor/types';
import { MskBackend } from '../../../src/services/mskBackend';
import type { ManualConnectionSetting, MskSettings } from '../../../src/services/settingsModel';
import { parseMskSettings } from '../../../src/services/settingsModel';
import { silentLogger } from '../../../src/shared/logger';
import { Cleanup, kafkaConfig, produce, sandbox } from '../support/sandbox';
import { FAST_TUNNEL, Keys } from '../tunnel/fixture';
import { currentUser, freePort, Sshd } from '../tunnel/sshd';

const TIMEOUTS = { aws: 4000, dns: 2000, tcp: 3000, tls: 3000, kafka: 8000 };

describe('connection doctor through an SSH tunnel (real sshd, sandbox broker)', () => {
  const keys = new Keys();
  const cleanup = new Cleanup();
  let sshd: Sshd;
  let backend: MskBackend;
  let topic: string;

  function connection(id: string, knownHostsFile: string, port: number): ManualConnectionSetting {
    return {
      id,
      name: `doctor via bastion (${id})`,
      bootstrapServers: sandbox().listeners.plaintext,
      auth: 'plaintext',
      sshTunnel: {
        host: '127.0.0.1',
        port,
        user: currentUser(),
        privateKeyFile: keys.user.file,
        knownHostsFile,
      },
    };
  }

  function ref(id: string): ClusterRef {
    const found = backend.manualClusters().find((c) => c.key === `manual:${id}`);
    assert.ok(found, `the connection ${id} is listed`);
    return found;
  }

  async function diagnose(id: string): Promise<DoctorReport> {
    return runDoctor(backend.doctor(), { cluster: ref(id), topic, timeouts: TIMEOUTS });
  }

  function step(report: DoctorReport, id: string): DoctorStep {
    const found = report.steps.find((s) => s.id === id);
    assert.ok(found, `no step ${id} in ${report.steps.map((s) => `${s.id}=${s.status}`).join(', ')}`);
    return found;
  }

  before(async () => {
    const port = await freePort();
    sshd = await Sshd.start({ port, hostKey: keys.hostA, authorized: [keys.user] });
    const raw = [
      connection('key', keys.knownHosts('known_hosts', port, keys.hostA), port),
      connection('changed', keys.knownHosts('known_hosts_old', port, keys.hostB), port),
    ];
    const settings: MskSettings = parseMskSettings((key) => (key === 'msk.connections' ? raw : undefined));
    backend = new MskBackend({
      settings: () => settings,
      secrets: { get: () => Promise.resolve(undefined) },
      log: silentLogger,
      userAgent: 'msk-explorer-test',
      env: { HOME: keys.dir },
      tunnelOptions: FAST_TUNNEL,
    });
    topic = await cleanup.createTopic('doctor-tunnel', 1);
    await produce(kafkaConfig(sandbox(), 'plaintext'), topic, ['through the bastion']);
  });

  after(async () => {
    await backend.dispose();
    await sshd.stop();
    await cleanup.run();
    keys.remove();
  });

  it('signs in, describes the cluster and reads the topic through the tunnel', async () => {
    const report = await diagnose('key');
    assert.deepEqual(
      report.steps.filter((s) => s.status === 'fail'),
      [],
    );
    assert.match(step(report, 'settings').detail!, /SSH tunnel via .*@127\.0\.0\.1:\d+/);
    assert.match(step(report, 'network').detail!, /reached through the SSH tunnel to 127\.0\.0\.1/);
    assert.equal(step(report, 'auth').status, 'ok');
    assert.equal(step(report, 'metadata').status, 'ok');
    assert.match(step(report, 'authz.read').detail!, /read 1 message/);
  });

  it('a bastion whose host key changed: the sign-in step fails with the host-key message and next step', async () => {
    const report = await diagnose('changed');
    const failed = report.steps.filter((s) => s.status === 'fail');
    assert.deepEqual(
      failed.map((s) => s.id),
      ['auth'],
    );
    assert.match(failed[0].detail!, /The host key of the SSH bastion .* has changed/);
    assert.match(failed[0].next!, /Confirm the new key with the bastion’s administrator/);
  });
});
