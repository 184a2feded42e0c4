/**
 * The MSK / MSK Connect / Secrets Manager resources the sandbox presents, in the JSON shapes the
 * services put on the wire (camelCase member names of the REST-JSON protocol; PascalCase for the
 * JSON 1.1 Secrets Manager). Real data (bootstrap strings, brokers, connectors) comes from the
 * sandbox; ids, subnets, ENIs and timestamps are invented but stable for one sandbox.
 */
import { createHash } from 'node:crypto';
import type { SandboxPrincipal, SandboxState } from '../state';
import type { BrokerNode, WorkerConnector } from './view';

export type Json = string | number | boolean | null | Json[] | { [key: string]: Json | undefined };
export type JsonObject = { [key: string]: Json | undefined };

const HOUR = 3600_000;
const DAY = 24 * HOUR;

// ---------------------------------------------------------------------------------------------
// Stable invented identifiers

function digest(seed: string): string {
  return createHash('sha256').update(seed).digest('hex');
}

/** A UUID-shaped id derived from the seed. */
export function stableUuid(seed: string): string {
  const h = digest(seed);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** `n` lowercase hex characters derived from the seed (n ≤ 64). */
export function stableHex(seed: string, n: number): string {
  return digest(seed).slice(0, n);
}

/** `n` characters from [A-Za-z0-9] derived from the seed (Secrets Manager ARN suffixes). */
export function stableAlnum(seed: string, n: number): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  const bytes = createHash('sha256').update(seed).digest();
  let out = '';
  for (let i = 0; i < n; i++) out += alphabet[(bytes[i] ?? 0) % alphabet.length];
  return out;
}

/** MSK-style "current version" strings, e.g. K3AEGXETSR30VB. */
export function stableVersion(seed: string): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
  const bytes = createHash('sha256').update(seed).digest();
  let out = 'K';
  for (let i = 0; i < 13; i++) out += alphabet[(bytes[i] ?? 0) % alphabet.length];
  return out;
}

const iso = (d: Date | number): string => new Date(d).toISOString();

// ---------------------------------------------------------------------------------------------
// Region-level invented infrastructure

export interface Az {
  name: string;
  id: string;
  subnet: string;
  cidrPrefix: string;
}

export function availabilityZones(state: SandboxState): Az[] {
  const short = state.region
    .split('-')
    .map((p, i) => (i === state.region.split('-').length - 1 ? p : p[0]))
    .join('');
  return ['a', 'b', 'c'].map((letter, i) => ({
    name: `${state.region}${letter}`,
    id: `${short}-az${[1, 2, 4][i]}`,
    subnet: `subnet-0${stableHex(`subnet/${state.region}/${letter}`, 16)}`,
    cidrPrefix: `10.0.${i + 1}`,
  }));
}

const securityGroup = (state: SandboxState): string => `sg-0${stableHex(`sg/${state.clusters.provisioned.arn}`, 16)}`;

function arnPrefix(state: SandboxState, service: string): string {
  return `arn:aws:${service}:${state.region}:${state.accountId}`;
}

/** The uuid part (last path segment) of a cluster ARN: arn:aws:kafka:r:a:cluster/name/uuid-2. */
export function clusterSuffix(arn: string): string {
  return arn.split('/').pop() ?? arn;
}

// ---------------------------------------------------------------------------------------------
// Kafka versions and configurations

