/**
 * The sandbox's local MSK / MSK Connect / Secrets Manager endpoint, called through the real AWS SDK
 * clients with only `endpoint` changed, checked against the running sandbox: bootstrap strings
 * against sandbox.json, broker ids against the real broker metadata, connector states against the
 * real Connect worker.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isDeepStrictEqual } from 'node:util';
import {
  DescribeClusterCommand,
  DescribeClusterV2Command,
  DescribeConfigurationRevisionCommand,
  GetBootstrapBrokersCommand,
  KafkaClient,
  ListClustersV2Command,
  ListNodesCommand,
  ListScramSecretsCommand,
  paginateListClusterOperationsV2,
  paginateListClustersV2,
  paginateListConfigurations,
  paginateListKafkaVersions,
  paginateListNodes,
  type Cluster,
  type ClusterOperationV2Summary,
  type Configuration,
  type NodeInfo,
} from '@aws-sdk/client-kafka';
import {
  DescribeConnectorCommand,
  KafkaConnectClient,
  ListConnectorsCommand,
  paginateListConnectors,
  paginateListCustomPlugins,
  paginateListWorkerConfigurations,
  type ConnectorSummary,
  type CustomPluginSummary,
  type WorkerConfigurationSummary,
} from '@aws-sdk/client-kafkaconnect';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { fromIni } from '@aws-sdk/credential-providers';
import { privateCluster } from '../../../sandbox/controlplane/privateCluster';
import { expressCluster } from '../../../sandbox/controlplane/expressCluster';
import { sandbox, withAdmin } from '../support/sandbox';
import { rejection } from '../support/sdkRejection';

type Who = 'admin' | 'readonly';

function config(who: Who = 'admin', secretAccessKey?: string) {
  const s = sandbox();
  const p = s.principals[who];
  return {
    endpoint: s.controlPlaneEndpoint,
    region: s.region,
    credentials: { accessKeyId: p.accessKeyId, secretAccessKey: secretAccessKey ?? p.secretAccessKey },
    maxAttempts: 1,
  };
}

const kafka = (who: Who = 'admin') => new KafkaClient(config(who));
const connect = (who: Who = 'admin') => new KafkaConnectClient(config(who));
const secrets = (who: Who = 'admin') => new SecretsManagerClient(config(who));

/** Walks a paginator to the end; returns the items of every page, page by page. */
async function walk<P, T>(pages: AsyncIterable<P>, items: (page: P) => T[] | undefined): Promise<T[][]> {
  const out: T[][] = [];
  for await (const page of pages) out.push(items(page) ?? []);
  return out;
}

interface WorkerStatus {
  name: string;
  connector: { state: string; trace?: string };
  tasks: { id: number; state: string; trace?: string }[];
}

async function workerStatuses(): Promise<WorkerStatus[]> {
  const res = await fetch(`${sandbox().connectUrl}/connectors?expand=status`);
  assert.equal(res.status, 200);
  const body = (await res.json()) as Record<string, { status: WorkerStatus }>;
  return Object.values(body).map((v) => v.status);
}

/** The MSK Connect state a worker status means (independent of the control plane's code). */
function expectedState(s: WorkerStatus): string {
  if (s.connector.state === 'FAILED' || s.tasks.some((t) => t.state === 'FAILED')) return 'FAILED';
  if (s.connector.state === 'RUNNING' && s.tasks.every((t) => t.state === 'RUNNING')) return 'RUNNING';
  return `not steady (${s.connector.state}/${s.tasks.map((t) => t.state).join(',')})`;
}

