/**
 * The connection doctor against the sandbox, one injected fault per test: each names the step that
 * fails and its next step, as a person would read them in the report. Plus a healthy run where
 * every step passes and the chosen topic is described and read (never written unless confirmed).
 */
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { privateCluster } from '../../../sandbox/controlplane/privateCluster';
import type { ClusterRef } from '../../../src/services/clusterModel';
import { runDoctor } from '../../../src/services/doctor/runner';
import type { DoctorReport, DoctorStep } from '../../../src/services/doctor/types';
import type { MskBackend } from '../../../src/services/mskBackend';
import { manualPasswordKey } from '../../../src/services/mskBackend';
import type { ManualConnectionSetting, MskSettings } from '../../../src/services/settingsModel';
import { backendWith, sandboxSettings } from '../support/backend';
import { Cleanup, kafkaConfig, produce, sandbox, uniqueName, withAdmin } from '../support/sandbox';

const TIMEOUTS = { aws: 4000, dns: 2000, tcp: 1500, tls: 2000, kafka: 5000 };

const cleanup = new Cleanup();
const backends: MskBackend[] = [];
const dir = mkdtempSync(join(tmpdir(), 'msk-doctor-'));
after(async () => {
  await Promise.all(backends.map((b) => b.dispose()));
  await cleanup.run();
  rmSync(dir, { recursive: true, force: true });
});

/** A throwaway self-signed certificate and its key (signed by nobody the sandbox trusts). */
function selfSigned(name: string, commonName: string): { key: string; cert: string } {
  const key = join(dir, `${name}.key`);
  const cert = join(dir, `${name}.pem`);
  const args = ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '2'];
  execFileSync('openssl', [...args, '-subj', `/CN=${commonName}`], { stdio: 'ignore' });
  return { key, cert };
}

function track(b: MskBackend): MskBackend {
  backends.push(b);
  return b;
}

function provisioned(): ClusterRef {
  const st = sandbox();
  const c = st.clusters.provisioned;
  return {
    key: c.arn,
    name: c.name,
    source: 'msk',
    arn: c.arn,
    region: st.region,
    profile: st.aws.profile,
    type: 'PROVISIONED',
    authModes: ['iam', 'scram', 'tls', 'unauthenticated'],
  };
}

function manual(conn: ManualConnectionSetting): ClusterRef {
  return {
    key: `manual:${conn.id}`,
    name: conn.name,
    source: 'manual',
    type: 'SELF_MANAGED',
    region: conn.region,
    profile: conn.awsProfile,
    authModes: ['unauthenticated'],
  };
}

async function diagnose(
  settings: MskSettings,
  cluster: ClusterRef,
  options: { secrets?: Record<string, string>; topic?: string; write?: boolean } = {},
): Promise<{ report: DoctorReport; streamed: DoctorStep[] }> {
  const backend = track(backendWith(settings, options.secrets));
  const streamed: DoctorStep[] = [];
  const report = await runDoctor(
    backend.doctor(),
    { cluster, topic: options.topic, write: options.write, timeouts: TIMEOUTS },
    (s) => streamed.push(s),
  );
  return { report, streamed };
}

function step(report: DoctorReport, id: string): DoctorStep {
  const found = report.steps.find((s) => s.id === id);
  assert.ok(found, `no step ${id} in ${report.steps.map((s) => `${s.id}=${s.status}`).join(', ')}`);
  return found;
}

function failures(report: DoctorReport): DoctorStep[] {
  return report.steps.filter((s) => s.status === 'fail');
}

/** The one failing step: its id, and that it has a next step. */
function onlyFailure(report: DoctorReport): DoctorStep {
  const failed = failures(report);
  assert.equal(
    failed.length,
    1,
    `expected one failed step, got ${failed.map((s) => `${s.id}: ${s.detail}`).join(' | ')}`,
  );
  const [only] = failed as [DoctorStep];
  assert.ok(only.next, 'the failed step has a next step');
  return only;
}

