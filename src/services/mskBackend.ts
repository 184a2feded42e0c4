/**
 * The Backend over the AWS layer (MSK discovery, MSK Connect, Secrets Manager) and the Kafka layer
 * (kafkajs admin). No vscode import: the extension passes its settings, SecretStorage and log, and
 * the integration tests pass plain objects. Both heavy layers are loaded on first use.
 */
import { readFile } from 'node:fs/promises';
import type * as Aws from '../aws/index';
import type * as Kafka from '../kafka/index';
import { UserError } from '../shared/errors';
import type { Logger } from '../shared/logger';
import type { Page } from '../shared/pagedList';
import type { AwsScope, Backend, CreateTopicInput } from './backend';
import type { BrokerRow, ClusterOps, ClusterRef, ConfigRow, ConnectorRow } from './clusterModel';
import { awsModule, kafkaModule } from './lazyModules';
import type { ManualConnectionSetting, MskSettings } from './settingsModel';

export interface SecretReader {
  get(key: string): PromiseLike<string | undefined>;
}

export interface MskBackendOptions {
  settings: () => MskSettings;
  secrets: SecretReader;
  log: Logger;
  /** e.g. "msk-explorer/0.1.0" */
  userAgent: string;
  /** The environment to read AWS_* variables from (never written). */
  env?: Readonly<Record<string, string | undefined>>;
}

/** SecretStorage key of the SCRAM user/password (JSON) of an MSK cluster without Secrets Manager secrets. */
export function clusterScramSecretKey(clusterKey: string): string {
  return `msk.cluster.${clusterKey}.scram`;
}

/** SecretStorage key of a manual connection's SCRAM password. */
export function manualPasswordKey(connectionId: string): string {
  return `msk.connection.${connectionId}.password`;
}

interface AwsParts {
  module: typeof Aws;
  factory: Aws.AwsClientFactory;
  msk: Aws.MskService;
}

interface ResolvedCluster {
  kafka: Kafka.KafkaCluster;
  bootstrapServers: string;
  /** MSK only: every bootstrap string, for matching connectors. */
  allBootstrap: string[];
}

const CONFIG_SOURCE_LABEL: Record<string, string> = {
  topicOverride: 'topic override',
  broker: 'broker',
  default: 'default',
  unknown: 'unknown',
};

export class MskBackend implements Backend {
  private aws: AwsParts | undefined;
  private pool: Kafka.KafkaClientPool | undefined;
  private readonly resolved = new Map<string, Promise<ResolvedCluster>>();
  private readonly env: Readonly<Record<string, string | undefined>>;

  constructor(private readonly options: MskBackendOptions) {
    this.env = options.env ?? process.env;
  }

  private get settings(): MskSettings {
    return this.options.settings();
  }

  private awsParts(): AwsParts {
    if (!this.aws) {
      const module = awsModule();
      const factory = new module.AwsClientFactory({ env: this.env, userAgent: this.options.userAgent });
      this.aws = { module, factory, msk: new module.MskService(factory) };
    }
    return this.aws;
  }

  private kafkaPool(): Kafka.KafkaClientPool {
    this.pool ??= new (kafkaModule().KafkaClientPool)({ logger: this.options.log });
    return this.pool;
  }

  private target(profile: string | undefined, region?: string): Aws.AwsTarget {
    const s = this.settings;
    return {
      profile,
      region,
      endpoint: (profile ? s.awsEndpoints[profile] : undefined) || s.awsEndpoint || undefined,
      configFile: s.awsConfigFile || undefined,
      credentialsFile: s.awsCredentialsFile || undefined,
    };
  }

  private clusterTarget(cluster: ClusterRef): Aws.AwsTarget {
    return this.target(cluster.profile, cluster.region);
  }

