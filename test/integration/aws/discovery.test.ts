/**
 * The AWS layer against the sandbox's control plane, used exactly as a user would: the sandbox's
 * profile from its config/credentials files, the endpoint from the profile's endpoint_url.
 */
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { readSandboxState, type SandboxState } from '../../../sandbox/state';
import {
  allBootstrapStrings,
  AwsClientFactory,
  AwsUserError,
  chooseBootstrap,
  listProfiles,
  MskService,
  type AwsTarget,
  type MskClusterSummary,
} from '../../../src/aws';
import { presentError } from '../../../src/shared/errorPresentation';

let state: SandboxState;
let factory: AwsClientFactory;
let msk: MskService;
let admin: AwsTarget;
let readonly: AwsTarget;
let tmp: string;

before(() => {
  state = readSandboxState();
  factory = new AwsClientFactory({ userAgent: 'msk-explorer/test', env: { HOME: tmpdir() } });
  msk = new MskService(factory);
  admin = { profile: state.aws.profile, configFile: state.aws.configFile, credentialsFile: state.aws.credentialsFile };
  readonly = { ...admin, profile: state.aws.readonlyProfile };
  tmp = mkdtempSync(join(tmpdir(), 'msk-aws-it-'));
});

after(() => {
  factory.dispose();
  rmSync(tmp, { recursive: true, force: true });
});

async function allClusters(target: AwsTarget): Promise<{ clusters: MskClusterSummary[]; pages: number }> {
  const clusters: MskClusterSummary[] = [];
  let token: string | undefined;
  let pages = 0;
  do {
    const page = await msk.listClusters(target, { pageSize: 1, pageToken: token });
    pages += 1;
    assert.ok(page.clusters.length <= 1, 'a page of 1 holds at most one cluster');
    clusters.push(...page.clusters);
    token = page.nextToken;
  } while (token && pages < 20);
  return { clusters, pages };
}

async function rejection(p: Promise<unknown>): Promise<AwsUserError> {
  const err = await p.then(
    () => assert.fail('expected the call to fail'),
    (e: unknown) => e,
  );
  assert.ok(err instanceof AwsUserError, `expected an AwsUserError, got ${String(err)}`);
  return err;
}

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}

void describe('sandbox: profiles', () => {
  void test("the sandbox's files list both profiles as static keys with the control plane endpoint", async () => {
    const listing = await listProfiles({
      configFile: state.aws.configFile,
      credentialsFile: state.aws.credentialsFile,
      env: {},
    });
    const byName = new Map(listing.profiles.map((p) => [p.name, p]));
    for (const name of [state.aws.profile, state.aws.readonlyProfile]) {
      assert.equal(byName.get(name)?.kind, 'static');
      assert.equal(byName.get(name)?.region, state.region);
      assert.equal(byName.get(name)?.endpointUrl, state.controlPlaneEndpoint);
    }
  });

  void test("the cached credential provider (what Kafka IAM gets) yields the profile's key", async () => {
    const creds = await factory.credentialsFor(admin)();
    assert.equal(creds.accessKeyId, state.principals.admin.accessKeyId);
  });
});