/** A loopback port with nothing listening on it. */
async function closedPort(): Promise<number> {
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

function plaintextConnection(bootstrap: string): ManualConnectionSetting {
  return { id: uniqueName('doc'), name: 'doctor-plain', bootstrapServers: bootstrap, auth: 'plaintext' };
}

void describe('connection doctor against the sandbox', () => {
  let topic: string;

  before(async () => {
    topic = uniqueName('doctor');
    cleanup.topics.add(topic);
    await withAdmin((admin) => admin.createTopics({ topics: [{ topic, numPartitions: 1 }], waitForLeaders: true }));
    await produce(kafkaConfig(sandbox(), 'plaintext'), topic, ['hello doctor']);
  });

  void it('passes every step on the provisioned MSK cluster over IAM and reads the chosen topic', async () => {
    const { report, streamed } = await diagnose(sandboxSettings(), provisioned(), { topic });
    assert.deepEqual(failures(report), []);
    assert.match(
      step(report, 'identity').detail!,
      new RegExp(
        `profile "msk-sandbox"; region us-east-1; account ${sandbox().accountId}; identity arn:aws:iam::${sandbox().accountId}:user/admin; access key ${sandbox().principals.admin.accessKeyId}`,
      ),
    );
    assert.match(step(report, 'msk.describe').detail!, /state ACTIVE/);
    assert.match(step(report, 'msk.bootstrap').detail!, /IAM: /);
    assert.equal(step(report, 'auth').status, 'ok');
    assert.match(step(report, 'auth').title, /IAM/);
    assert.match(
      step(report, 'auth').detail!,
      /token signed for region us-east-1 with the credentials of profile "msk-sandbox"$/,
    );
    assert.match(step(report, 'authz.read').detail!, /read 1 message/);
    assert.equal(step(report, 'authz.write').status, 'skipped', 'no write without confirmation');
    // Streamed live: each step was announced running before its result.
    assert.ok(streamed.some((s) => s.id === 'auth' && s.status === 'running'));
    assert.ok(report.steps.every((s) => s.status === 'skipped' || typeof s.durationMs === 'number'));
  });

  void it('a closed port: the TCP step fails as refused and names the listener ports', async () => {
    const port = await closedPort();
    const conn = plaintextConnection(`127.0.0.1:${port}`);
    const { report } = await diagnose(sandboxSettings({ connections: [conn] }), manual(conn));
    const failed = onlyFailure(report);
    assert.equal(failed.id, `tcp:127.0.0.1:${port}`);
    assert.match(failed.detail!, /refused/);
    assert.match(failed.next!, /nothing listens on this port.*9098 IAM/);
    assert.equal(step(report, 'auth').status, 'skipped');
  });

  void it('a wrong CA: the TLS step says the chain is not trusted and to set the CA file', async () => {
    const { cert: caFile } = selfSigned('wrong-ca', 'Not The Sandbox CA');
    const conn: ManualConnectionSetting = {
      id: uniqueName('doc'),
      name: 'doctor-tls',
      bootstrapServers: sandbox().listeners.tls,
      auth: 'tls',
      caFile,
    };
    const { report } = await diagnose(sandboxSettings({ connections: [conn] }), manual(conn));
    const failed = onlyFailure(report);
    assert.equal(failed.id, `tls:${sandbox().listeners.tls}`);
    assert.match(failed.detail!, /certificate chain is not trusted/);
    assert.match(failed.next!, /configured CA did not sign this certificate/);
  });

  void it('mTLS: the sandbox-signed client certificate is accepted; a self-signed one fails the sign-in', async () => {
    const st = sandbox();
    const good: ManualConnectionSetting = {
      id: uniqueName('doc'),
      name: 'doctor-mtls',
      bootstrapServers: st.listeners.tls,
      auth: 'mtls',
      caFile: st.caFile,
      certFile: st.principals.admin.clientCert,
      keyFile: st.principals.admin.clientKey,
    };
    const ok = await diagnose(sandboxSettings({ connections: [good] }), manual(good), { topic });
    assert.deepEqual(failures(ok.report), []);
    assert.equal(step(ok.report, 'auth').title, 'Sign in (mTLS)');
    assert.match(step(ok.report, 'authz.read').detail!, /read 1 message/);

    const { key, cert } = selfSigned('stranger', 'stranger');
    const bad: ManualConnectionSetting = { ...good, id: uniqueName('doc'), certFile: cert, keyFile: key };
    const { report } = await diagnose(sandboxSettings({ connections: [bad] }), manual(bad));
    const failed = onlyFailure(report);
    assert.equal(failed.id, 'auth');
    assert.match(failed.detail!, /refused the client certificate of doctor-mtls/);
    assert.match(failed.next!, /signed by a CA the cluster trusts/);
  });

  void it('a wrong SCRAM password: the sign-in step names the user and says to check the password', async () => {
    const st = sandbox();
    const conn: ManualConnectionSetting = {
      id: uniqueName('doc'),
      name: 'doctor-scram',
      bootstrapServers: st.listeners.scram,
      auth: 'scram-sha-512',
      username: st.principals.admin.scramUser,
      caFile: st.caFile,
    };
    const secrets = { [manualPasswordKey(conn.id)]: `${st.principals.admin.scramPassword}-wrong` };
    const { report } = await diagnose(sandboxSettings({ connections: [conn] }), manual(conn), { secrets });
    const failed = onlyFailure(report);
    assert.equal(failed.id, 'auth');
    assert.match(failed.detail!, /refused the SCRAM credentials of user "admin"/);
    assert.match(failed.next!, /Check the user name and password/);
    assert.equal(step(report, `tls:${st.listeners.scram}`).status, 'ok');
  });

  void it('a wrong IAM secret: the sign-in step fails and says to check the credentials and region', async () => {
    const st = sandbox();
    const credentialsFile = join(dir, 'credentials');
    const admin = st.principals.admin;
    const wrong = admin.secretAccessKey.split('').reverse().join('');
    writeFileSync(
      credentialsFile,
      `[wrong-secret]\naws_access_key_id = ${admin.accessKeyId}\naws_secret_access_key = ${wrong === admin.secretAccessKey ? `${wrong}x` : wrong}\n`,
    );
    const configFile = join(dir, 'config');
    writeFileSync(configFile, `[profile wrong-secret]\nregion = ${st.region}\n`);
    const conn: ManualConnectionSetting = {
      id: uniqueName('doc'),
      name: 'doctor-iam',
      bootstrapServers: st.listeners.iam,
      auth: 'iam',
      awsProfile: 'wrong-secret',
      region: st.region,
      caFile: st.caFile,
    };
    const settings = sandboxSettings({
      connections: [conn],
      awsConfigFile: configFile,
      awsCredentialsFile: credentialsFile,
    });
    const { report } = await diagnose(settings, manual(conn));
    const failed = onlyFailure(report);
    assert.equal(failed.id, 'auth');
    assert.match(failed.detail!, /refused the IAM sign-in/);
    assert.match(failed.next!, /credentials are valid.*kafka-cluster:Connect/);
  });

  void it('a wrong IAM secret on an MSK cluster: the identity step (STS) fails, the MSK API is not called', async () => {
    const st = sandbox();
    const admin = st.principals.admin;
    const credentialsFile = join(dir, 'credentials-msk');
    const wrong = admin.secretAccessKey.split('').reverse().join('');
    writeFileSync(
      credentialsFile,
      `[wrong-secret]\naws_access_key_id = ${admin.accessKeyId}\naws_secret_access_key = ${wrong === admin.secretAccessKey ? `${wrong}x` : wrong}\n`,
    );
    const configFile = join(dir, 'config-msk');
    writeFileSync(
      configFile,
      `[profile wrong-secret]\nregion = ${st.region}\nendpoint_url = ${st.controlPlaneEndpoint}\n`,
    );
    const settings = sandboxSettings({
      awsProfile: 'wrong-secret',
      awsConfigFile: configFile,
      awsCredentialsFile: credentialsFile,
    });
    const { report } = await diagnose(settings, { ...provisioned(), profile: 'wrong-secret' });
    const failed = onlyFailure(report);
    assert.equal(failed.id, 'identity');
    assert.match(failed.detail!, /STS GetCallerIdentity refused the credentials/);
    assert.match(failed.next!, /secret/i);
    assert.equal(step(report, 'msk.describe').status, 'skipped');
  });

  void it('ACL denied: the read-only identity reads the topic but writing names kafka-cluster:WriteData', async () => {
    const st = sandbox();
    const cluster = { ...provisioned(), profile: st.aws.readonlyProfile };
    const { report } = await diagnose(sandboxSettings({ awsProfile: st.aws.readonlyProfile }), cluster, {
      topic,
      write: true,
    });
    const failed = onlyFailure(report);
    assert.equal(failed.id, 'authz.write');
    assert.match(failed.detail!, /Not authorized to write to topic .* needs kafka-cluster:WriteData on arn:aws:kafka:/);
    assert.match(failed.next!, /IAM policy/);
    assert.equal(step(report, 'authz.read').status, 'ok');
  });

  void it("an IAM connection without a profile of its own signs with the explorer's profile, and says so", async () => {
    const st = sandbox();
    const conn: ManualConnectionSetting = {
      id: uniqueName('doc'),
      name: 'doctor-iam-explorer-profile',
      bootstrapServers: st.listeners.iam,
      auth: 'iam',
      region: st.region,
      caFile: st.caFile,
    };
    const settings = sandboxSettings({ connections: [conn], awsProfile: st.aws.readonlyProfile });
    const { report } = await diagnose(settings, manual(conn));
    assert.equal(step(report, 'auth').status, 'ok', step(report, 'auth').detail);
    assert.match(
      step(report, 'auth').detail!,
      new RegExp(`with the credentials of profile "${st.aws.readonlyProfile}"$`),
    );
  });

  void it('a broker advertising an address nobody can reach: bootstrap works, the advertised broker fails', async () => {
    const st = sandbox();
    const port = await closedPort();
    // Bootstrap by IP; the broker advertises its listener name, which the map sends to a dead port.
    const advertised = st.listeners.plaintext;
    const bootstrap = advertised.replace(/^localhost:/, '127.0.0.1:');
    const conn = plaintextConnection(bootstrap);
    const settings = sandboxSettings({
      connections: [conn],
      brokerAddressMap: { [conn.name]: { [advertised]: `127.0.0.1:${port}` } },
    });
    const { report } = await diagnose(settings, manual(conn));
    const failed = onlyFailure(report);
    assert.equal(failed.id, `advertised:${advertised}`);
    assert.match(
      failed.detail!,
      /bootstrap broker answered, but the broker it advertises at localhost:\d+ cannot be reached/,
    );
    assert.match(failed.next!, /advertised\.listeners.*msk\.brokerAddressMap/);
    assert.equal(step(report, 'auth').status, 'ok');
    assert.equal(step(report, `tcp:${bootstrap}`).status, 'ok');
  });

  void it('an unreachable MSK API: DescribeClusterV2 fails naming the endpoint, the rest is skipped', async () => {
    const port = await closedPort();
    const { report } = await diagnose(sandboxSettings({ awsEndpoint: `http://127.0.0.1:${port}` }), provisioned());
    const failed = onlyFailure(report);
    assert.equal(failed.id, 'msk.describe');
    assert.match(failed.detail!, new RegExp(`Cannot reach http://127.0.0.1:${port}`));
    assert.match(failed.next!, /endpoint/i);
    // STS goes to the same endpoint: the identity step warns instead of judging the credentials.
    assert.equal(step(report, 'identity').status, 'warn');
    assert.equal(step(report, 'msk.bootstrap').status, 'skipped');
    assert.equal(step(report, 'auth').status, 'skipped');
  });

  void it('sandbox-private: the MSK API answers, the brokers time out (security groups, VPC, tunnel)', async () => {
    const st = sandbox();
    const c = privateCluster(st);
    const cluster: ClusterRef = { ...provisioned(), key: c.arn, arn: c.arn, name: c.name, authModes: ['iam'] };
    const { report } = await diagnose(sandboxSettings(), cluster);
    assert.equal(step(report, 'msk.describe').status, 'ok');
    assert.equal(step(report, 'msk.bootstrap').status, 'ok');
    const failed = failures(report);
    assert.ok(failed.length >= 1);
    for (const f of failed) {
      assert.match(f.id, /^(tcp|tls):127\.0\.0\.1:\d+$/);
      assert.match(f.next!, /security group.*VPC.*public access.*SSH tunnel/);
    }
    assert.equal(step(report, 'auth').status, 'skipped');
  });
});