  async scopes(): Promise<AwsScope[]> {
    const s = this.settings;
    const { module, factory } = this.awsParts();
    const profile = s.awsProfile || undefined;
    const listing = await module.listProfiles({
      configFile: s.awsConfigFile || undefined,
      credentialsFile: s.awsCredentialsFile || undefined,
      env: this.env,
    });
    if (!profile) {
      // Nothing configured anywhere: the view shows its welcome content instead of an error.
      const envCredentials = Boolean(this.env.AWS_ACCESS_KEY_ID || this.env.AWS_CONTAINER_CREDENTIALS_FULL_URI);
      if (listing.profiles.length === 0 && !envCredentials && !listing.defaultProfileFromEnv) return [];
    } else if (!listing.profiles.some((p) => p.name === profile)) {
      throw new UserError(
        `The AWS profile “${profile}” is not in ${listing.files.configFile} or ${listing.files.credentialsFile}.`,
        {
          hint: 'Select another profile (MSK: Select AWS Profile…) or set msk.aws.configFile.',
          code: 'ProfileNotFound',
        },
      );
    }
    const label =
      profile ?? (listing.defaultProfileFromEnv ? `${listing.defaultProfile} (AWS_PROFILE)` : 'default chain');
    const regions = s.awsRegions.length
      ? s.awsRegions
      : [(await factory.resolve('kafka', this.target(profile))).region];
    return Promise.all(
      regions.map(async (region) => {
        const r = await factory.resolve('kafka', this.target(profile, region));
        return {
          id: `${profile ?? ''}|${region}`,
          profile,
          profileLabel: label,
          region,
          endpoint: r.endpoint.source === 'default' ? undefined : r.endpointUrl,
        };
      }),
    );
  }

  async listClusters(scope: AwsScope, token: string | undefined, pageSize: number): Promise<Page<ClusterRef>> {
    const { msk } = this.awsParts();
    const page = await msk.listClusters(this.target(scope.profile, scope.region), {
      pageToken: token,
      pageSize: Math.max(1, Math.min(100, pageSize)),
    });
    return {
      items: page.clusters.map((c) => ({
        key: c.arn,
        name: c.name,
        source: 'msk' as const,
        arn: c.arn,
        region: scope.region,
        profile: scope.profile,
        type: c.type,
        state: c.state,
        kafkaVersion: c.kafkaVersion,
        authModes: c.authModes,
        brokerCount: c.brokerCount,
        creationTime: c.creationTime,
      })),
      nextToken: page.nextToken,
    };
  }

  manualClusters(): ClusterRef[] {
    return this.settings.connections.map((c) => ({
      key: `manual:${c.id}`,
      name: c.name,
      source: 'manual' as const,
      type: 'SELF_MANAGED' as const,
      region: c.region,
      profile: c.awsProfile,
      authModes: [manualAuthMode(c)],
    }));
  }

  ops(cluster: ClusterRef): ClusterOps {
    const kafka = async () => (await this.resolve(cluster)).kafka;
    return {
      brokers: () => this.brokers(cluster),
      topics: async () => (await kafka()).listTopics(),
      partitions: async (topic) =>
        (await (await kafka()).describeTopic(topic)).partitions.map((p) => ({
          partition: p.partition,
          leader: p.leader ?? -1,
          replicas: p.replicas,
          isr: p.isr,
          earliest: p.earliestOffset,
          latest: p.latestOffset,
        })),
      topicConfig: async (topic) => (await (await kafka()).describeTopicConfig(topic)).map(toConfigRow),
      groups: async () =>
        (await (await kafka()).listConsumerGroups()).map((g) => ({
          groupId: g.id,
          state: g.state,
          protocolType: g.protocolType,
          members: g.members,
        })),
      connectors: () => this.connectors(cluster),
    };
  }

  async validateTopic(cluster: ClusterRef, input: CreateTopicInput): Promise<string[]> {
    const { kafka } = await this.resolve(cluster);
    const [brokers, topics] = await Promise.all([kafka.describeBrokers(), kafka.listTopics()]);
    return kafkaModule().validateCreateTopic(input, {
      brokerCount: brokers.length,
      existingTopics: topics.map((t) => t.name),
    });
  }

  async createTopic(cluster: ClusterRef, input: CreateTopicInput): Promise<void> {
    await (await this.resolve(cluster)).kafka.createTopic(input);
  }

  async deleteTopic(cluster: ClusterRef, topic: string): Promise<void> {
    await (await this.resolve(cluster)).kafka.deleteTopic(topic);
  }

