import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { AwsClientFactory } from '../../../src/aws/clientFactory';
import { CredentialRegistry } from '../../../src/aws/credentials';
import { AwsUserError } from '../../../src/aws/errors';
import { MskService } from '../../../src/aws/msk';
import { FakeAws, type FakeRoute } from './fakeAws';
import { presentError } from '../../../src/shared/errorPresentation';

const ARN = 'arn:aws:kafka:us-east-1:111122223333:cluster/orders/uuid-1';
const EU_ARN = 'arn:aws:kafka:eu-west-1:111122223333:cluster/eu/uuid-2';

let dir: string;
let configFile: string;
let credentialsFile: string;

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'msk-aws-msk-'));
  configFile = join(dir, 'config');
  credentialsFile = join(dir, 'credentials');
  writeFileSync(
    configFile,
    '[profile dev]\nregion = us-east-1\nendpoint_url = http://msk.fake.test:4599\n' +
      '[profile noregion]\nendpoint_url = http://msk.fake.test:4599\n',
  );
  writeFileSync(
    credentialsFile,
    '[dev]\naws_access_key_id = AKIDDEV\naws_secret_access_key = devsecret\n' +
      '[noregion]\naws_access_key_id = AKIDNR\naws_secret_access_key = nrsecret\n',
  );
});
after(() => rmSync(dir, { recursive: true, force: true }));

function setup(route: FakeRoute, registry?: CredentialRegistry) {
  const fake = new FakeAws(route);
  const env = { HOME: dir };
  const factory = new AwsClientFactory({
    env,
    userAgent: 'msk-explorer/0.1.0',
    requestHandler: fake.handler,
    ...(registry ? { credentials: registry } : {}),
  });
  const target = { profile: 'dev', configFile, credentialsFile };
  return { fake, factory, msk: new MskService(factory), target };
}

function clusterJson(name: string, n: number) {
  return {
    clusterArn: `arn:aws:kafka:us-east-1:111122223333:cluster/${name}/uuid-${n}`,
    clusterName: name,
    clusterType: 'PROVISIONED',
    state: 'ACTIVE',
    creationTime: '2024-03-01T10:00:00.000Z',
    provisioned: {
      numberOfBrokerNodes: 3,
      brokerNodeGroupInfo: { clientSubnets: ['s'], instanceType: 'kafka.m5.large' },
      currentBrokerSoftwareInfo: { kafkaVersion: '3.9.x' },
      clientAuthentication: { sasl: { iam: { enabled: true }, scram: { enabled: true } } },
    },
  };
}