void describe('sandbox: cluster discovery', () => {
  void test('both clusters are discovered through pages of 1', async () => {
    const { clusters, pages } = await allClusters(admin);
    assert.ok(pages >= 2, `expected at least 2 pages, got ${pages}`);
    const byArn = new Map(clusters.map((c) => [c.arn, c]));
    assert.equal(clusters.length, byArn.size, 'no cluster is listed twice');
    for (const info of [state.clusters.provisioned, state.clusters.serverless]) {
      const c = byArn.get(info.arn);
      assert.ok(c, `cluster ${info.name} is listed`);
      assert.equal(c.name, info.name);
      assert.equal(c.type, info.type);
      assert.equal(c.state, 'ACTIVE');
    }
    assert.deepEqual(byArn.get(state.clusters.serverless.arn)?.authModes, ['iam']);
    assert.equal(byArn.get(state.clusters.provisioned.arn)?.authModes[0], 'iam');
    assert.equal(byArn.get(state.clusters.provisioned.arn)?.kafkaVersion, state.kafkaVersion);
  });

  void test("bootstrap strings equal the sandbox's listeners and chooseBootstrap picks IAM for both", async () => {
    const { clusters } = await allClusters(admin);
    const provisioned = clusters.find((c) => c.arn === state.clusters.provisioned.arn);
    const serverless = clusters.find((c) => c.arn === state.clusters.serverless.arn);
    assert.ok(provisioned && serverless);

    const pb = await msk.getBootstrapBrokers(admin, provisioned.arn);
    assert.equal(pb.plaintext, state.listeners.plaintext);
    assert.equal(pb.tls, state.listeners.tls);
    assert.equal(pb.scram, state.listeners.scram);
    assert.equal(pb.iam, state.listeners.iam);
    const sb = await msk.getBootstrapBrokers(admin, serverless.arn);
    assert.deepEqual(sb, { iam: state.listeners.serverlessIam });

    const pc = chooseBootstrap(pb, provisioned.authModes, { preferPublic: false });
    assert.deepEqual([pc?.auth, pc?.bootstrapServers], ['iam', state.listeners.iam]);
    const sc = chooseBootstrap(sb, serverless.authModes, { preferPublic: true });
    assert.deepEqual([sc?.auth, sc?.bootstrapServers], ['iam', state.listeners.serverlessIam]);
  });

  void test("the provisioned cluster's nodes are its brokers", async () => {
    const nodes = await msk.listNodes(admin, state.clusters.provisioned.arn);
    const nodeId = /^node\.id=(\d+)$/m.exec(
      readFileSync(join(state.stateDir, 'config', 'server.properties'), 'utf8'),
    )?.[1];
    assert.deepEqual(
      nodes.map((n) => n.brokerId),
      [Number(nodeId)],
    );
    assert.ok(nodes.every((n) => n.endpoints.length > 0 && n.kafkaVersion === state.kafkaVersion));
  });

  void test('describeCluster returns the DescribeClusterV2 document', async () => {
    const d = await msk.describeCluster(admin, state.clusters.serverless.arn);
    assert.equal(d.ClusterInfo?.ClusterArn, state.clusters.serverless.arn);
    assert.equal(d.ClusterInfo?.ClusterType, 'SERVERLESS');
    assert.equal('$metadata' in d, false);
  });
});

void describe('sandbox: SCRAM secrets', () => {
  void test("the cluster's SCRAM secrets round-trip through Secrets Manager to the sandbox passwords", async () => {
    const arns = await msk.listScramSecrets(admin, state.clusters.provisioned.arn);
    assert.ok(arns.length >= 1);
    const creds = await Promise.all(arns.map((arn) => msk.getScramSecret(admin, arn)));
    const adminCreds = creds.find((c) => c.username === state.principals.admin.scramUser);
    assert.ok(adminCreds, 'the admin SCRAM user has a secret');
    assert.equal(adminCreds.password, state.principals.admin.scramPassword);
  });
});