const KNOWN_KAFKA_VERSIONS: [string, 'ACTIVE' | 'DEPRECATED'][] = [
  ['1.1.1', 'DEPRECATED'],
  ['2.1.0', 'DEPRECATED'],
  ['2.2.1', 'DEPRECATED'],
  ['2.3.1', 'DEPRECATED'],
  ['2.4.1', 'DEPRECATED'],
  ['2.4.1.1', 'DEPRECATED'],
  ['2.5.1', 'DEPRECATED'],
  ['2.6.0', 'DEPRECATED'],
  ['2.6.1', 'DEPRECATED'],
  ['2.6.2', 'DEPRECATED'],
  ['2.6.3', 'DEPRECATED'],
  ['2.7.0', 'DEPRECATED'],
  ['2.7.1', 'DEPRECATED'],
  ['2.7.2', 'DEPRECATED'],
  ['2.8.0', 'DEPRECATED'],
  ['2.8.1', 'DEPRECATED'],
  ['2.8.2.tiered', 'ACTIVE'],
  ['3.1.1', 'DEPRECATED'],
  ['3.2.0', 'DEPRECATED'],
  ['3.3.1', 'DEPRECATED'],
  ['3.3.2', 'DEPRECATED'],
  ['3.4.0', 'ACTIVE'],
  ['3.5.1', 'ACTIVE'],
  ['3.6.0', 'ACTIVE'],
  ['3.7.x', 'ACTIVE'],
  ['3.7.x.kraft', 'ACTIVE'],
  ['3.8.x', 'ACTIVE'],
  ['3.8.x.kraft', 'ACTIVE'],
  ['3.9.x', 'ACTIVE'],
  ['3.9.x.kraft', 'ACTIVE'],
  ['4.0.x.kraft', 'ACTIVE'],
  ['4.1.x.kraft', 'ACTIVE'],
];

export function kafkaVersions(state: SandboxState): JsonObject[] {
  const list = KNOWN_KAFKA_VERSIONS.map(([version, status]) => ({ version, status }));
  if (!list.some((v) => v.version === state.kafkaVersion)) {
    list.push({ version: state.kafkaVersion, status: 'ACTIVE' });
  }
  return list;
}

interface ConfigurationDef {
  name: string;
  description: string;
  kafkaVersions: string[];
  revisions: { description: string; properties: string }[];
  createdDaysAgo: number;
}

const BASE_PROPERTIES = [
  'auto.create.topics.enable=false',
  'default.replication.factor=3',
  'min.insync.replicas=2',
  'num.io.threads=8',
  'num.network.threads=5',
  'num.partitions=1',
  'num.replica.fetchers=2',
  'replica.lag.time.max.ms=30000',
  'socket.receive.buffer.bytes=102400',
  'socket.request.max.bytes=104857600',
  'socket.send.buffer.bytes=102400',
  'unclean.leader.election.enable=false',
  'log.retention.hours=168',
];

