/**
 * The Backend over the AWS layer (MSK discovery, MSK Connect, Secrets Manager) and the Kafka layer
 * (kafkajs admin). No vscode import: the extension passes its settings, SecretStorage and log, and
 * the integration tests pass plain objects. Both heavy layers are loaded on first use.
 */
import type * as Aws from '../aws/index';
import type * as Kafka from '../kafka/index';
import { selectAwsProfileAction } from '../shared/errorActions';
import { UserError } from '../shared/errors';
import { assertExpressAllows } from './expressRules';
import type { Logger } from '../shared/logger';
import type { Page } from '../shared/pagedList';
import type { AwsScope, Backend, CreateTopicInput } from './backend';
import { CloudWatchLag } from './cloudWatchLag';
import type { ClusterOps, ClusterRef } from './clusterModel';
import { clusterOps } from './clusterOps';
import type { DoctorEnvironment } from './doctor/environment';
import { ConnectionResolver, type AwsParts, type ResolvedCluster, type SecretReader } from './connectionResolver';
import { SchemaRegistries } from './schemaRegistries';
import { awsModule, kafkaModule } from './lazyModules';
import { MskConfigurations } from './mskConfigurations';
import { TopicSource } from './topicSource';
import { topicWrites } from './topicSourceWrites';
import type { ManualConnectionSetting, MskSettings } from './settingsModel';
import type { TunnelPassphraseProvider } from './tunnelSettings';

export { clusterScramSecretKey, manualPasswordKey, type SecretReader } from './connectionResolver';

export interface MskBackendOptions {
  settings: () => MskSettings;
  secrets: SecretReader;
  log: Logger;
  /** e.g. "msk-explorer/0.1.0" */
  userAgent: string;
  /** The environment to read AWS_* variables (and SSH_AUTH_SOCK, HOME for SSH tunnels) from (never written). */
  env?: Readonly<Record<string, string | undefined>>;
  /** The passphrase of an encrypted SSH tunnel key: the extension reads SecretStorage or asks. */
  tunnelPassphrase?: TunnelPassphraseProvider;
  /** Timing of SSH tunnels (tests shorten it). */
  tunnelOptions?: Kafka.SshTunnelOptions;
}

export class MskBackend implements Backend {
  private aws: AwsParts | undefined;
  private pool: Kafka.KafkaClientPool | undefined;
  private readonly resolved = new Map<string, Promise<ResolvedCluster>>();
  /** The connection each cluster was last resolved to (kept across `reconnect`, to replace it when it changed). */
  private readonly connected = new Map<string, { cluster: ClusterRef; specId: string }>();
  /** Counts `reconnect`s: a resolve started before the latest one is resolved again. */
  private generation = 0;
  private readonly env: Readonly<Record<string, string | undefined>>;
  private readonly connections: ConnectionResolver;
  private schemas: SchemaRegistries | undefined;
  /** Brokers or MSK's topic API, per cluster (msk.topics.source). */
  private readonly topicSource: TopicSource;
  private mskTopics: Aws.MskTopicsService | undefined;
  private configurations: MskConfigurations | undefined;

  constructor(private readonly options: MskBackendOptions) {
    this.env = options.env ?? process.env;
    this.connections = new ConnectionResolver({
      settings: options.settings,
      secrets: options.secrets,
      log: options.log,
      env: this.env,
      aws: () => this.awsParts(),
      pool: () => this.kafkaPool(),
      target: (profile, region) => this.target(profile, region),
      tunnelPassphrase: options.tunnelPassphrase,
    });
    this.topicSource = new TopicSource({
      setting: () => this.settings.topicsSource ?? 'auto',
      log: options.log,
    });
  }

  private mskTopicsApi(): Aws.MskTopicsService {
    this.mskTopics ??= new (awsModule().MskTopicsService)(this.awsParts().factory);
    return this.mskTopics;
  }

  /** MSK clusters: the topic API and the source choice; manual connections: brokers only. */
  private topicsDeps(cluster: ClusterRef) {
    return cluster.source === 'msk' ? { source: this.topicSource, api: () => this.mskTopicsApi() } : undefined;
  }

  /** Topic writes on the cluster's topic source (brokers, or the MSK API); manual connections: brokers. */
  private topicWrites(cluster: ClusterRef) {
    return topicWrites(cluster, {
      source: this.topicSource,
      api: () => this.mskTopicsApi(),
      target: this.clusterTarget(cluster),
      kafka: async () => (await this.resolve(cluster)).kafka,
    });
  }

  private get settings(): MskSettings {
    return this.options.settings();
  }

  private awsParts(): AwsParts {
    if (!this.aws) {
      const module = awsModule();
      const factory = new module.AwsClientFactory({ env: this.env, userAgent: this.options.userAgent });
      this.aws = {
        module,
        factory,
        msk: new module.MskService(factory),
        cloudWatch: new module.CloudWatchLagService(factory),
      };
    }
    return this.aws;
  }

