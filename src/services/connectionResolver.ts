/**
 * How a cluster of the explorer is reached: the Kafka connection spec of an MSK cluster (bootstrap
 * brokers and auth chosen from the cluster and the settings, credentials from AWS, Secrets Manager
 * or the secret store) or of a manual connection. No vscode import; used by MskBackend.
 */
import { readFile } from 'node:fs/promises';
import type * as Aws from '../aws/index';
import type * as Kafka from '../kafka/index';
import { brokersUnreachableActions, openSettingAction } from '../shared/errorActions';
import { UserError } from '../shared/errors';
import type { Logger } from '../shared/logger';
import type { ClusterRef } from './clusterModel';
import { kafkaModule } from './lazyModules';
import type { ManualConnectionSetting, MskSettings } from './settingsModel';
import {
  clusterTunnelPassphraseKey,
  clusterTunnelSetting,
  connectionTunnelPassphraseKey,
  tunnelSpec,
  type TunnelPassphraseProvider,
} from './tunnelSettings';

export interface SecretReader {
  get(key: string): PromiseLike<string | undefined>;
}

/** SecretStorage key of the SCRAM user/password (JSON) of an MSK cluster without Secrets Manager secrets. */
export function clusterScramSecretKey(clusterKey: string): string {
  return `msk.cluster.${clusterKey}.scram`;
}

/** SecretStorage key of a manual connection's SCRAM password. */
export function manualPasswordKey(connectionId: string): string {
  return `msk.connection.${connectionId}.password`;
}

export interface AwsParts {
  module: typeof Aws;
  factory: Aws.AwsClientFactory;
  msk: Aws.MskService;
  cloudWatch: Aws.CloudWatchLagService;
}

export interface ResolvedCluster {
  kafka: Kafka.KafkaCluster;
  bootstrapServers: string;
  /** MSK only: every bootstrap string, for matching connectors. */
  allBootstrap: string[];
}

export interface ConnectionResolverDeps {
  settings: () => MskSettings;
  secrets: SecretReader;
  log: Logger;
  env: Readonly<Record<string, string | undefined>>;
  /** The AWS layer's parts (made on first use). */
  aws: () => AwsParts;
  /** The shared Kafka client pool (made on first use). */
  pool: () => Kafka.KafkaClientPool;
  /** Where AWS calls for a profile and region go. */
  target: (profile: string | undefined, region?: string) => Aws.AwsTarget;
  /** The passphrase of an encrypted SSH tunnel key (the extension: SecretStorage, else it asks). */
  tunnelPassphrase?: TunnelPassphraseProvider;
}

export class ConnectionResolver {
  constructor(private readonly deps: ConnectionResolverDeps) {}