  async setTopicConfig(cluster: ClusterRef, topic: string, key: string, value: string | null): Promise<void> {
    await (await this.resolve(cluster)).kafka.alterTopicConfigOverride(topic, key, value);
  }

  async deleteGroup(cluster: ClusterRef, groupId: string): Promise<void> {
    await (await this.resolve(cluster)).kafka.deleteConsumerGroup(groupId);
  }

  async describeCluster(cluster: ClusterRef): Promise<unknown> {
    if (cluster.source === 'msk' && cluster.arn) {
      return this.awsParts().msk.describeCluster(this.clusterTarget(cluster), cluster.arn);
    }
    const conn = this.manualConnection(cluster);
    const { kafka } = await this.resolve(cluster);
    return {
      name: conn.name,
      bootstrapServers: conn.bootstrapServers,
      authentication: conn.auth,
      brokers: await kafka.describeBrokers(),
    };
  }

  async describeConnector(cluster: ClusterRef, connectorArn: string): Promise<unknown> {
    const detail = await this.awsParts().msk.describeConnector(this.clusterTarget(cluster), connectorArn);
    return detail.raw;
  }

  async kafka(cluster: ClusterRef): Promise<Kafka.KafkaCluster> {
    return (await this.resolve(cluster)).kafka;
  }

  async bootstrapServers(cluster: ClusterRef): Promise<string> {
    if (cluster.source === 'manual') return this.manualConnection(cluster).bootstrapServers;
    return (await this.resolve(cluster)).bootstrapServers;
  }

  reset(): void {
    const pool = this.pool;
    this.pool = undefined;
    this.resolved.clear();
    this.aws?.factory.dispose();
    this.aws = undefined;
    if (pool)
      void pool.disposeAll().catch((err: unknown) => this.options.log.warn(`closing Kafka clients: ${String(err)}`));
  }

  async dispose(): Promise<void> {
    const pool = this.pool;
    this.pool = undefined;
    this.resolved.clear();
    this.aws?.factory.dispose();
    this.aws = undefined;
    await pool?.disposeAll();
  }

  // ---- internals -------------------------------------------------------------------------------

  /** The Kafka connection of a cluster, resolved once (bootstrap choice, credentials) and shared. */
  private resolve(cluster: ClusterRef): Promise<ResolvedCluster> {
    let pending = this.resolved.get(cluster.key);
    if (!pending) {
      pending = cluster.source === 'msk' ? this.resolveMsk(cluster) : this.resolveManual(cluster);
      this.resolved.set(cluster.key, pending);
      const stored = pending;
      pending.catch(() => {
        if (this.resolved.get(cluster.key) === stored) this.resolved.delete(cluster.key);
      });
    }
    return pending;
  }

  private async resolveMsk(cluster: ClusterRef): Promise<ResolvedCluster> {
    const arn = cluster.arn!;
    const { module, factory, msk } = this.awsParts();
    const target = this.clusterTarget(cluster);
    const brokers = await msk.getBootstrapBrokers(target, arn);
    const s = this.settings;
    const choice = module.chooseBootstrap(brokers, cluster.authModes, {
      preferPublic: s.preferPublicEndpoints,
      preferredAuth: s.preferredAuth || undefined,
    });
    if (!choice) {
      throw new UserError(`${cluster.name} offers no bootstrap brokers for the authentication it enables.`, {
        hint: 'Check the cluster’s client authentication and public access settings in the MSK console.',
        code: 'NoBootstrap',
      });
    }
    const ca = await this.readOptionalFile(s.caFile, 'msk.tls.caFile');
    let auth: Kafka.KafkaAuth;
    switch (choice.auth) {
      case 'iam':
        auth = {
          kind: 'iam',
          region: cluster.region ?? (await factory.resolve('kafka', target)).region,
          credentials: factory.credentialsFor(target),
        };
        break;
      case 'scram':
        auth = await this.mskScramAuth(cluster, target);
        break;
      case 'tls': {
        if (!s.clientCertFile || !s.clientKeyFile) {
          throw new UserError(`${cluster.name} needs a TLS client certificate.`, {
            hint: 'Set msk.tls.clientCertFile and msk.tls.clientKeyFile (PEM), or use IAM or SCRAM if the cluster enables them.',
            code: 'NoClientCertificate',
          });
        }
        auth = {
          kind: 'mtls',
          cert: await this.readRequiredFile(s.clientCertFile, 'msk.tls.clientCertFile'),
          key: await this.readRequiredFile(s.clientKeyFile, 'msk.tls.clientKeyFile'),
        };
        break;
      }
      case 'unauthenticated':
        auth = choice.tls ? { kind: 'tls' } : { kind: 'plaintext' };
        break;
    }
    const spec: Kafka.KafkaConnectionSpec = {
      id: `${arn}|${choice.auth}|${choice.network}`,
      label: cluster.name,
      bootstrapServers: choice.brokers,
      auth,
      ca,
      tls: choice.tls,
      addressMap: s.brokerAddressMap[cluster.name] ?? s.brokerAddressMap[arn],
      clusterArn: arn,
      clientId: 'msk-explorer',
    };
    this.options.log.info(
      `${cluster.name}: connecting with ${choice.auth} (${choice.network}) to ${choice.bootstrapServers}`,
    );
    return {
      kafka: new (kafkaModule().KafkaCluster)(this.kafkaPool(), spec, this.options.log),
      bootstrapServers: choice.bootstrapServers,
      allBootstrap: module.allBootstrapStrings(brokers),
    };
  }