function configurationDefs(state: SandboxState): ConfigurationDef[] {
  const clusterName = state.clusters.provisioned.name;
  const sandboxProps = [
    'auto.create.topics.enable=false',
    'default.replication.factor=1',
    'min.insync.replicas=1',
    'num.io.threads=8',
    'num.network.threads=5',
    'num.partitions=3',
    'offsets.topic.replication.factor=1',
    'transaction.state.log.replication.factor=1',
    'transaction.state.log.min.isr=1',
    'log.retention.hours=168',
    'allow.everyone.if.no.acl.found=false',
    'socket.request.max.bytes=104857600',
  ];
  return [
    {
      name: `${clusterName}-config`,
      description: `Broker configuration of the ${clusterName} cluster`,
      kafkaVersions: [state.kafkaVersion],
      createdDaysAgo: 30,
      revisions: [
        {
          description: 'Initial revision',
          properties: [...sandboxProps.slice(0, 9), 'log.retention.hours=72'].join('\n'),
        },
        { description: 'Retain logs for a week; deny by default without ACLs', properties: sandboxProps.join('\n') },
      ],
    },
    {
      name: 'auto-create-topics-enabled',
      description: 'Lets producers create topics on first use',
      kafkaVersions: ['3.6.0', '3.7.x', state.kafkaVersion].filter((v, i, a) => a.indexOf(v) === i),
      createdDaysAgo: 90,
      revisions: [
        {
          description: 'Initial revision',
          properties: ['auto.create.topics.enable=true', ...BASE_PROPERTIES.slice(1)].join('\n'),
        },
      ],
    },
    {
      name: 'long-retention',
      description: 'Thirty days of retention for audit topics',
      kafkaVersions: [],
      createdDaysAgo: 120,
      revisions: [
        {
          description: 'Initial revision',
          properties: [...BASE_PROPERTIES.slice(0, -1), 'log.retention.hours=336'].join('\n'),
        },
        {
          description: 'Raise retention to 30 days',
          properties: [...BASE_PROPERTIES.slice(0, -1), 'log.retention.hours=720'].join('\n'),
        },
        {
          description: 'Compress on the broker',
          properties: [...BASE_PROPERTIES.slice(0, -1), 'log.retention.hours=720', 'compression.type=zstd'].join('\n'),
        },
      ],
    },
    {
      // The readonly principal may list it but not read it (see mskConfigurations.ts).
      name: 'sandbox-restricted',
      description: 'Readable by the admin principal only',
      kafkaVersions: [state.kafkaVersion],
      createdDaysAgo: 10,
      revisions: [{ description: 'Initial revision', properties: BASE_PROPERTIES.join('\n') }],
    },
    {
      name: 'high-throughput',
      description: 'More network and I/O threads for large brokers',
      kafkaVersions: ['3.5.1', '3.6.0'],
      createdDaysAgo: 200,
      revisions: [
        {
          description: 'Initial revision',
          properties: BASE_PROPERTIES.map((p) =>
            p.startsWith('num.io.threads')
              ? 'num.io.threads=16'
              : p.startsWith('num.network.threads')
                ? 'num.network.threads=10'
                : p,
          ).join('\n'),
        },
      ],
    },
  ];
}

export interface Configuration {
  arn: string;
  summary: JsonObject;
  revisions: { revision: number; creationTime: string; description: string; serverProperties: string }[];
}

export function configurations(state: SandboxState, epoch: Date): Configuration[] {
  return configurationDefs(state).map((def) => {
    const arn = `${arnPrefix(state, 'kafka')}:configuration/${def.name}/${stableUuid(`configuration/${def.name}`)}-2`;
    const created = epoch.getTime() - def.createdDaysAgo * DAY;
    const revisions = def.revisions.map((r, i) => ({
      revision: i + 1,
      creationTime: iso(created + i * 3 * DAY),
      description: r.description,
      serverProperties: `${r.properties}\n`,
    }));
    const latest = revisions[revisions.length - 1];
    return {
      arn,
      revisions,
      summary: {
        arn,
        creationTime: iso(created),
        description: def.description,
        kafkaVersions: def.kafkaVersions,
        latestRevision: latest
          ? { creationTime: latest.creationTime, revision: latest.revision, description: latest.description }
          : undefined,
        name: def.name,
        state: 'ACTIVE',
      },
    };
  });
}

// ---------------------------------------------------------------------------------------------
// Clusters

export interface ClusterOptions {
  state: SandboxState;
  epoch: Date;
  /** Live brokers, or undefined when the broker could not be reached (cluster shown as HEALING). */
  brokers: BrokerNode[] | undefined;
  brokerError?: string;
}

const clusterCreated = (epoch: Date, serverless: boolean): number => epoch.getTime() - (serverless ? 20 : 30) * DAY;

export function clusterTags(state: SandboxState, serverless: boolean): JsonObject {
  return {
    environment: 'sandbox',
    owner: 'msk-explorer',
    'cluster-kind': serverless ? 'serverless' : 'provisioned',
    region: state.region,
  };
}

export const certificateAuthorityArn = (state: SandboxState): string =>
  `${arnPrefix(state, 'acm-pca')}:certificate-authority/${stableUuid(`ca/${state.caFile}`)}`;

const kmsKeyArn = (state: SandboxState): string =>
  `${arnPrefix(state, 'kms')}:key/${stableUuid(`kms/${state.accountId}`)}`;