  async resolveMsk(cluster: ClusterRef): Promise<ResolvedCluster> {
    const arn = cluster.arn!;
    const { module, factory, msk } = this.deps.aws();
    const target = this.deps.target(cluster.profile, cluster.region);
    const brokers = await msk.getBootstrapBrokers(target, arn);
    const s = this.deps.settings();
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
          ...iamCredentials(factory.credentialsFor(target)),
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
      unreachableActions: brokersUnreachableActions(cluster),
    };
    const tunnelSetting = clusterTunnelSetting(s.sshTunnels, cluster.name, arn);
    if (tunnelSetting) {
      spec.tunnel = this.tunnel(tunnelSetting.raw, {
        label: cluster.name,
        where: `msk.sshTunnels › "${tunnelSetting.key}"`,
        secretKey: clusterTunnelPassphraseKey(tunnelSetting.key),
      });
    }
    this.deps.log.info(
      `${cluster.name}: connecting with ${choice.auth} (${choice.network}) to ${choice.bootstrapServers}`,
    );
    return {
      kafka: new (kafkaModule().KafkaCluster)(this.deps.pool(), spec, this.deps.log),
      bootstrapServers: choice.bootstrapServers,
      allBootstrap: module.allBootstrapStrings(brokers),
    };
  }

  private async mskScramAuth(cluster: ClusterRef, target: Aws.AwsTarget): Promise<Kafka.ScramAuth> {
    const { msk } = this.deps.aws();
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
    const stored = await this.deps.secrets.get(clusterScramSecretKey(cluster.key));
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

  manualConnection(cluster: ClusterRef): ManualConnectionSetting {
    const conn = this.deps.settings().connections.find((c) => `manual:${c.id}` === cluster.key);
    if (!conn)
      throw new UserError(`The connection “${cluster.name}” no longer exists in the settings.`, {
        code: 'NoConnection',
      });
    return conn;
  }

  /**
   * The AWS profile whose credentials sign the IAM tokens of `cluster` (undefined: the default
   * credential chain): an MSK cluster's own profile; a connection's awsProfile, else the explorer's.
   */
  iamProfile(cluster: ClusterRef): string | undefined {
    if (cluster.source === 'msk') return cluster.profile;
    return this.manualConnection(cluster).awsProfile || this.deps.settings().awsProfile || undefined;
  }

  async resolveManual(cluster: ClusterRef): Promise<ResolvedCluster> {
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
        const secrets = this.deps.secrets;
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
        const { factory } = this.deps.aws();
        const target = this.deps.target(this.iamProfile(cluster), conn.region);
        auth = {
          kind: 'iam',
          region: conn.region ?? (await factory.resolve('kafka', target)).region,
          ...iamCredentials(factory.credentialsFor(target)),
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
      addressMap:
        this.deps.settings().brokerAddressMap[conn.name] ?? this.deps.settings().brokerAddressMap[cluster.key],
      clientId: 'msk-explorer',
      unreachableActions: brokersUnreachableActions(cluster, 'msk.connections'),
    };
    if (conn.sshTunnel !== undefined && conn.sshTunnel !== null) {
      spec.tunnel = this.tunnel(conn.sshTunnel, {
        label: conn.name,
        where: `msk.connections › "${conn.name}" › sshTunnel`,
        secretKey: connectionTunnelPassphraseKey(conn.id),
      });
    }
    return {
      kafka: new (kafkaModule().KafkaCluster)(this.deps.pool(), spec, this.deps.log),
      bootstrapServers: conn.bootstrapServers,
      allBootstrap: [conn.bootstrapServers],
    };
  }

  /** The tunnel of a spec from its setting; a setting with problems fails the connection, naming them. */
  private tunnel(raw: unknown, who: { label: string; where: string; secretKey: string }): Kafka.SshTunnelConfig {
    const built = tunnelSpec(raw, who, { passphrase: this.deps.tunnelPassphrase, env: this.deps.env });
    if (!built.ok) {
      throw new UserError(built.message, {
        hint: built.hint,
        code: 'BadTunnelSettings',
        actions: [openSettingAction(who.where.startsWith('msk.sshTunnels') ? 'msk.sshTunnels' : 'msk.connections')],
      });
    }
    return built.tunnel;
  }

  private async readOptionalFile(path: string | undefined, what: string): Promise<string | undefined> {
    if (!path) return undefined;
    return this.readRequiredFile(path, what);
  }

  private async readRequiredFile(path: string | undefined, what: string): Promise<string> {
    if (!path) throw new UserError(`${what} is not set.`, { code: 'MissingFile' });
    try {
      return await readFile(expandHome(path, this.deps.env), 'utf8');
    } catch (err) {
      throw new UserError(`Cannot read ${what} at ${path}.`, {
        cause: err,
        hint: 'Check the path in the settings.',
        code: 'FileUnreadable',
      });
    }
  }
}

/** The credentials of an IAM connection and where they come from (profile and files; part of its fingerprint). */
function iamCredentials(
  provider: Aws.CachedCredentialProvider,
): Pick<Kafka.IamAuth, 'credentials' | 'credentialsSource'> {
  return { credentials: provider, credentialsSource: provider.key };
}

function expandHome(path: string, env: Readonly<Record<string, string | undefined>>): string {
  return path.startsWith('~/') && env.HOME ? `${env.HOME}${path.slice(1)}` : path;
}