  private async mskScramAuth(cluster: ClusterRef, target: Aws.AwsTarget): Promise<Kafka.ScramAuth> {
    const { msk } = this.awsParts();
    const secretArns = await msk.listScramSecrets(target, cluster.arn!);
    if (secretArns.length > 0) {
      const creds = await msk.getScramSecret(target, secretArns[0]);
      return {
        kind: 'scram',
        mechanism: 'scram-sha-512',
        username: creds.username,
        password: () => Promise.resolve(creds.password),
      };
    }
    const stored = await this.options.secrets.get(clusterScramSecretKey(cluster.key));
    if (!stored) {
      throw new UserError(`${cluster.name} uses SCRAM, but no credentials are known for it.`, {
        hint: 'Associate a Secrets Manager secret with the cluster, or set msk.preferredAuth to another method.',
        code: 'NoScramCredentials',
      });
    }
    const parsed = JSON.parse(stored) as { username: string; password: string };
    return {
      kind: 'scram',
      mechanism: 'scram-sha-512',
      username: parsed.username,
      password: () => Promise.resolve(parsed.password),
    };
  }

  private manualConnection(cluster: ClusterRef): ManualConnectionSetting {
    const conn = this.settings.connections.find((c) => `manual:${c.id}` === cluster.key);
    if (!conn)
      throw new UserError(`The connection “${cluster.name}” no longer exists in the settings.`, {
        code: 'NoConnection',
      });
    return conn;
  }

  private async resolveManual(cluster: ClusterRef): Promise<ResolvedCluster> {
    const conn = this.manualConnection(cluster);
    const ca = await this.readOptionalFile(conn.caFile, `the CA file of ${conn.name}`);
    let auth: Kafka.KafkaAuth;
    let tls = conn.auth !== 'plaintext';
    switch (conn.auth) {
      case 'plaintext':
        auth = { kind: 'plaintext' };
        tls = false;
        break;
      case 'tls':
        auth = { kind: 'tls' };
        break;
      case 'mtls':
        auth = {
          kind: 'mtls',
          cert: await this.readRequiredFile(conn.certFile, `the client certificate of ${conn.name}`),
          key: await this.readRequiredFile(conn.keyFile, `the client key of ${conn.name}`),
        };
        break;
      case 'scram-sha-256':
      case 'scram-sha-512': {
        const secrets = this.options.secrets;
        auth = {
          kind: 'scram',
          mechanism: conn.auth,
          username: conn.username ?? '',
          password: async () => {
            const password = await secrets.get(manualPasswordKey(conn.id));
            if (password === undefined) {
              throw new UserError(`No password is stored for ${conn.name}.`, {
                hint: 'Edit the connection to enter it.',
                code: 'NoPassword',
              });
            }
            return password;
          },
        };
        break;
      }
      case 'iam': {
        const { factory } = this.awsParts();
        const target = this.target(conn.awsProfile || this.settings.awsProfile || undefined, conn.region);
        auth = {
          kind: 'iam',
          region: conn.region ?? (await factory.resolve('kafka', target)).region,
          credentials: factory.credentialsFor(target),
        };
        break;
      }
    }
    const spec: Kafka.KafkaConnectionSpec = {
      id: cluster.key,
      label: conn.name,
      bootstrapServers: conn.bootstrapServers
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
      auth,
      ca,
      tls,
      addressMap: this.settings.brokerAddressMap[conn.name] ?? this.settings.brokerAddressMap[cluster.key],
      clientId: 'msk-explorer',
    };
    return {
      kafka: new (kafkaModule().KafkaCluster)(this.kafkaPool(), spec, this.options.log),
      bootstrapServers: conn.bootstrapServers,
      allBootstrap: [conn.bootstrapServers],
    };
  }