function provisionedSettings(o: ClusterOptions): JsonObject {
  const { state } = o;
  const azs = availabilityZones(state);
  const config = configurations(state, o.epoch)[0];
  return {
    brokerNodeGroupInfo: {
      brokerAZDistribution: 'DEFAULT',
      clientSubnets: azs.map((a) => a.subnet),
      instanceType: 'kafka.m5.large',
      securityGroups: [securityGroup(state)],
      storageInfo: { ebsStorageInfo: { volumeSize: 100 } },
      connectivityInfo: { publicAccess: { type: 'DISABLED' }, networkType: 'IPV4' },
      zoneIds: azs.map((a) => a.id),
    },
    clientAuthentication: {
      sasl: { scram: { enabled: true }, iam: { enabled: true } },
      tls: { certificateAuthorityArnList: [certificateAuthorityArn(state)], enabled: true },
      unauthenticated: { enabled: true },
    },
    currentBrokerSoftwareInfo: {
      configurationArn: config?.arn,
      configurationRevision: config?.revisions.length,
      kafkaVersion: state.kafkaVersion,
    },
    encryptionInfo: {
      encryptionAtRest: { dataVolumeKMSKeyId: kmsKeyArn(state) },
      encryptionInTransit: { clientBroker: 'TLS_PLAINTEXT', inCluster: true },
    },
    enhancedMonitoring: 'DEFAULT',
    openMonitoring: {
      prometheus: { jmxExporter: { enabledInBroker: false }, nodeExporter: { enabledInBroker: false } },
    },
    loggingInfo: {
      brokerLogs: {
        cloudWatchLogs: { enabled: false },
        firehose: { enabled: false },
        s3: { enabled: false },
      },
    },
    numberOfBrokerNodes: o.brokers?.length ?? 1,
    storageMode: 'LOCAL',
    rebalancing: { status: 'PAUSED' },
  };
}

function stateFields(o: ClusterOptions): JsonObject {
  if (o.brokers) return { state: 'ACTIVE' };
  return {
    state: 'HEALING',
    stateInfo: { code: 'BROKER_UNREACHABLE', message: o.brokerError ?? 'The sandbox broker is not reachable.' },
  };
}

/** ListClustersV2 / DescribeClusterV2 `Cluster` of the provisioned cluster. */
export function provisionedClusterV2(o: ClusterOptions): JsonObject {
  const c = o.state.clusters.provisioned;
  return {
    clusterType: 'PROVISIONED',
    clusterArn: c.arn,
    clusterName: c.name,
    creationTime: iso(clusterCreated(o.epoch, false)),
    currentVersion: stableVersion(`version/${c.arn}`),
    ...stateFields(o),
    tags: clusterTags(o.state, false),
    provisioned: provisionedSettings(o),
  };
}

/** ListClustersV2 / DescribeClusterV2 `Cluster` of the serverless cluster. */
export function serverlessClusterV2(o: ClusterOptions): JsonObject {
  const c = o.state.clusters.serverless;
  const azs = availabilityZones(o.state);
  return {
    clusterType: 'SERVERLESS',
    clusterArn: c.arn,
    clusterName: c.name,
    creationTime: iso(clusterCreated(o.epoch, true)),
    currentVersion: stableVersion(`version/${c.arn}`),
    ...stateFields(o),
    tags: clusterTags(o.state, true),
    serverless: {
      vpcConfigs: [{ subnetIds: azs.map((a) => a.subnet), securityGroupIds: [securityGroup(o.state)] }],
      clientAuthentication: { sasl: { iam: { enabled: true } } },
      connectivityInfo: { networkType: 'IPV4' },
    },
  };
}

/** DescribeCluster / ListClusters (v1) `ClusterInfo` of the provisioned cluster. */
export function provisionedClusterInfoV1(o: ClusterOptions): JsonObject {
  return clusterInfoV1(provisionedClusterV2(o));
}

