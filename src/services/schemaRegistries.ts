/**
 * The schema registries of each cluster: AWS Glue Schema Registry with the cluster's own AWS
 * profile, region and endpoint, and the Confluent-compatible registry set for it in
 * `msk.schemaRegistries` (secret from SecretStorage). One SchemaResolver per cluster, so its schema
 * cache and negative cache are shared by every tail of the cluster; replaced when its settings change.
 */
import type * as Aws from '../aws/index';
import type * as Kafka from '../kafka/index';
import type { ClusterRef } from './clusterModel';
import type { SecretReader } from './connectionResolver';
import { awsModule, kafkaModule } from './lazyModules';
import type { MskSettings } from './settingsModel';
import { registryFor, schemaRegistrySecretKey, type SchemaRegistrySetting } from './schemaSettings';

export interface SchemaRegistriesDeps {
  settings: () => MskSettings;
  secrets: SecretReader;
  /** The AWS client factory (made on first use: loads the AWS layer). */
  factory: () => Aws.AwsClientFactory;
  target: (cluster: ClusterRef) => Aws.AwsTarget;
  /** How long a failed lookup is remembered (default 30 s). */
  retryAfterMs?: number;
}

export class SchemaRegistries {
  private readonly resolvers = new Map<string, { signature: string; resolver: Kafka.SchemaResolver }>();
  private glue: Aws.GlueSchemaService | undefined;

  constructor(private readonly deps: SchemaRegistriesDeps) {}

  /** The AWS client factory (Glue calls: `factory().call('glue', glueTarget(cluster), …)`). */
  factory(): Aws.AwsClientFactory {
    return this.deps.factory();
  }

  /** Where Glue calls for a cluster go: its profile, region and endpoint settings. */
  glueTarget(cluster: ClusterRef): Aws.AwsTarget {
    return this.deps.target(cluster);
  }

  private glueService(): Aws.GlueSchemaService {
    return (this.glue ??= new (awsModule().GlueSchemaService)(this.deps.factory()));
  }

  /** The Confluent registry setting of a cluster, if any. */
  confluentSetting(cluster: ClusterRef): SchemaRegistrySetting | undefined {
    return registryFor(this.deps.settings().schemaRegistries ?? [], cluster);
  }

  /** A REST client of the cluster's Confluent registry (undefined: none set). */
  async confluentClient(cluster: ClusterRef): Promise<Kafka.ConfluentRegistryClient | undefined> {
    const setting = this.confluentSetting(cluster);
    if (!setting) return undefined;
    const secret =
      setting.auth === 'none' ? '' : ((await this.deps.secrets.get(schemaRegistrySecretKey(setting.cluster))) ?? '');
    const { ConfluentRegistryClient, SchemaFetchError } = kafkaModule();
    if (setting.auth !== 'none' && !secret) {
      throw new SchemaFetchError(
        'access-denied',
        `No ${setting.auth === 'basic' ? 'password' : 'token'} is stored for the schema registry at ${setting.url}: run “MSK: Set Schema Registry Secret…”.`,
      );
    }
    const auth: Kafka.ConfluentAuth =
      setting.auth === 'basic'
        ? { kind: 'basic', username: setting.username ?? '', password: secret }
        : setting.auth === 'bearer'
          ? { kind: 'bearer', token: secret }
          : { kind: 'none' };
    return new ConfluentRegistryClient({ url: setting.url, auth });
  }

  /** The cluster's schema resolver (shared cache); a new one when its registry settings changed. */
  resolverFor(cluster: ClusterRef): Kafka.SchemaResolver {
    const target = this.deps.target(cluster);
    const setting = this.confluentSetting(cluster);
    const signature = JSON.stringify([target, setting ?? null]);
    const known = this.resolvers.get(cluster.key);
    if (known && known.signature === signature) return known.resolver;
    const { SchemaResolver } = kafkaModule();
    // One client (one secret read) per resolver; a failed read is not kept, so a secret set later is used.
    let client: Promise<Kafka.ConfluentRegistryClient | undefined> | undefined;
    const confluentClient = () => {
      client ??= this.confluentClient(cluster).catch((err: unknown) => {
        client = undefined;
        throw err;
      });
      return client;
    };
    const resolver = new SchemaResolver(
      {
        glue: (id) => this.glueService().getSchemaVersion(target, id),
        ...(setting
          ? {
              confluent: async (id: number) => {
                const c = await confluentClient();
                if (!c) throw new Error('The schema registry setting was removed.');
                return c.schemaById(id);
              },
            }
          : {}),
      },
      { retryAfterMs: this.deps.retryAfterMs },
    );
    this.resolvers.set(cluster.key, { signature, resolver });
    return resolver;
  }

  /** Forgets cached schemas and failures (after Refresh, or a secret was set). */
  clear(): void {
    for (const { resolver } of this.resolvers.values()) resolver.clear();
    this.resolvers.clear();
  }
}