  private kafkaPool(): Kafka.KafkaClientPool {
    this.pool ??= new (kafkaModule().KafkaClientPool)({
      logger: this.options.log,
      tunnelOptions: this.options.tunnelOptions,
    });
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

  /** Schema registries per cluster: Glue with the cluster's profile, region and endpoint; Confluent from the settings. */
  schemaRegistries(): SchemaRegistries {
    return (this.schemas ??= new SchemaRegistries({
      settings: () => this.settings,
      secrets: this.options.secrets,
      factory: () => this.awsParts().factory,
      target: (cluster) => this.clusterTarget(cluster),
    }));
  }

  /** MSK cluster configurations per AWS profile × region, with that scope's endpoint settings. */
  mskConfigurations(): MskConfigurations {
    return (this.configurations ??= new MskConfigurations({
      factory: () => this.awsParts().factory,
      target: (profile, region) => this.target(profile, region),
    }));
  }

  /** MSK's CloudWatch consumer-lag metrics, with each cluster's profile, region and endpoint. */
  cloudWatchLag(): CloudWatchLag {
    return new CloudWatchLag({
      cloudWatch: () => this.awsParts().cloudWatch,
      target: (cluster) => this.clusterTarget(cluster),
    });
  }

  /** The connection doctor's view of this backend: the same AWS parts and the connection as it would be made. */
  doctor(): DoctorEnvironment {
    return {
      aws: () => this.awsParts(),
      target: (cluster) => this.clusterTarget(cluster),
      iamProfile: (cluster) => this.connections.iamProfile(cluster),
      connectionSpec: async (cluster) =>
        (cluster.source === 'msk'
          ? await this.connections.resolveMsk(cluster)
          : await this.connections.resolveManual(cluster)
        ).kafka.spec,
      tunnelOptions: this.options.tunnelOptions,
      log: this.options.log,
    };
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
          actions: [selectAwsProfileAction],
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
        instanceType: c.instanceType,
        storageMode: c.storageMode,
        creationTime: c.creationTime,
        configuration: c.configuration,
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
    return clusterOps(cluster, {
      resolve: (c) => this.resolve(c),
      msk: () => this.awsParts().msk,
      target: (c) => this.clusterTarget(c),
      log: this.options.log,
      topics: this.topicsDeps(cluster),
    });
  }

  validateTopic(cluster: ClusterRef, input: CreateTopicInput): Promise<string[]> {
    return this.topicWrites(cluster).validate(input);
  }

  createTopic(cluster: ClusterRef, input: CreateTopicInput): Promise<void> {
    return this.topicWrites(cluster).create(input);
  }

  deleteTopic(cluster: ClusterRef, topic: string): Promise<void> {
    return this.topicWrites(cluster).delete(topic);
  }

  async setTopicConfig(cluster: ClusterRef, topic: string, key: string, value: string | null): Promise<void> {
    assertExpressAllows(cluster, key);
    await this.topicWrites(cluster).setConfig(topic, key, value);
  }

  async deleteGroup(cluster: ClusterRef, groupId: string): Promise<void> {
    await (await this.resolve(cluster)).kafka.deleteConsumerGroup(groupId);
  }

  async describeCluster(cluster: ClusterRef): Promise<unknown> {
    if (cluster.source === 'msk' && cluster.arn) {
      return this.awsParts().msk.describeCluster(this.clusterTarget(cluster), cluster.arn);
    }
    const conn = this.connections.manualConnection(cluster);
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
    if (cluster.source === 'manual') return this.connections.manualConnection(cluster).bootstrapServers;
    return (await this.resolve(cluster)).bootstrapServers;
  }

  async reconnect(options: { rereadAws?: boolean } = {}): Promise<void> {
    this.generation += 1;
    this.resolved.clear();
    // Refresh: clusters that fell back to the MSK API try their brokers again.
    this.topicSource.forget();
    // Invalidated, not disposed: the credential functions IAM clients hold stay valid and read afresh.
    if (options.rereadAws) this.aws?.factory.invalidate();
    // Refresh: registries that failed (or changed) are asked again.
    this.schemas?.clear();
    const log = this.options.log;
    await Promise.all(
      [...this.connected.values()].map(async ({ cluster, specId }) => {
        if (cluster.source === 'manual' && !this.settings.connections.some((c) => `manual:${c.id}` === cluster.key)) {
          this.connected.delete(cluster.key);
          await this.pool?.dispose(specId, `the connection “${cluster.name}” was removed from the settings`);
          return;
        }
        try {
          await this.resolve(cluster);
        } catch (err) {
          // Its clients stay as they are; whoever uses the connection next sees the error.
          log.warn(`${cluster.name}: resolving the connection again failed: ${String(err)}`);
        }
      }),
    );
  }

  async dispose(): Promise<void> {
    const pool = this.pool;
    this.pool = undefined;
    this.resolved.clear();
    this.connected.clear();
    this.aws?.factory.dispose();
    this.aws = undefined;
    this.mskTopics = undefined;
    await pool?.disposeAll();
  }

  // ---- internals -------------------------------------------------------------------------------

  /** The Kafka connection of a cluster, resolved once (bootstrap choice, credentials) and shared. */
  private resolve(cluster: ClusterRef): Promise<ResolvedCluster> {
    let pending = this.resolved.get(cluster.key);
    if (!pending) {
      const generation = this.generation;
      pending = (
        cluster.source === 'msk' ? this.connections.resolveMsk(cluster) : this.connections.resolveManual(cluster)
      ).then((r) => {
        // Resolved from settings that changed meanwhile: its spec must not undo the newer one.
        if (generation !== this.generation) return this.resolve(cluster);
        this.adopt(cluster, r.kafka.spec);
        return r;
      });
      this.resolved.set(cluster.key, pending);
      const stored = pending;
      pending.catch(() => {
        if (this.resolved.get(cluster.key) === stored) this.resolved.delete(cluster.key);
      });
    }
    return pending;
  }

  /** Replaces the cluster's Kafka clients if its connection changed since it was last resolved. */
  private adopt(cluster: ClusterRef, spec: Kafka.KafkaConnectionSpec): void {
    const before = this.connected.get(cluster.key);
    this.connected.set(cluster.key, { cluster, specId: spec.id });
    const result = this.pool?.replace(before?.specId ?? spec.id, spec);
    if (result === 'replaced') {
      this.options.log.info(`${cluster.name}: its connection settings changed; its Kafka clients are replaced`);
    }
  }
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