/** A provisioned cluster's v2 `Cluster` as v1 `ClusterInfo`: the same fields, its `provisioned` settings at the top. */
export function clusterInfoV1(v2: JsonObject): JsonObject {
  return {
    clusterArn: v2.clusterArn,
    clusterName: v2.clusterName,
    creationTime: v2.creationTime,
    currentVersion: v2.currentVersion,
    state: v2.state,
    stateInfo: v2.stateInfo,
    tags: v2.tags,
    ...(v2.provisioned as JsonObject),
  };
}

export function bootstrapBrokers(state: SandboxState, serverless: boolean): JsonObject {
  if (serverless) return { bootstrapBrokerStringSaslIam: state.listeners.serverlessIam };
  return {
    bootstrapBrokerString: state.listeners.plaintext,
    bootstrapBrokerStringTls: state.listeners.tls,
    bootstrapBrokerStringSaslScram: state.listeners.scram,
    bootstrapBrokerStringSaslIam: state.listeners.iam,
  };
}

/** ListNodes entries: one BROKER node per real broker. */
export function brokerNodes(o: ClusterOptions, brokers: BrokerNode[]): JsonObject[] {
  const { state } = o;
  const c = state.clusters.provisioned;
  const azs = availabilityZones(state);
  const config = configurations(state, o.epoch)[0];
  return [...brokers]
    .sort((a, b) => a.nodeId - b.nodeId)
    .map((b, i) => {
      const az = azs[i % azs.length];
      return {
        addedToClusterTime: iso(clusterCreated(o.epoch, false) + 20 * 60_000),
        instanceType: 'kafka.m5.large',
        nodeARN: `${arnPrefix(state, 'kafka')}:broker/${c.name}/${clusterSuffix(c.arn)}/${stableHex(`node/${c.arn}/${b.nodeId}`, 8)}-${b.nodeId}`,
        nodeType: 'BROKER',
        brokerNodeInfo: {
          attachedENIId: `eni-0${stableHex(`eni/${c.arn}/${b.nodeId}`, 16)}`,
          brokerId: b.nodeId,
          clientSubnet: az.subnet,
          clientVpcIpAddress: `${az.cidrPrefix}.${10 + (parseInt(stableHex(`ip/${c.arn}/${b.nodeId}`, 2), 16) % 200)}`,
          currentBrokerSoftwareInfo: {
            configurationArn: config?.arn,
            configurationRevision: config?.revisions.length,
            kafkaVersion: state.kafkaVersion,
          },
          endpoints: [b.host],
        },
      };
    });
}

// ---------------------------------------------------------------------------------------------
// Cluster operations

export interface ClusterOperation {
  arn: string;
  summary: JsonObject;
  detail: JsonObject;
}

export function clusterOperations(state: SandboxState, epoch: Date, serverless: boolean): ClusterOperation[] {
  const c = serverless ? state.clusters.serverless : state.clusters.provisioned;
  const created = clusterCreated(epoch, serverless);
  const defs: { type: string; start: number; minutes: number; steps: string[] }[] = serverless
    ? [{ type: 'CREATE', start: created, minutes: 6, steps: [] }]
    : [
        {
          type: 'CREATE',
          start: created,
          minutes: 27,
          steps: ['INITIALIZE_UPDATE', 'UPDATE_APPLIED', 'FINALIZE_UPDATE'],
        },
        {
          type: 'UPDATE_SECURITY',
          start: created + 2 * DAY + 3 * HOUR,
          minutes: 19,
          steps: ['INITIALIZE_UPDATE', 'UPDATE_BROKER_SECURITY', 'FINALIZE_UPDATE'],
        },
        {
          type: 'UPDATE_CLUSTER_CONFIGURATION',
          start: created + 9 * DAY + 5 * HOUR,
          minutes: 34,
          steps: ['INITIALIZE_UPDATE', 'UPDATE_BROKER_CONFIGURATION', 'FINALIZE_UPDATE'],
        },
      ];
  return defs
    .map((d, i) => {
      const arn = `${arnPrefix(state, 'kafka')}:cluster-operation/${c.name}/${clusterSuffix(c.arn)}/${stableUuid(`op/${c.arn}/${i}`)}`;
      const summary: JsonObject = {
        clusterArn: c.arn,
        clusterType: c.type,
        startTime: iso(d.start),
        endTime: iso(d.start + d.minutes * 60_000),
        operationArn: arn,
        operationState: 'UPDATE_COMPLETE',
        operationType: d.type,
      };
      const detail: JsonObject = serverless
        ? { ...summary, serverless: {} }
        : {
            ...summary,
            provisioned: {
              operationSteps: d.steps.map((stepName) => ({ stepName, stepInfo: { stepStatus: 'COMPLETED' } })),
            },
          };
      return { arn, summary, detail };
    })
    .reverse(); // newest first, as MSK lists them
}