async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await probe();
      if (v !== undefined) return v;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline)
      throw new Error(`timed out waiting for ${what}${last instanceof Error ? `: ${last.message}` : ''}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

void describe('control plane: MSK clusters', () => {
  void it('lists the provisioned, serverless, private and Express clusters, one per page at MaxResults=1, with working filters', async () => {
    const s = sandbox();
    const pages = await walk(paginateListClustersV2({ client: kafka(), pageSize: 1 }, {}), (p) => p.ClusterInfoList);
    assert.equal(pages.length, 4);
    assert.deepEqual(
      pages.map((p) => p.map((c: Cluster) => [c.ClusterArn, c.ClusterName, c.ClusterType, c.State])),
      [
        [[s.clusters.provisioned.arn, s.clusters.provisioned.name, 'PROVISIONED', 'ACTIVE']],
        [[s.clusters.serverless.arn, s.clusters.serverless.name, 'SERVERLESS', 'ACTIVE']],
        [[privateCluster(s).arn, 'sandbox-private', 'PROVISIONED', 'ACTIVE']],
        [[expressCluster(s).arn, 'sandbox-express', 'PROVISIONED', 'ACTIVE']],
      ],
    );
    const serverlessOnly = await kafka().send(new ListClustersV2Command({ ClusterTypeFilter: 'SERVERLESS' }));
    assert.deepEqual(
      serverlessOnly.ClusterInfoList?.map((c) => c.ClusterArn),
      [s.clusters.serverless.arn],
    );
    const byName = await kafka().send(new ListClustersV2Command({ ClusterNameFilter: s.clusters.serverless.name }));
    assert.deepEqual(
      byName.ClusterInfoList?.map((c) => c.ClusterArn),
      [s.clusters.serverless.arn],
    );
    const none = await kafka().send(new ListClustersV2Command({ ClusterNameFilter: 'no-such-prefix' }));
    assert.deepEqual(none.ClusterInfoList, []);
  });

  void it('describes the provisioned cluster with the real broker count, the Kafka version and all client auth modes', async () => {
    const s = sandbox();
    const realBrokers = await withAdmin(async (admin) => (await admin.describeCluster()).brokers);
    const { ClusterInfo: c } = await kafka().send(
      new DescribeClusterV2Command({ ClusterArn: s.clusters.provisioned.arn }),
    );
    const p = c?.Provisioned;
    assert.equal(c?.State, 'ACTIVE');
    assert.equal(p?.NumberOfBrokerNodes, realBrokers.length);
    assert.equal(p?.CurrentBrokerSoftwareInfo?.KafkaVersion, s.kafkaVersion);
    assert.equal(p?.EncryptionInfo?.EncryptionInTransit?.ClientBroker, 'TLS_PLAINTEXT');
    assert.equal(p?.ClientAuthentication?.Sasl?.Iam?.Enabled, true);
    assert.equal(p?.ClientAuthentication?.Sasl?.Scram?.Enabled, true);
    assert.equal(p?.ClientAuthentication?.Tls?.Enabled, true);
    assert.match(p?.ClientAuthentication?.Tls?.CertificateAuthorityArnList?.[0] ?? '', /^arn:aws:acm-pca:/);
    assert.equal(p?.ClientAuthentication?.Unauthenticated?.Enabled, true);
    assert.ok((p?.BrokerNodeGroupInfo?.ClientSubnets?.length ?? 0) >= 2);

    const v1 = await kafka().send(new DescribeClusterCommand({ ClusterArn: s.clusters.provisioned.arn }));
    assert.equal(v1.ClusterInfo?.ClusterArn, s.clusters.provisioned.arn);
    assert.equal(v1.ClusterInfo?.NumberOfBrokerNodes, realBrokers.length);

    const { ClusterInfo: sl } = await kafka().send(
      new DescribeClusterV2Command({ ClusterArn: s.clusters.serverless.arn }),
    );
    assert.equal(sl?.ClusterType, 'SERVERLESS');
    assert.deepEqual(sl?.Serverless?.ClientAuthentication, { Sasl: { Iam: { Enabled: true } } });
  });

  void it('returns the sandbox listeners as bootstrap broker strings', async () => {
    const s = sandbox();
    const p = await kafka().send(new GetBootstrapBrokersCommand({ ClusterArn: s.clusters.provisioned.arn }));
    assert.equal(p.BootstrapBrokerString, s.listeners.plaintext);
    assert.equal(p.BootstrapBrokerStringTls, s.listeners.tls);
    assert.equal(p.BootstrapBrokerStringSaslScram, s.listeners.scram);
    assert.equal(p.BootstrapBrokerStringSaslIam, s.listeners.iam);
    const sl = await kafka().send(new GetBootstrapBrokersCommand({ ClusterArn: s.clusters.serverless.arn }));
    assert.equal(sl.BootstrapBrokerStringSaslIam, s.listeners.serverlessIam);
    assert.equal(sl.BootstrapBrokerString, undefined);
    assert.equal(sl.BootstrapBrokerStringTls, undefined);
    assert.equal(sl.BootstrapBrokerStringSaslScram, undefined);
  });

  void it('lists one BROKER node per real broker, with the real broker id and host', async () => {
    const s = sandbox();
    const real = await withAdmin(async (admin) => (await admin.describeCluster()).brokers);
    const pages = await walk(
      paginateListNodes({ client: kafka(), pageSize: 1 }, { ClusterArn: s.clusters.provisioned.arn }),
      (p) => p.NodeInfoList,
    );
    assert.equal(pages.length, real.length, 'one node per page at MaxResults=1');
    const nodes = pages.flat();
    assert.deepEqual(
      nodes.map((n: NodeInfo) => [n.NodeType, n.BrokerNodeInfo?.BrokerId, n.BrokerNodeInfo?.Endpoints]),
      [...real].sort((a, b) => a.nodeId - b.nodeId).map((b) => ['BROKER', b.nodeId, [b.host]]),
    );
    for (const n of nodes) {
      assert.match(n.BrokerNodeInfo?.AttachedENIId ?? '', /^eni-[0-9a-f]+$/);
      assert.match(n.BrokerNodeInfo?.ClientSubnet ?? '', /^subnet-[0-9a-f]+$/);
      assert.equal(n.BrokerNodeInfo?.CurrentBrokerSoftwareInfo?.KafkaVersion, s.kafkaVersion);
    }
  });

  void it('refuses ListNodes on the serverless cluster with BadRequestException', async () => {
    const err = await rejection(kafka().send(new ListNodesCommand({ ClusterArn: sandbox().clusters.serverless.arn })));
    assert.equal(err.name, 'BadRequestException');
    assert.equal(err.$metadata?.httpStatusCode, 400);
  });

  void it('answers an unknown cluster ARN with NotFoundException', async () => {
    const s = sandbox();
    const unknown = `arn:aws:kafka:${s.region}:${s.accountId}:cluster/no-such-cluster/00000000-0000-4000-a000-000000000000-1`;
    const err = await rejection(kafka().send(new DescribeClusterV2Command({ ClusterArn: unknown })));
    assert.equal(err.name, 'NotFoundException');
    assert.equal(err.$metadata?.httpStatusCode, 404);
    assert.match(err.message, /no-such-cluster/);
    const boot = await rejection(kafka().send(new GetBootstrapBrokersCommand({ ClusterArn: unknown })));
    assert.equal(boot.name, 'NotFoundException');
  });

  void it('pages through the cluster operations (more than one page)', async () => {
    const s = sandbox();
    const pages = await walk(
      paginateListClusterOperationsV2({ client: kafka(), pageSize: 1 }, { ClusterArn: s.clusters.provisioned.arn }),
      (p) => p.ClusterOperationInfoList,
    );
    assert.ok(pages.length >= 2);
    const ops = pages.flat();
    assert.ok(ops.every((o: ClusterOperationV2Summary) => o.ClusterArn === s.clusters.provisioned.arn));
    assert.ok(ops.some((o) => o.OperationType === 'CREATE'));
    assert.equal(new Set(ops.map((o) => o.OperationArn)).size, ops.length);
  });
});

void describe('control plane: MSK versions, configurations and SCRAM secrets', () => {
  void it('pages through the Kafka versions, which include the sandbox version', async () => {
    const pages = await walk(paginateListKafkaVersions({ client: kafka(), pageSize: 5 }, {}), (p) => p.KafkaVersions);
    assert.ok(pages.length > 1);
    const versions = pages.flat().map((v) => v.Version);
    assert.ok(versions.includes(sandbox().kafkaVersion));
    assert.equal(new Set(versions).size, versions.length);
  });

  void it('pages through the configurations and returns the cluster configuration revision as server.properties', async () => {
    const s = sandbox();
    const pages = await walk(paginateListConfigurations({ client: kafka(), pageSize: 1 }, {}), (p) => p.Configurations);
    assert.ok(pages.length >= 3);
    const configs = pages.flat();
    const { ClusterInfo } = await kafka().send(
      new DescribeClusterV2Command({ ClusterArn: s.clusters.provisioned.arn }),
    );
    const software = ClusterInfo?.Provisioned?.CurrentBrokerSoftwareInfo;
    const used = configs.find((c: Configuration) => c.Arn === software?.ConfigurationArn);
    assert.ok(used, 'the cluster configuration is listed');
    const rev = await kafka().send(
      new DescribeConfigurationRevisionCommand({ Arn: used.Arn, Revision: software?.ConfigurationRevision }),
    );
    assert.equal(rev.Revision, software?.ConfigurationRevision);
    const props = new TextDecoder().decode(rev.ServerProperties);
    const lines = props.split('\n').filter((l) => l.trim());
    assert.ok(lines.length > 3);
    assert.ok(
      lines.every((l) => /^[a-z0-9.]+=.+$/.test(l)),
      props,
    );
    for (const p of Object.values(s.principals)) {
      assert.ok(!props.includes(p.scramPassword) && !props.includes(p.secretAccessKey));
    }
  });

  void it('lists the SCRAM secrets and Secrets Manager returns the sandbox SCRAM users for them', async () => {
    const s = sandbox();
    const { SecretArnList } = await kafka().send(
      new ListScramSecretsCommand({ ClusterArn: s.clusters.provisioned.arn }),
    );
    assert.equal(SecretArnList?.length, 2);
    const seen = new Map<string, string>();
    for (const arn of SecretArnList ?? []) {
      assert.match(
        arn,
        new RegExp(
          `^arn:aws:secretsmanager:${s.region}:${s.accountId}:secret:AmazonMSK_${s.clusters.provisioned.name}_[a-z]+-[A-Za-z0-9]{6}$`,
        ),
      );
      const v = await secrets().send(new GetSecretValueCommand({ SecretId: arn }));
      assert.equal(v.ARN, arn);
      const { username, password } = JSON.parse(v.SecretString ?? '{}') as { username: string; password: string };
      seen.set(username, password);
    }
    assert.deepEqual(
      Object.fromEntries(seen),
      Object.fromEntries(Object.values(s.principals).map((p) => [p.scramUser, p.scramPassword])),
    );
    const missing = await rejection(
      secrets().send(new GetSecretValueCommand({ SecretId: 'AmazonMSK_no-such-secret' })),
    );
    assert.equal(missing.name, 'ResourceNotFoundException');
  });
});

void describe('control plane: MSK Connect', () => {
  void it('lists the Connect worker connectors, one per page, with their real states', async () => {
    const s = sandbox();
    const byName = (a: [string, string], b: [string, string]) => a[0].localeCompare(b[0]);
    const snapshot = async () => {
      const worker = await workerStatuses();
      const pages = await walk(paginateListConnectors({ client: connect(), pageSize: 1 }, {}), (p) => p.connectors);
      const api = pages
        .flat()
        .map((c: ConnectorSummary): [string, string] => [c.connectorName ?? '', c.connectorState ?? ''])
        .sort(byName);
      const expected = worker.map((w): [string, string] => [w.name, expectedState(w)]).sort(byName);
      return { worker, pages, api, expected };
    };
    // Poll until the API agrees with the worker (a task may still be settling, and the control plane caches for a second);
    // on timeout the last snapshot's difference is what the assertion below reports.
    const snap = await until('ListConnectors to match the Connect worker', async () => {
      const x = await snapshot();
      return isDeepStrictEqual(x.api, x.expected) ? x : undefined;
    }).catch(() => snapshot());
    assert.deepEqual(snap.api, snap.expected);
    const { pages, worker } = snap;
    assert.equal(pages.length, worker.length, 'one connector per page at maxResults=1');
    const states = pages.flat().map((c) => c.connectorState);
    assert.equal(states.filter((x) => x === 'RUNNING').length, 2);
    assert.equal(states.filter((x) => x === 'FAILED').length, 1);
    for (const c of pages.flat()) {
      assert.equal(c.kafkaCluster?.apacheKafkaCluster?.bootstrapServers, s.listeners.plaintext);
      assert.equal(c.kafkaClusterClientAuthentication?.authenticationType, 'NONE');
      assert.match(
        c.connectorArn ?? '',
        new RegExp(`^arn:aws:kafkaconnect:${s.region}:${s.accountId}:connector/${c.connectorName}/[0-9a-f-]+$`),
      );
      assert.ok(c.capacity?.provisionedCapacity ?? c.capacity?.autoScaling);
      assert.ok(c.kafkaConnectVersion);
    }
  });

  void it('describes the failed connector with its real configuration and the failure message', async () => {
    const worker = await workerStatuses();
    const failed = worker.find((w) => expectedState(w) === 'FAILED');
    assert.ok(failed, 'the sandbox has a failed connector');
    const list = await connect().send(new ListConnectorsCommand({ connectorNamePrefix: failed.name }));
    const summary = list.connectors?.find((c) => c.connectorName === failed.name);
    assert.ok(summary);
    const d = await connect().send(new DescribeConnectorCommand({ connectorArn: summary.connectorArn }));
    assert.equal(d.connectorState, 'FAILED');
    const trace = failed.connector.trace ?? failed.tasks.find((t) => t.state === 'FAILED')?.trace ?? '';
    assert.ok(d.stateDescription?.message?.includes(trace.split('\n')[0] ?? '<no trace>'), d.stateDescription?.message);
    const res = await fetch(`${sandbox().connectUrl}/connectors/${encodeURIComponent(failed.name)}/config`);
    assert.deepEqual(d.connectorConfiguration, await res.json());
  });

  void it('pages through custom plugins and worker configurations; every connector plugin is listed', async () => {
    const plugins = (
      await walk(paginateListCustomPlugins({ client: connect(), pageSize: 1 }, {}), (p) => p.customPlugins)
    ).flat();
    assert.ok(plugins.length >= 2);
    const pluginArns = new Set(plugins.map((p: CustomPluginSummary) => p.customPluginArn));
    const connectors = (await connect().send(new ListConnectorsCommand({}))).connectors ?? [];
    for (const c of connectors) {
      assert.ok(pluginArns.has(c.plugins?.[0]?.customPlugin?.customPluginArn), `${c.connectorName} plugin is listed`);
    }
    const workerPages = await walk(
      paginateListWorkerConfigurations({ client: connect(), pageSize: 1 }, {}),
      (p) => p.workerConfigurations,
    );
    assert.ok(workerPages.length >= 2);
    assert.ok(workerPages.flat().every((w: WorkerConfigurationSummary) => w.workerConfigurationState === 'ACTIVE'));
  });

  void it('answers an unknown connector ARN with NotFoundException', async () => {
    const s = sandbox();
    const err = await rejection(
      connect().send(
        new DescribeConnectorCommand({
          connectorArn: `arn:aws:kafkaconnect:${s.region}:${s.accountId}:connector/no-such/00000000-0000-4000-a000-000000000000-2`,
        }),
      ),
    );
    assert.equal(err.name, 'NotFoundException');
  });
});

void describe('control plane: authentication', () => {
  void it('refuses an unsigned request with 403 MissingAuthenticationTokenException', async () => {
    const res = await fetch(`${sandbox().controlPlaneEndpoint}/api/v2/clusters`);
    assert.equal(res.status, 403);
    assert.equal(res.headers.get('x-amzn-errortype'), 'MissingAuthenticationTokenException');
    assert.deepEqual(await res.json(), { message: 'Missing Authentication Token' });
  });

  void it('refuses requests signed with a wrong secret with InvalidSignatureException', async () => {
    const k = new KafkaClient(config('admin', 'not-the-real-secret'));
    const err = await rejection(k.send(new ListClustersV2Command({})));
    assert.equal(err.name, 'InvalidSignatureException');
    assert.equal(err.$metadata?.httpStatusCode, 403);
    const sm = new SecretsManagerClient(config('admin', 'not-the-real-secret'));
    const smErr = await rejection(sm.send(new GetSecretValueCommand({ SecretId: 'AmazonMSK_x' })));
    assert.equal(smErr.name, 'InvalidSignatureException');
  });

  void it('lets the readonly principal read clusters, connectors and secrets', async () => {
    const s = sandbox();
    const clusters = await kafka('readonly').send(new ListClustersV2Command({}));
    assert.equal(
      clusters.ClusterInfoList?.length,
      4,
      'msk-sandbox, msk-sandbox-serverless, sandbox-private and sandbox-express',
    );
    const conns = await connect('readonly').send(new ListConnectorsCommand({}));
    assert.ok((conns.connectors?.length ?? 0) > 0);
    const { SecretArnList } = await kafka('readonly').send(
      new ListScramSecretsCommand({ ClusterArn: s.clusters.provisioned.arn }),
    );
    const v = await secrets('readonly').send(new GetSecretValueCommand({ SecretId: SecretArnList?.[0] }));
    assert.ok(v.SecretString);
  });

  void it('works with credentials read from the sandbox AWS profile (fromIni)', async () => {
    const s = sandbox();
    const credentials = fromIni({
      profile: s.aws.profile,
      filepath: s.aws.credentialsFile,
      configFilepath: s.aws.configFile,
    });
    const k = new KafkaClient({ endpoint: s.controlPlaneEndpoint, region: s.region, credentials, maxAttempts: 1 });
    const r = await k.send(new GetBootstrapBrokersCommand({ ClusterArn: s.clusters.provisioned.arn }));
    assert.equal(r.BootstrapBrokerString, s.listeners.plaintext);
    assert.equal((await credentials()).accessKeyId, s.principals.admin.accessKeyId);
  });
});
