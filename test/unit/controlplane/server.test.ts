/**
 * The control plane server on a loopback port with a fake sandbox behind it, driven by the real
 * AWS SDK clients (only `endpoint` changed) and by raw signed requests whose JSON is checked
 * member by member against the SDK's own schemas.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Sha256 } from '@aws-crypto/sha256-js';
import * as kafkaSdk from '@aws-sdk/client-kafka';
import {
  DescribeClusterCommand,
  DescribeClusterV2Command,
  DescribeConfigurationRevisionCommand,
  GetBootstrapBrokersCommand,
  KafkaClient,
  ListClusterOperationsV2Command,
  ListClustersV2Command,
  ListConfigurationsCommand,
  ListKafkaVersionsCommand,
  ListNodesCommand,
  ListScramSecretsCommand,
  paginateListClustersV2,
  paginateListKafkaVersions,
} from '@aws-sdk/client-kafka';
import * as connectSdk from '@aws-sdk/client-kafkaconnect';
import {
  DescribeConnectorCommand,
  KafkaConnectClient,
  ListConnectorsCommand,
  ListCustomPluginsCommand,
  ListWorkerConfigurationsCommand,
} from '@aws-sdk/client-kafkaconnect';
import * as smSdk from '@aws-sdk/client-secrets-manager';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';
import {
  FAKE_BROKERS,
  FAKE_CONNECTORS,
  outputSchemaOf,
  startFakeControlPlane,
  wireShapeProblems,
  type FakeSandbox,
  sdkConfig,
} from './fixtures';
import { rejection } from '../../integration/support/sdkRejection';

let fake: FakeSandbox;

before(async () => {
  fake = await startFakeControlPlane();
});
after(async () => {
  await fake.close();
});

function clientConfig(who: 'admin' | 'readonly' = 'admin', secret?: string) {
  return sdkConfig(fake, who, secret === undefined ? {} : { secretAccessKey: secret });
}

const kafka = (who: 'admin' | 'readonly' = 'admin') => new KafkaClient(clientConfig(who));
const connect = () => new KafkaConnectClient(clientConfig());
const secrets = () => new SecretsManagerClient(clientConfig());

/** A raw request signed with the admin key; returns status, headers and parsed JSON. */
async function signedRaw(
  service: string,
  method: string,
  pathAndQuery: string,
  body?: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: Headers; json: unknown }> {
  const url = new URL(pathAndQuery, fake.endpoint);
  const query: Record<string, string> = {};
  url.searchParams.forEach((v, k) => (query[k] = v));
  const signer = new SignatureV4({
    credentials: {
      accessKeyId: fake.state.principals.admin.accessKeyId,
      secretAccessKey: fake.state.principals.admin.secretAccessKey,
    },
    region: fake.state.region,
    service,
    sha256: Sha256,
  });
  const rawPath = pathAndQuery.split('?')[0] ?? '/';
  const signed = await signer.sign(
    new HttpRequest({
      method,
      protocol: 'http:',
      hostname: url.hostname,
      port: Number(url.port),
      path: rawPath,
      query,
      headers: { host: url.host, ...headers },
      ...(body ? { body } : {}),
    }),
  );
  const res = await fetch(`${fake.endpoint}${pathAndQuery}`, {
    method,
    headers: signed.headers,
    ...(body ? { body } : {}),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, json: text ? JSON.parse(text) : undefined };
}

const enc = encodeURIComponent;

void describe('control plane through the AWS SDK (fake sandbox)', () => {
  void it('lists the three clusters, one per page at maxResults=1, and filters by name and type', async () => {
    const pages: kafkaSdk.Cluster[][] = [];
    for await (const page of paginateListClustersV2({ client: kafka(), pageSize: 1 }, {})) {
      pages.push(page.ClusterInfoList ?? []);
    }
    assert.equal(pages.length, 4);
    const all = pages.flat();
    assert.deepEqual(
      all.map((c) => [c.ClusterName, c.ClusterType, c.State]),
      [
        ['msk-sandbox', 'PROVISIONED', 'ACTIVE'],
        ['msk-sandbox-serverless', 'SERVERLESS', 'ACTIVE'],
        ['sandbox-private', 'PROVISIONED', 'ACTIVE'],
        ['sandbox-express', 'PROVISIONED', 'ACTIVE'],
      ],
    );
    const p = all[0];
    assert.equal(p?.ClusterArn, fake.state.clusters.provisioned.arn);
    assert.equal(p?.Provisioned?.NumberOfBrokerNodes, 2);
    assert.equal(p?.Provisioned?.CurrentBrokerSoftwareInfo?.KafkaVersion, '3.9.2');
    assert.equal(p?.Provisioned?.EncryptionInfo?.EncryptionInTransit?.ClientBroker, 'TLS_PLAINTEXT');
    const auth = p?.Provisioned?.ClientAuthentication;
    assert.equal(auth?.Sasl?.Iam?.Enabled, true);
    assert.equal(auth?.Sasl?.Scram?.Enabled, true);
    assert.equal(auth?.Tls?.Enabled, true);
    assert.match(
      auth?.Tls?.CertificateAuthorityArnList?.[0] ?? '',
      /^arn:aws:acm-pca:us-east-1:123456789012:certificate-authority\//,
    );
    assert.equal(auth?.Unauthenticated?.Enabled, true);
    assert.ok(p?.CreationTime instanceof Date);
    assert.deepEqual(all[1]?.Serverless?.ClientAuthentication, { Sasl: { Iam: { Enabled: true } } });

    const byName = await kafka().send(new ListClustersV2Command({ ClusterNameFilter: 'msk-sandbox-s' }));
    assert.deepEqual(
      byName.ClusterInfoList?.map((c) => c.ClusterName),
      ['msk-sandbox-serverless'],
    );
    const byType = await kafka().send(new ListClustersV2Command({ ClusterTypeFilter: 'PROVISIONED' }));
    assert.deepEqual(
      byType.ClusterInfoList?.map((c) => c.ClusterName),
      ['msk-sandbox', 'sandbox-private', 'sandbox-express'],
    );
  });

  void it('describes clusters (v2 and v1) and refuses v1 on serverless', async () => {
    const v2 = await kafka().send(new DescribeClusterV2Command({ ClusterArn: fake.state.clusters.serverless.arn }));
    assert.equal(v2.ClusterInfo?.ClusterType, 'SERVERLESS');
    const v1 = await kafka().send(new DescribeClusterCommand({ ClusterArn: fake.state.clusters.provisioned.arn }));
    assert.equal(v1.ClusterInfo?.NumberOfBrokerNodes, 2);
    assert.equal(v1.ClusterInfo?.BrokerNodeGroupInfo?.ClientSubnets?.length, 3);
    const err = await rejection(
      kafka().send(new DescribeClusterCommand({ ClusterArn: fake.state.clusters.serverless.arn })),
    );
    assert.equal(err.name, 'BadRequestException');
  });

  void it('returns the sandbox listeners as bootstrap strings', async () => {
    const p = await kafka().send(new GetBootstrapBrokersCommand({ ClusterArn: fake.state.clusters.provisioned.arn }));
    assert.equal(p.BootstrapBrokerString, fake.state.listeners.plaintext);
    assert.equal(p.BootstrapBrokerStringTls, fake.state.listeners.tls);
    assert.equal(p.BootstrapBrokerStringSaslScram, fake.state.listeners.scram);
    assert.equal(p.BootstrapBrokerStringSaslIam, fake.state.listeners.iam);
    const s = await kafka().send(new GetBootstrapBrokersCommand({ ClusterArn: fake.state.clusters.serverless.arn }));
    assert.equal(s.BootstrapBrokerStringSaslIam, fake.state.listeners.serverlessIam);
    assert.equal(s.BootstrapBrokerString, undefined);
    assert.equal(s.BootstrapBrokerStringTls, undefined);
  });

  void it('lists broker nodes with their real ids and hosts; serverless ListNodes is a BadRequestException', async () => {
    const r = await kafka().send(new ListNodesCommand({ ClusterArn: fake.state.clusters.provisioned.arn }));
    assert.deepEqual(
      r.NodeInfoList?.map((n) => [n.NodeType, n.BrokerNodeInfo?.BrokerId, n.BrokerNodeInfo?.Endpoints]),
      [
        ['BROKER', 1, ['localhost']],
        ['BROKER', 2, ['localhost']],
      ],
    );
    const err = await rejection(kafka().send(new ListNodesCommand({ ClusterArn: fake.state.clusters.serverless.arn })));
    assert.equal(err.name, 'BadRequestException');
    assert.equal(err.$metadata?.httpStatusCode, 400);
  });

  void it('answers an unknown cluster ARN with NotFoundException and a non-ARN with BadRequestException', async () => {
    const unknown = fake.state.clusters.provisioned.arn.replace('msk-sandbox/', 'no-such-cluster/');
    const err = await rejection(kafka().send(new DescribeClusterV2Command({ ClusterArn: unknown })));
    assert.equal(err.name, 'NotFoundException');
    assert.equal(err.$metadata?.httpStatusCode, 404);
    assert.match(err.message, /no-such-cluster/);
    const bad = await rejection(kafka().send(new GetBootstrapBrokersCommand({ ClusterArn: 'msk-sandbox' })));
    assert.equal(bad.name, 'BadRequestException');
  });

  void it('pages kafka versions, configurations, operations and SCRAM secrets', async () => {
    const versions: string[] = [];
    let pages = 0;
    for await (const page of paginateListKafkaVersions({ client: kafka(), pageSize: 7 }, {})) {
      pages++;
      versions.push(...(page.KafkaVersions ?? []).map((v) => v.Version ?? ''));
    }
    assert.ok(pages > 1);
    assert.ok(versions.includes('3.9.2'));
    assert.equal(new Set(versions).size, versions.length);

    const configs = await kafka().send(new ListConfigurationsCommand({}));
    assert.ok((configs.Configurations?.length ?? 0) >= 3);
    const first = configs.Configurations?.[0];
    const rev = await kafka().send(
      new DescribeConfigurationRevisionCommand({ Arn: first?.Arn, Revision: first?.LatestRevision?.Revision }),
    );
    const props = new TextDecoder().decode(rev.ServerProperties);
    assert.match(props, /^auto\.create\.topics\.enable=/m);
    assert.doesNotMatch(props, /password|secret/i);
    const missingRev = await rejection(
      kafka().send(new DescribeConfigurationRevisionCommand({ Arn: first?.Arn, Revision: 99 })),
    );
    assert.equal(missingRev.name, 'NotFoundException');

    const ops = await kafka().send(
      new ListClusterOperationsV2Command({ ClusterArn: fake.state.clusters.provisioned.arn, MaxResults: 1 }),
    );
    assert.equal(ops.ClusterOperationInfoList?.length, 1);
    assert.ok(ops.NextToken);

    const scram = await kafka('readonly').send(
      new ListScramSecretsCommand({ ClusterArn: fake.state.clusters.provisioned.arn }),
    );
    assert.equal(scram.SecretArnList?.length, 2);
    const value = await secrets().send(new GetSecretValueCommand({ SecretId: scram.SecretArnList?.[0] }));
    assert.deepEqual(JSON.parse(value.SecretString ?? '{}'), {
      username: fake.state.principals.admin.scramUser,
      password: fake.state.principals.admin.scramPassword,
    });
    assert.ok(value.CreatedDate instanceof Date);
    const missing = await rejection(secrets().send(new GetSecretValueCommand({ SecretId: 'AmazonMSK_nope' })));
    assert.equal(missing.name, 'ResourceNotFoundException');
  });

  void it('lists connectors with states mapped from the worker, and describes the failed one', async () => {
    // MSK Connect's SDK members are camelCase (connectorName), unlike MSK's (ClusterName).
    const list = await connect().send(new ListConnectorsCommand({}));
    assert.deepEqual(
      list.connectors?.map((c) => [c.connectorName, c.connectorState]),
      [
        ['broken-sink', 'FAILED'],
        ['file-sink-audit', 'RUNNING'],
        ['file-source-orders', 'RUNNING'],
      ],
    );
    const plugins = await connect().send(new ListCustomPluginsCommand({}));
    const pluginArns = new Set(plugins.customPlugins?.map((p) => p.customPluginArn));
    assert.ok(pluginArns.size >= 2);
    for (const c of list.connectors ?? []) {
      assert.equal(c.kafkaCluster?.apacheKafkaCluster?.bootstrapServers, fake.state.listeners.plaintext);
      assert.equal(c.kafkaClusterClientAuthentication?.authenticationType, 'NONE');
      assert.ok(pluginArns.has(c.plugins?.[0]?.customPlugin?.customPluginArn));
    }
    const broken = list.connectors?.find((c) => c.connectorName === 'broken-sink');
    const d = await connect().send(new DescribeConnectorCommand({ connectorArn: broken?.connectorArn }));
    assert.equal(d.connectorState, 'FAILED');
    assert.match(d.stateDescription?.message ?? '', /NoSuchFileException/);
    assert.equal(
      d.connectorConfiguration?.['connector.class'],
      'org.apache.kafka.connect.file.FileStreamSinkConnector',
    );
    const workers = await connect().send(new ListWorkerConfigurationsCommand({ maxResults: 1 }));
    assert.equal(workers.workerConfigurations?.length, 1);
    assert.ok(workers.nextToken);
    const gone = await rejection(
      connect().send(new DescribeConnectorCommand({ connectorArn: `${broken?.connectorArn ?? ''}x` })),
    );
    assert.equal(gone.name, 'NotFoundException');
  });
});

void describe('control plane authentication (fake sandbox)', () => {
  void it('refuses an unsigned request with 403 MissingAuthenticationTokenException', async () => {
    const res = await fetch(`${fake.endpoint}/api/v2/clusters`);
    assert.equal(res.status, 403);
    assert.equal(res.headers.get('x-amzn-errortype'), 'MissingAuthenticationTokenException');
    assert.deepEqual(await res.json(), { message: 'Missing Authentication Token' });
  });

  void it('answers the unsigned health check', async () => {
    const res = await fetch(`${fake.endpoint}/_sandbox/health`);
    assert.equal(res.status, 200);
  });

  void it('refuses a wrong secret (InvalidSignatureException) and an unknown key (UnrecognizedClientException)', async () => {
    const wrong = new KafkaClient(clientConfig('admin', 'wrong-secret'));
    const err = await rejection(wrong.send(new ListClustersV2Command({})));
    assert.equal(err.name, 'InvalidSignatureException');
    assert.equal(err.$metadata?.httpStatusCode, 403);
    const smWrong = new SecretsManagerClient(clientConfig('admin', 'wrong-secret'));
    const smErr = await rejection(smWrong.send(new GetSecretValueCommand({ SecretId: 'x' })));
    assert.equal(smErr.name, 'InvalidSignatureException');
    const unknown = new KafkaConnectClient({
      ...clientConfig(),
      credentials: { accessKeyId: 'AKIANOTASANDBOXKEY00', secretAccessKey: 'x' },
    });
    const uErr = await rejection(unknown.send(new ListConnectorsCommand({})));
    assert.equal(uErr.name, 'UnrecognizedClientException');
  });

  void it('lets the readonly principal read', async () => {
    const r = await kafka('readonly').send(new ListKafkaVersionsCommand({}));
    assert.ok((r.KafkaVersions?.length ?? 0) > 3);
  });

  void it('answers a signed request for an unknown path with UnknownOperationException', async () => {
    const r = await signedRaw('kafka', 'DELETE', `/v1/clusters/${enc(fake.state.clusters.provisioned.arn)}`);
    assert.equal(r.status, 404);
    assert.equal(r.headers.get('x-amzn-errortype'), 'UnknownOperationException');
  });

  void it('never logs secrets or signatures', () => {
    const text = fake.logs.join('\n');
    assert.ok(fake.logs.length > 5);
    for (const p of Object.values(fake.state.principals)) {
      assert.ok(!text.includes(p.secretAccessKey));
      assert.ok(!text.includes(p.scramPassword));
    }
    assert.doesNotMatch(text, /Signature=|AWS4-HMAC-SHA256/);
  });
});

void describe('control plane outages (fake sandbox)', () => {
  void it('shows the cluster HEALING and ListNodes as ServiceUnavailableException when the broker is down', async () => {
    fake.brokers = new Error('connect ECONNREFUSED 127.0.0.1:19092');
    try {
      const d = await kafka().send(new DescribeClusterV2Command({ ClusterArn: fake.state.clusters.provisioned.arn }));
      assert.equal(d.ClusterInfo?.State, 'HEALING');
      assert.match(d.ClusterInfo?.StateInfo?.Message ?? '', /ECONNREFUSED/);
      const err = await rejection(
        kafka().send(new ListNodesCommand({ ClusterArn: fake.state.clusters.provisioned.arn })),
      );
      assert.equal(err.name, 'ServiceUnavailableException');
    } finally {
      fake.brokers = FAKE_BROKERS;
    }
  });

  void it('answers ListConnectors with ServiceUnavailableException when the worker is down', async () => {
    fake.connectors = new Error('worker down');
    try {
      const err = await rejection(connect().send(new ListConnectorsCommand({})));
      assert.equal(err.name, 'ServiceUnavailableException');
    } finally {
      fake.connectors = FAKE_CONNECTORS;
    }
  });
});

void describe('control plane wire shapes match the SDK schemas (fake sandbox)', () => {
  void it('puts only members the SDK reads, with the types it expects, in every answer', async () => {
    const p = enc(fake.state.clusters.provisioned.arn);
    const s = enc(fake.state.clusters.serverless.arn);
    const configs = (await signedRaw('kafka', 'GET', '/v1/configurations')).json as {
      configurations: { arn: string }[];
    };
    const cfg = enc(configs.configurations[0]?.arn ?? '');
    const ops = (await signedRaw('kafka', 'GET', `/api/v2/clusters/${p}/operations`)).json as {
      clusterOperationInfoList: { operationArn: string }[];
    };
    const conns = (await signedRaw('kafkaconnect', 'GET', '/v1/connectors')).json as {
      connectors: { connectorArn: string }[];
    };
    const plugins = (await signedRaw('kafkaconnect', 'GET', '/v1/custom-plugins')).json as {
      customPlugins: { customPluginArn: string }[];
    };
    const workers = (await signedRaw('kafkaconnect', 'GET', '/v1/worker-configurations')).json as {
      workerConfigurations: { workerConfigurationArn: string }[];
    };
    const k = kafkaSdk as unknown as Record<string, unknown>;
    const c = connectSdk as unknown as Record<string, unknown>;
    const checks: [Record<string, unknown>, string, string, string][] = [
      [k, 'kafka', 'ListClustersV2', '/api/v2/clusters'],
      [k, 'kafka', 'DescribeClusterV2', `/api/v2/clusters/${p}`],
      [k, 'kafka', 'DescribeClusterV2', `/api/v2/clusters/${s}`],
      [k, 'kafka', 'ListClusters', '/v1/clusters'],
      [k, 'kafka', 'DescribeCluster', `/v1/clusters/${p}`],
      [k, 'kafka', 'GetBootstrapBrokers', `/v1/clusters/${p}/bootstrap-brokers`],
      [k, 'kafka', 'GetBootstrapBrokers', `/v1/clusters/${s}/bootstrap-brokers`],
      [k, 'kafka', 'ListNodes', `/v1/clusters/${p}/nodes`],
      [k, 'kafka', 'ListScramSecrets', `/v1/clusters/${p}/scram-secrets`],
      [k, 'kafka', 'ListClusterOperationsV2', `/api/v2/clusters/${p}/operations`],
      [
        k,
        'kafka',
        'DescribeClusterOperationV2',
        `/api/v2/operations/${enc(ops.clusterOperationInfoList[0]?.operationArn ?? '')}`,
      ],
      [k, 'kafka', 'ListKafkaVersions', '/v1/kafka-versions'],
      [k, 'kafka', 'ListConfigurations', '/v1/configurations'],
      [k, 'kafka', 'DescribeConfiguration', `/v1/configurations/${cfg}`],
      [k, 'kafka', 'ListConfigurationRevisions', `/v1/configurations/${cfg}/revisions`],
      [k, 'kafka', 'DescribeConfigurationRevision', `/v1/configurations/${cfg}/revisions/1`],
      [c, 'kafkaconnect', 'ListConnectors', '/v1/connectors'],
      [c, 'kafkaconnect', 'DescribeConnector', `/v1/connectors/${enc(conns.connectors[0]?.connectorArn ?? '')}`],
      [c, 'kafkaconnect', 'ListCustomPlugins', '/v1/custom-plugins'],
      [
        c,
        'kafkaconnect',
        'DescribeCustomPlugin',
        `/v1/custom-plugins/${enc(plugins.customPlugins[0]?.customPluginArn ?? '')}`,
      ],
      [c, 'kafkaconnect', 'ListWorkerConfigurations', '/v1/worker-configurations'],
      [
        c,
        'kafkaconnect',
        'DescribeWorkerConfiguration',
        `/v1/worker-configurations/${enc(workers.workerConfigurations[0]?.workerConfigurationArn ?? '')}`,
      ],
    ];
    for (const [sdk, service, op, path] of checks) {
      const r = await signedRaw(service, 'GET', path);
      assert.equal(r.status, 200, `${op} ${path}: ${JSON.stringify(r.json)}`);
      assert.deepEqual(wireShapeProblems(outputSchemaOf(sdk[`${op}$`]), r.json), [], `${op} ${path}`);
    }
    const secretArn = (
      (await signedRaw('kafka', 'GET', `/v1/clusters/${p}/scram-secrets`)).json as { secretArnList: string[] }
    ).secretArnList[0];
    const sm = await signedRaw('secretsmanager', 'POST', '/', JSON.stringify({ SecretId: secretArn }), {
      'content-type': 'application/x-amz-json-1.1',
      'x-amz-target': 'secretsmanager.GetSecretValue',
    });
    assert.equal(sm.status, 200);
    const smOps = smSdk as unknown as Record<string, unknown>;
    assert.deepEqual(wireShapeProblems(outputSchemaOf(smOps.GetSecretValue$), sm.json), []);
  });

  void it('answers CreateConfiguration, UpdateConfiguration and DeleteConfiguration with the members the SDK reads', async () => {
    const k = kafkaSdk as unknown as Record<string, unknown>;
    const json = { 'content-type': 'application/json' };
    const props = Buffer.from('num.partitions=3\n').toString('base64');
    const name = `unit-config-${Date.now().toString(36)}`;
    const created = await signedRaw(
      'kafka',
      'POST',
      '/v1/configurations',
      JSON.stringify({ name, serverProperties: props, kafkaVersions: ['3.9.x'] }),
      json,
    );
    assert.equal(created.status, 200, JSON.stringify(created.json));
    assert.deepEqual(wireShapeProblems(outputSchemaOf(k.CreateConfiguration$), created.json), []);
    const arn = enc((created.json as { arn: string }).arn);
    const updated = await signedRaw(
      'kafka',
      'PUT',
      `/v1/configurations/${arn}`,
      JSON.stringify({ serverProperties: props, description: 'again' }),
      json,
    );
    assert.equal(updated.status, 200, JSON.stringify(updated.json));
    assert.deepEqual(wireShapeProblems(outputSchemaOf(k.UpdateConfiguration$), updated.json), []);
    const deleted = await signedRaw('kafka', 'DELETE', `/v1/configurations/${arn}`);
    assert.equal(deleted.status, 200, JSON.stringify(deleted.json));
    assert.deepEqual(wireShapeProblems(outputSchemaOf(k.DeleteConfiguration$), deleted.json), []);
  });

  void it('puts errors in the REST-JSON error shape the SDK reads', async () => {
    const r = await signedRaw(
      'kafka',
      'GET',
      `/v1/clusters/${enc('arn:aws:kafka:us-east-1:123456789012:cluster/x/y-1')}/nodes`,
    );
    assert.equal(r.status, 404);
    assert.equal(r.headers.get('x-amzn-errortype'), 'NotFoundException');
    const k = kafkaSdk as unknown as Record<string, unknown>;
    assert.deepEqual(wireShapeProblems(k.NotFoundException$, r.json), []);
    assert.equal((r.json as { invalidParameter?: string }).invalidParameter, 'clusterArn');
  });
});