// ---------------------------------------------------------------------------------------------
// SCRAM secrets (Secrets Manager)

export interface ScramSecret {
  arn: string;
  name: string;
  principal: SandboxPrincipal;
  createdDate: number;
}

export function scramSecrets(state: SandboxState, epoch: Date): ScramSecret[] {
  const cluster = state.clusters.provisioned;
  return [state.principals.admin, state.principals.readonly].map((p, i) => {
    const name = `AmazonMSK_${cluster.name}_${p.name}`;
    return {
      name,
      arn: `${arnPrefix(state, 'secretsmanager')}:secret:${name}-${stableAlnum(`secret/${cluster.arn}/${p.name}`, 6)}`,
      principal: p,
      createdDate: (epoch.getTime() - 29 * DAY + i * HOUR) / 1000,
    };
  });
}

/** Finds a secret by full ARN, partial ARN (no random suffix) or name, as Secrets Manager does. */
export function findSecret(secrets: ScramSecret[], secretId: string, state: SandboxState): ScramSecret | undefined {
  const partialPrefix = `${arnPrefix(state, 'secretsmanager')}:secret:`;
  return secrets.find((s) => s.arn === secretId || s.name === secretId || `${partialPrefix}${s.name}` === secretId);
}

export function secretValue(secret: ScramSecret): JsonObject {
  return {
    ARN: secret.arn,
    Name: secret.name,
    VersionId: stableUuid(`secret-version/${secret.arn}`),
    SecretString: JSON.stringify({ username: secret.principal.scramUser, password: secret.principal.scramPassword }),
    VersionStages: ['AWSCURRENT'],
    CreatedDate: secret.createdDate,
  };
}

// ---------------------------------------------------------------------------------------------
// MSK Connect: custom plugins, worker configurations, connectors

interface PluginDef {
  name: string;
  description: string;
  contentType: 'JAR' | 'ZIP';
  fileKey: string;
  fileSize: number;
  /** Connector classes this plugin provides (substring match on connector.class). */
  provides: string[];
  createdDaysAgo: number;
}

const PLUGIN_DEFS: PluginDef[] = [
  {
    name: 'kafka-connect-file',
    description: 'FileStreamSource and FileStreamSink connectors from Apache Kafka',
    contentType: 'JAR',
    fileKey: 'plugins/connect-file-3.9.2.jar',
    fileSize: 15_433,
    provides: ['FileStream'],
    createdDaysAgo: 25,
  },
  {
    name: 'mirror-maker-2',
    description: 'MirrorMaker 2 source, checkpoint and heartbeat connectors',
    contentType: 'ZIP',
    fileKey: 'plugins/connect-mirror-3.9.2.zip',
    fileSize: 412_907,
    provides: ['Mirror'],
    createdDaysAgo: 24,
  },
  {
    name: 'confluentinc-kafka-connect-s3',
    description: 'Amazon S3 sink connector',
    contentType: 'ZIP',
    fileKey: 'plugins/confluentinc-kafka-connect-s3-10.5.13.zip',
    fileSize: 27_918_442,
    provides: ['S3Sink'],
    createdDaysAgo: 60,
  },
];