  private async brokers(cluster: ClusterRef): Promise<BrokerRow[]> {
    const { kafka } = await this.resolve(cluster);
    const live = await kafka.describeBrokers();
    let nodes: Aws.MskNode[] = [];
    if (cluster.source === 'msk' && cluster.type === 'PROVISIONED' && cluster.arn) {
      try {
        nodes = await this.awsParts().msk.listNodes(this.clusterTarget(cluster), cluster.arn);
      } catch (err) {
        // The live metadata is still worth showing; the log says why MSK's node details are missing.
        this.options.log.warn(`ListNodes for ${cluster.name} failed: ${String(err)}`);
      }
    }
    const byId = new Map(nodes.map((n) => [n.brokerId, n]));
    return live.map((b) => {
      const node = byId.get(b.id);
      return {
        id: b.id,
        host: b.host,
        port: b.port,
        rack: b.rack ?? undefined,
        isController: b.isController,
        instanceType: node?.instanceType,
        endpoints: node?.endpoints,
        clientSubnet: node?.clientSubnet,
      };
    });
  }

  private async connectors(cluster: ClusterRef): Promise<ConnectorRow[]> {
    if (cluster.source !== 'msk') return [];
    const { allBootstrap } = await this.resolve(cluster);
    const list = await this.awsParts().msk.listConnectorsForCluster(this.clusterTarget(cluster), allBootstrap);
    return list.map((c) => ({
      arn: c.arn,
      name: c.name,
      state: c.state,
      capacity: c.capacity,
      plugin: c.plugins.map((p) => p.name).join(', '),
      kafkaConnectVersion: c.kafkaConnectVersion ?? '',
    }));
  }

  private async readOptionalFile(path: string | undefined, what: string): Promise<string | undefined> {
    if (!path) return undefined;
    return this.readRequiredFile(path, what);
  }

  private async readRequiredFile(path: string | undefined, what: string): Promise<string> {
    if (!path) throw new UserError(`${what} is not set.`, { code: 'MissingFile' });
    try {
      return await readFile(expandHome(path, this.env), 'utf8');
    } catch (err) {
      throw new UserError(`Cannot read ${what} at ${path}.`, {
        cause: err,
        hint: 'Check the path in the settings.',
        code: 'FileUnreadable',
      });
    }
  }
}

function toConfigRow(e: Kafka.TopicConfigEntry): ConfigRow {
  return {
    name: e.name,
    value: e.value,
    source: CONFIG_SOURCE_LABEL[e.source] ?? e.source,
    isOverride: e.source === 'topicOverride',
    isSensitive: e.isSensitive,
    readOnly: e.readOnly,
  };
}

function manualAuthMode(c: ManualConnectionSetting): ClusterRef['authModes'][number] {
  switch (c.auth) {
    case 'iam':
      return 'iam';
    case 'scram-sha-256':
    case 'scram-sha-512':
      return 'scram';
    case 'mtls':
      return 'tls';
    default:
      return 'unauthenticated';
  }
}

function expandHome(path: string, env: Readonly<Record<string, string | undefined>>): string {
  return path.startsWith('~/') && env.HOME ? `${env.HOME}${path.slice(1)}` : path;
}