void describe('sandbox: MSK Connect', () => {
  interface WorkerStatus {
    status: { connector: { state: string }; tasks: { state: string }[] };
  }

  void test('the connectors of the provisioned cluster are those of the Connect worker, with their real states', async () => {
    const res = await fetch(`${state.connectUrl}/connectors?expand=status`);
    assert.equal(res.status, 200);
    const worker = (await res.json()) as Record<string, WorkerStatus>;
    const expected = Object.fromEntries(
      Object.entries(worker).map(([name, w]) => {
        const states = [w.status.connector.state, ...w.status.tasks.map((t) => t.state)];
        return [name, states.includes('FAILED') ? 'FAILED' : w.status.connector.state];
      }),
    );
    assert.equal(Object.keys(expected).length, 3);

    const brokers = await msk.getBootstrapBrokers(admin, state.clusters.provisioned.arn);
    const connectors = await msk.listConnectorsForCluster(admin, allBootstrapStrings(brokers));
    assert.deepEqual(Object.fromEntries(connectors.map((c) => [c.name, c.state])), expected);
    for (const c of connectors) {
      assert.ok(c.plugins.length > 0, `${c.name} has a plugin`);
      assert.ok(c.kafkaConnectVersion, `${c.name} has a Connect version`);
      assert.match(c.capacity, /worker/);
    }

    const broken = connectors.find((c) => c.state === 'FAILED');
    assert.ok(broken);
    const detail = await msk.describeConnector(admin, broken.arn);
    assert.equal(detail.state, 'FAILED');
    assert.match(detail.stateDescription?.message ?? '', /Couldn't find or create file/);
    assert.ok(Object.keys(detail.configuration).length > 0);
  });

  void test('the serverless cluster has no connectors', async () => {
    const brokers = await msk.getBootstrapBrokers(admin, state.clusters.serverless.arn);
    assert.deepEqual(await msk.listConnectorsForCluster(admin, allBootstrapStrings(brokers)), []);
  });
});

void describe('sandbox: other identities and failures', () => {
  void test('the readonly profile can read clusters, brokers and connectors', async () => {
    const { clusters } = await allClusters(readonly);
    assert.equal(clusters.length, 4, 'msk-sandbox, msk-sandbox-serverless, sandbox-private and sandbox-express');
    const brokers = await msk.getBootstrapBrokers(readonly, state.clusters.provisioned.arn);
    assert.equal(brokers.iam, state.listeners.iam);
    assert.equal((await msk.listConnectorsForCluster(readonly, allBootstrapStrings(brokers))).length, 3);
    assert.equal((await factory.credentialsFor(readonly)()).accessKeyId, state.principals.readonly.accessKeyId);
  });

  void test('a wrong secret key gives the invalid-signature message', async () => {
    const credentialsFile = join(tmp, 'credentials-bad-secret');
    writeFileSync(
      credentialsFile,
      `[${state.aws.profile}]\naws_access_key_id = ${state.principals.admin.accessKeyId}\naws_secret_access_key = not-the-right-secret\n`,
    );
    const err = await rejection(msk.listClusters({ ...admin, credentialsFile }));
    assert.equal(err.kind, 'invalid-signature');
    assert.equal(err.message, `AWS rejected the request signature made with profile "${state.aws.profile}".`);
    assert.match(presentError(err).text, /aws_secret_access_key .* clock/);
  });

  void test('an unknown access key is named as such', async () => {
    const credentialsFile = join(tmp, 'credentials-unknown-key');
    writeFileSync(
      credentialsFile,
      `[${state.aws.profile}]\naws_access_key_id = AKIAUNKNOWNKEY000000\naws_secret_access_key = whatever\n`,
    );
    const err = await rejection(msk.listClusters({ ...admin, credentialsFile }));
    assert.equal(err.kind, 'invalid-access-key');
  });

  void test('an unreachable endpoint_url is named, with where it came from', async () => {
    const port = await closedPort();
    const configFile = join(tmp, 'config-unreachable');
    writeFileSync(
      configFile,
      `[profile ${state.aws.profile}]\nregion = ${state.region}\nendpoint_url = http://127.0.0.1:${port}\n`,
    );
    copyFileSync(state.aws.credentialsFile, join(tmp, 'credentials-copy'));
    const err = await rejection(
      msk.listClusters({ ...admin, configFile, credentialsFile: join(tmp, 'credentials-copy') }),
    );
    assert.equal(err.kind, 'endpoint-unreachable');
    assert.equal(err.message, `Cannot reach http://127.0.0.1:${port} (ECONNREFUSED).`);
    assert.match(err.hint ?? '', new RegExp(`endpoint_url of profile ${state.aws.profile}`));

    const viaSetting = await rejection(msk.listClusters({ ...admin, endpoint: `http://127.0.0.1:${port}` }));
    assert.equal(viaSetting.kind, 'endpoint-unreachable');
    assert.match(viaSetting.hint ?? '', /the endpoint setting/);
  });
});