export interface CustomPlugin {
  arn: string;
  name: string;
  provides: string[];
  summary: JsonObject;
}

export function customPlugins(state: SandboxState, epoch: Date): CustomPlugin[] {
  return PLUGIN_DEFS.map((p) => {
    const arn = `${arnPrefix(state, 'kafkaconnect')}:custom-plugin/${p.name}/${stableUuid(`plugin/${p.name}`)}-4`;
    const created = iso(epoch.getTime() - p.createdDaysAgo * DAY);
    return {
      arn,
      name: p.name,
      provides: p.provides,
      summary: {
        creationTime: created,
        customPluginArn: arn,
        customPluginState: 'ACTIVE',
        description: p.description,
        name: p.name,
        latestRevision: {
          contentType: p.contentType,
          creationTime: created,
          description: p.description,
          fileDescription: { fileMd5: stableHex(`md5/${p.fileKey}`, 32), fileSize: p.fileSize },
          location: {
            s3Location: {
              bucketArn: `arn:aws:s3:::msk-sandbox-plugins-${state.accountId}`,
              fileKey: p.fileKey,
            },
          },
          revision: 1,
        },
      },
    };
  });
}

export interface WorkerConfiguration {
  arn: string;
  name: string;
  summary: JsonObject;
  properties: string;
}

export function workerConfigurations(state: SandboxState, epoch: Date): WorkerConfiguration[] {
  const defs = [
    {
      name: 'sandbox-json-converters',
      description: 'Schemaless JSON keys and values',
      revisions: 2,
      daysAgo: 22,
      properties: [
        'key.converter=org.apache.kafka.connect.json.JsonConverter',
        'value.converter=org.apache.kafka.connect.json.JsonConverter',
        'key.converter.schemas.enable=false',
        'value.converter.schemas.enable=false',
      ],
    },
    {
      name: 'sandbox-string-converters',
      description: 'String keys and values',
      revisions: 1,
      daysAgo: 21,
      properties: [
        'key.converter=org.apache.kafka.connect.storage.StringConverter',
        'value.converter=org.apache.kafka.connect.storage.StringConverter',
      ],
    },
  ];
  return defs.map((d) => {
    const arn = `${arnPrefix(state, 'kafkaconnect')}:worker-configuration/${d.name}/${stableUuid(`worker-config/${d.name}`)}-3`;
    const created = epoch.getTime() - d.daysAgo * DAY;
    return {
      arn,
      name: d.name,
      properties: `${d.properties.join('\n')}\n`,
      summary: {
        creationTime: iso(created),
        description: d.description,
        latestRevision: {
          creationTime: iso(created + (d.revisions - 1) * DAY),
          description: d.revisions > 1 ? 'Disable schemas' : 'Initial revision',
          revision: d.revisions,
        },
        name: d.name,
        workerConfigurationArn: arn,
        workerConfigurationState: 'ACTIVE',
      },
    };
  });
}

/**
 * Maps the Connect worker's status to an MSK Connect connector state: a failed connector or any
 * failed task → FAILED; paused or stopped → PAUSED; restarting → RESTARTING; unassigned (being
 * (re)balanced onto a worker) → UPDATING; otherwise RUNNING.
 */
export function mskConnectorState(c: Pick<WorkerConnector, 'state' | 'tasks'>): string {
  const states = [c.state, ...c.tasks.map((t) => t.state)].map((s) => s.toUpperCase());
  if (states.includes('FAILED')) return 'FAILED';
  const connector = c.state.toUpperCase();
  if (connector === 'PAUSED' || connector === 'STOPPED') return 'PAUSED';
  if (states.includes('RESTARTING')) return 'RESTARTING';
  if (states.includes('UNASSIGNED')) return 'UPDATING';
  if (connector === 'RUNNING') return 'RUNNING';
  return 'UPDATING';
}