void describe('MskService over a fake AWS', () => {
  void test('lists clusters one page at a time, returning nextToken for "Load more"', async () => {
    const { fake, msk, target, factory } = setup((req) => {
      if (req.operation !== 'GET /api/v2/clusters') return undefined;
      return req.query.nextToken === 'p2'
        ? { body: { clusterInfoList: [clusterJson('b', 2)] } }
        : { body: { clusterInfoList: [clusterJson('a', 1)], nextToken: 'p2' } };
    });
    const first = await msk.listClusters(target, { pageSize: 1 });
    assert.deepEqual(
      first.clusters.map((c) => [c.name, c.type, c.authModes, c.brokerCount, c.kafkaVersion]),
      [['a', 'PROVISIONED', ['iam', 'scram'], 3, '3.9.x']],
    );
    assert.equal(first.nextToken, 'p2');
    const second = await msk.listClusters(target, { pageSize: 1, pageToken: first.nextToken });
    assert.deepEqual(
      second.clusters.map((c) => c.name),
      ['b'],
    );
    assert.equal(second.nextToken, undefined);
    assert.deepEqual(
      fake.requests.map((r) => r.query),
      [{ maxResults: '1' }, { maxResults: '1', nextToken: 'p2' }],
    );
    factory.dispose();
  });

  void test("requests go to the profile's endpoint_url, signed with its key in its region, with the user agent", async () => {
    const { fake, msk, target, factory } = setup(() => ({ body: { clusterInfoList: [] } }));
    await msk.listClusters(target);
    const req = fake.requests[0];
    assert.equal(req?.url, 'http://msk.fake.test:4599/api/v2/clusters');
    assert.match(req?.headers.authorization ?? '', /Credential=AKIDDEV\/\d{8}\/us-east-1\/kafka\/aws4_request/);
    assert.match(req?.headers['user-agent'] ?? '', /msk-explorer\/0\.1\.0/);
    factory.dispose();
  });

  void test('an explicit endpoint setting and region override the profile', async () => {
    const { fake, msk, target, factory } = setup(() => ({ body: { clusterInfoList: [] } }));
    await msk.listClusters({ ...target, endpoint: 'http://override.test:9', region: 'ap-south-1' });
    assert.equal(fake.requests[0]?.url, 'http://override.test:9/api/v2/clusters');
    assert.match(fake.requests[0]?.headers.authorization ?? '', /\/ap-south-1\/kafka\//);
    factory.dispose();
  });

  void test("calls about an ARN use the ARN's region", async () => {
    const { fake, msk, target, factory } = setup((req) =>
      req.operation.endsWith('/bootstrap-brokers')
        ? { body: { bootstrapBrokerStringSaslIam: 'b-1.eu:9098', bootstrapBrokerStringPublicSaslIam: 'p-1.eu:9198' } }
        : undefined,
    );
    const brokers = await msk.getBootstrapBrokers(target, EU_ARN);
    assert.deepEqual(brokers, { iam: 'b-1.eu:9098', publicIam: 'p-1.eu:9198' });
    assert.match(fake.requests[0]?.headers.authorization ?? '', /\/eu-west-1\/kafka\//);
    assert.equal(
      fake.requests[0]?.url,
      `http://msk.fake.test:4599/v1/clusters/${encodeURIComponent(EU_ARN)}/bootstrap-brokers`,
    );
    factory.dispose();
  });

  void test('one client per (service, profile, region, endpoint), all destroyed on dispose', async () => {
    const { fake, msk, target, factory } = setup((req) =>
      req.operation.endsWith('/bootstrap-brokers') ? { body: {} } : { body: { clusterInfoList: [] } },
    );
    await Promise.all([msk.listClusters(target), msk.listClusters(target), msk.getBootstrapBrokers(target, ARN)]);
    assert.equal(factory.size, 1);
    await msk.getBootstrapBrokers(target, EU_ARN);
    assert.equal(factory.size, 2);
    factory.dispose();
    await new Promise((r) => setImmediate(r));
    assert.equal(fake.destroyed, 2);
    await assert.rejects(msk.listClusters(target), /disposed/);
  });

  void test('nodes and SCRAM secrets are read across all pages', async () => {
    const { msk, target, factory } = setup((req) => {
      if (req.operation.endsWith('/nodes')) {
        return req.query.nextToken
          ? { body: { nodeInfoList: [{ brokerNodeInfo: { brokerId: 1, endpoints: ['b-1.x'] } }] } }
          : { body: { nodeInfoList: [{ brokerNodeInfo: { brokerId: 2, endpoints: ['b-2.x'] } }], nextToken: 'n2' } };
      }
      if (req.operation.endsWith('/scram-secrets')) {
        return req.query.nextToken
          ? { body: { secretArnList: ['arn:s2'] } }
          : { body: { secretArnList: ['arn:s1'], nextToken: 't' } };
      }
      return undefined;
    });
    assert.deepEqual(
      (await msk.listNodes(target, ARN)).map((n) => [n.brokerId, n.endpoints]),
      [
        [1, ['b-1.x']],
        [2, ['b-2.x']],
      ],
    );
    assert.deepEqual(await msk.listScramSecrets(target, ARN), ['arn:s1', 'arn:s2']);
    factory.dispose();
  });

  void test('SCRAM secret round trip through Secrets Manager, and a malformed secret never echoes its value', async () => {
    const { msk, target, factory } = setup((req) => {
      if (req.operation !== 'secretsmanager.GetSecretValue') return undefined;
      const id = (req.body as { SecretId: string }).SecretId;
      return id.endsWith('good')
        ? { body: { ARN: id, SecretString: JSON.stringify({ username: 'alice', password: 'p4ss' }) } }
        : { body: { ARN: id, SecretString: 'hunter2-not-json' } };
    });
    const sm = 'arn:aws:secretsmanager:us-east-1:111122223333:secret:AmazonMSK_';
    assert.deepEqual(await msk.getScramSecret(target, `${sm}good`), { username: 'alice', password: 'p4ss' });
    const err = await msk.getScramSecret(target, `${sm}bad`).then(
      () => assert.fail('expected an error'),
      (e: unknown) => e,
    );
    assert.ok(err instanceof AwsUserError);
    assert.equal(err.kind, 'bad-secret');
    assert.doesNotMatch(presentError(err).text, /hunter2/);
    factory.dispose();
  });

  void test('connectors of a cluster: all pages of ListConnectors, matched by bootstrap broker', async () => {
    const connector = (name: string, servers: string) => ({
      connectorArn: `arn:aws:kafkaconnect:us-east-1:111122223333:connector/${name}/u`,
      connectorName: name,
      connectorState: 'RUNNING',
      kafkaConnectVersion: '2.7.1',
      capacity: { provisionedCapacity: { mcuCount: 1, workerCount: 1 } },
      kafkaCluster: { apacheKafkaCluster: { bootstrapServers: servers } },
    });
    const { fake, msk, target, factory } = setup((req) => {
      if (req.operation !== 'GET /v1/connectors') return undefined;
      return req.query.nextToken
        ? { body: { connectors: [connector('c3', 'b-1.orders:9096')] } }
        : { body: { connectors: [connector('c1', 'b-1.orders:9098'), connector('c2', 'other:9098')], nextToken: 'x' } };
    });
    const mine = await msk.listConnectorsForCluster(target, ['b-1.orders:9098,b-2.orders:9098', 'b-1.orders:9096']);
    assert.deepEqual(
      mine.map((c) => c.name),
      ['c1', 'c3'],
    );
    assert.ok(fake.requests.every((r) => r.service === 'kafkaconnect'));
    factory.dispose();
  });

  void test('AccessDenied names the action and the profile', async () => {
    const { msk, target, factory } = setup(() => ({
      status: 403,
      errorType: 'ForbiddenException',
      body: { message: 'Forbidden' },
    }));
    await assert.rejects(msk.listNodes(target, ARN), (e: unknown) => {
      assert.ok(e instanceof AwsUserError);
      assert.equal(e.kind, 'access-denied');
      assert.equal(e.message, `Access denied: profile "dev" lacks the IAM permission kafka:ListNodes on ${ARN}.`);
      return true;
    });
    factory.dispose();
  });

  void test('an expired session token drops the cached credentials and retries once', async () => {
    let credentialCalls = 0;
    const registry = new CredentialRegistry({
      env: { HOME: dir },
      createProvider: () => async () => {
        await Promise.resolve();
        credentialCalls += 1;
        return {
          accessKeyId: `ASIA${credentialCalls}`,
          secretAccessKey: 's',
          sessionToken: 't',
          expiration: new Date(Date.now() + 3600_000),
        };
      },
    });
    let replies = 0;
    const { fake, msk, target, factory } = setup(() => {
      replies += 1;
      return replies === 1
        ? {
            status: 403,
            errorType: 'ExpiredTokenException',
            body: { message: 'The security token included in the request is expired' },
          }
        : { body: { clusterInfoList: [clusterJson('a', 1)] } };
    }, registry);
    const page = await msk.listClusters(target);
    assert.equal(page.clusters.length, 1);
    assert.equal(credentialCalls, 2);
    assert.match(fake.requests[1]?.headers.authorization ?? '', /Credential=ASIA2\//);

    replies = 0;
    const always = setup(
      () => ({ status: 403, errorType: 'ExpiredTokenException', body: { message: 'expired' } }),
      registry,
    );
    await assert.rejects(always.msk.listClusters(always.target), (e: unknown) => {
      assert.ok(e instanceof AwsUserError);
      assert.equal(e.kind, 'expired-token');
      return true;
    });
    assert.equal(always.fake.requests.length, 2);
    factory.dispose();
    always.factory.dispose();
  });

  void test('no region anywhere is reported before any request is made', async () => {
    const { fake, msk, factory } = setup(() => ({ body: {} }));
    await assert.rejects(msk.listClusters({ profile: 'noregion', configFile, credentialsFile }), (e: unknown) => {
      assert.ok(e instanceof AwsUserError);
      assert.equal(e.kind, 'no-region');
      assert.match(presentError(e).text, /profile "noregion".*AWS_REGION/);
      return true;
    });
    assert.equal(fake.requests.length, 0);
    factory.dispose();
  });
});