/** The failure message for a FAILED connector: the first line of the connector's or first failed task's trace. */
export function failureDescription(c: WorkerConnector): JsonObject | undefined {
  if (mskConnectorState(c) !== 'FAILED') return undefined;
  const failedTask = c.tasks.find((t) => t.state.toUpperCase() === 'FAILED');
  const trace = c.state.toUpperCase() === 'FAILED' ? c.trace : failedTask?.trace;
  const firstLine = (trace ?? '').split('\n')[0]?.trim();
  const where = c.state.toUpperCase() === 'FAILED' ? 'The connector' : `Task ${failedTask?.id ?? 0}`;
  return {
    code: c.state.toUpperCase() === 'FAILED' ? 'ConnectorFailed' : 'TaskFailed',
    message: firstLine ? `${where} failed: ${firstLine}` : `${where} failed.`,
  };
}

export interface Connector {
  arn: string;
  name: string;
  summary: JsonObject;
  detail: JsonObject;
}

export const connectorArn = (state: SandboxState, name: string): string =>
  `${arnPrefix(state, 'kafkaconnect')}:connector/${name}/${stableUuid(`connector/${state.connectUrl}/${name}`)}-2`;

export function connectors(state: SandboxState, epoch: Date, worker: WorkerConnector[]): Connector[] {
  const plugins = customPlugins(state, epoch);
  const workerConfigs = workerConfigurations(state, epoch);
  const azs = availabilityZones(state);
  return [...worker]
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((c, i) => {
      const arn = connectorArn(state, c.name);
      const connectorClass = c.config['connector.class'] ?? '';
      const plugin = plugins.find((p) => p.provides.some((x) => connectorClass.includes(x))) ?? plugins[0];
      const workerConfig = workerConfigs[i % workerConfigs.length];
      const capacity =
        i % 2 === 0
          ? { provisionedCapacity: { mcuCount: 1, workerCount: 1 } }
          : {
              autoScaling: {
                maxWorkerCount: 2,
                mcuCount: 1,
                minWorkerCount: 1,
                scaleInPolicy: { cpuUtilizationPercentage: 20 },
                scaleOutPolicy: { cpuUtilizationPercentage: 80 },
              },
            };
      const summary: JsonObject = {
        capacity,
        connectorArn: arn,
        connectorDescription: `Sandbox ${c.type} connector ${c.name} (${connectorClass.split('.').pop() ?? 'unknown class'})`,
        connectorName: c.name,
        connectorState: mskConnectorState(c),
        creationTime: iso(epoch.getTime() - 5 * DAY + i * HOUR),
        currentVersion: stableVersion(`connector-version/${arn}`),
        kafkaCluster: {
          apacheKafkaCluster: {
            bootstrapServers: state.listeners.plaintext,
            vpc: { securityGroups: [securityGroup(state)], subnets: azs.map((a) => a.subnet) },
          },
        },
        kafkaClusterClientAuthentication: { authenticationType: 'NONE' },
        kafkaClusterEncryptionInTransit: { encryptionType: 'PLAINTEXT' },
        kafkaConnectVersion: '2.7.1',
        logDelivery: {
          workerLogDelivery: {
            cloudWatchLogs: { enabled: false },
            firehose: { enabled: false },
            s3: { enabled: false },
          },
        },
        plugins: plugin ? [{ customPlugin: { customPluginArn: plugin.arn, revision: 1 } }] : [],
        serviceExecutionRoleArn: `arn:aws:iam::${state.accountId}:role/msk-connect-sandbox`,
        workerConfiguration: workerConfig
          ? {
              revision: (workerConfig.summary.latestRevision as JsonObject).revision,
              workerConfigurationArn: workerConfig.arn,
            }
          : undefined,
      };
      const detail: JsonObject = {
        ...summary,
        connectorConfiguration: { ...c.config },
        stateDescription: failureDescription(c),
      };
      return { arn, name: c.name, summary, detail };
    });
}
