/**
 * The one factory that creates every AWS SDK client of the extension.
 *
 * A client is cached per (service, profile, files, region, endpoint) and gets: the cached
 * credential provider of its profile, its region, the endpoint override if any, the extension's
 * user-agent suffix and the retry settings. `dispose()` destroys them all.
 *
 * The SDK client packages are loaded with `import()` when the first client of a service is
 * created; only types are imported statically.
 */
import type { KafkaClient, KafkaClientConfig } from '@aws-sdk/client-kafka';
import type { KafkaConnectClient } from '@aws-sdk/client-kafkaconnect';
import type { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import type { GlueClient } from '@aws-sdk/client-glue';
import type { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { STSClient } from '@aws-sdk/client-sts';
import { selectRegionsAction } from '../shared/errorActions';
import { CredentialRegistry, type CachedCredentialProvider } from './credentials';
import { defaultEndpointUrl, resolveServiceEndpoint, type AwsService, type ResolvedEndpoint } from './endpoints';
import { AwsUserError, toAwsUserError, type AwsCallContext } from './errors';
import {
  defaultProfileName,
  readProfile,
  regionFromEnv,
  resolveAwsFiles,
  type AwsEnv,
  type AwsFiles,
  type AwsProfile,
} from './profiles';

/** What the user chose: a profile (or the default chain), files, and optional overrides. */
export interface AwsTarget {
  /** Profile name; undefined means the SDK's default credential chain (AWS_PROFILE or "default" for region/endpoint). */
  profile?: string;
  /** Region override (extension setting, or the region of an ARN). */
  region?: string;
  /** Endpoint override for every service (extension setting). */
  endpoint?: string;
  /** Endpoint override per service; wins over `endpoint`. */
  endpoints?: Partial<Record<AwsService, string>>;
  configFile?: string;
  credentialsFile?: string;
}

export interface ResolvedTarget {
  service: AwsService;
  profile: string | undefined;
  /** The profile whose region/endpoint settings apply (the AWS_PROFILE/default one for the default chain). */
  profileInfo: AwsProfile | undefined;
  region: string;
  files: AwsFiles;
  endpoint: ResolvedEndpoint;
  /** The URL requests go to (the override, or the public regional endpoint). */
  endpointUrl: string;
  credentials: CachedCredentialProvider;
}

export interface AwsClientTypes {
  kafka: KafkaClient;
  kafkaconnect: KafkaConnectClient;
  secretsmanager: SecretsManagerClient;
  cloudwatch: CloudWatchClient;
  glue: GlueClient;
  sts: STSClient;
}

type AnyClient = AwsClientTypes[AwsService];

/**
 * How a call is named in messages: its IAM action (e.g. "glue:GetSchema"), or that with the
 * operation in the user's words (e.g. { action: "kafka-cluster:CreateTopic", operation: "MSK CreateTopic" }).
 */
export type AwsCallName = string | { action: string; operation: string };

function callName(name: AwsCallName | undefined): Pick<AwsCallContext, 'action' | 'operation'> {
  return typeof name === 'object' ? { action: name.action, operation: name.operation } : { action: name };
}

export interface AwsClientFactoryOptions {
  credentials?: CredentialRegistry;
  env?: AwsEnv;
  /** Appended to the SDK user agent, e.g. "msk-explorer/0.1.0". */
  userAgent?: string;
  /** Total attempts per request, including the first (default 3). */
  maxAttempts?: number;
  /** Per-request socket timeout in ms (default 30 s). */
  requestTimeoutMs?: number;
  /** TCP connect timeout in ms (default 5 s). */
  connectionTimeoutMs?: number;
  /** Replaces the HTTP handler of every client (tests use an in-process fake). */
  requestHandler?: NonNullable<KafkaClientConfig['requestHandler']>;
}

export class AwsClientFactory {
  readonly credentials: CredentialRegistry;
  private readonly env: AwsEnv;
  /** Clients by key, with the key of the credential provider they use. */
  private readonly clients = new Map<string, { credentialsKey: string; client: Promise<AnyClient> }>();
  private disposed = false;

  constructor(private readonly options: AwsClientFactoryOptions = {}) {
    this.env = options.env ?? process.env;
    this.credentials = options.credentials ?? new CredentialRegistry({ env: this.env });
  }

  /** Where a call to `service` for `target` goes, and with which credentials. No SDK involved. */
  async resolve(service: AwsService, target: AwsTarget = {}): Promise<ResolvedTarget> {
    const files = resolveAwsFiles(target, this.env);
    const settingsProfile = target.profile ?? defaultProfileName(this.env);
    const profileInfo = await readProfile(settingsProfile, { ...files, env: this.env });
    const region = target.region?.trim() || regionFromEnv(this.env) || profileInfo?.region;
    if (!region) {
      throw new AwsUserError('no-region', `No AWS region is set for ${describe(target.profile)}.`, {
        context: { profile: target.profile },
        hint: 'Set `region` in the profile, AWS_REGION, or the region in the extension settings.',
        actions: [selectRegionsAction],
      });
    }
    const endpoint = resolveServiceEndpoint(service, {
      explicit: target.endpoints?.[service] ?? target.endpoint,
      profile: profileInfo,
      env: this.env,
    });
    return {
      service,
      profile: target.profile,
      profileInfo,
      region,
      files,
      endpoint,
      endpointUrl: endpoint.url ?? defaultEndpointUrl(service, region),
      credentials: this.credentials.provider({ profile: target.profile, ...files }),
    };
  }

  /** Context for error messages about a call through `resolved`. */
  static callContext(resolved: ResolvedTarget, action?: AwsCallName, resource?: string): AwsCallContext {
    return {
      ...callName(action),
      resource,
      profile: resolved.profile,
      region: resolved.region,
      endpoint: resolved.endpointUrl,
      endpointOrigin: resolved.endpoint.source === 'default' ? undefined : resolved.endpoint.origin,
    };
  }

  /** The cached credential provider of a target (e.g. for Kafka IAM authentication). */
  credentialsFor(target: AwsTarget = {}): CachedCredentialProvider {
    return this.credentials.provider({ profile: target.profile, ...resolveAwsFiles(target, this.env) });
  }

  async client<S extends AwsService>(resolved: ResolvedTarget & { service: S }): Promise<AwsClientTypes[S]> {
    if (this.disposed) throw new Error('The AWS client factory has been disposed.');
    const key = JSON.stringify([
      resolved.service,
      resolved.profile ?? null,
      resolved.files.configFile,
      resolved.files.credentialsFile,
      resolved.region,
      resolved.endpoint.url ?? null,
    ]);
    let entry = this.clients.get(key);
    if (!entry) {
      const created = { credentialsKey: resolved.credentials.key, client: this.create(resolved) };
      entry = created;
      this.clients.set(key, created);
      created.client.catch(() => {
        if (this.clients.get(key) === created) this.clients.delete(key);
      });
    }
    // The key starts with the service: the cached client is that service's.
    return (await entry.client) as AwsClientTypes[S];
  }

  /**
   * Runs one SDK call with the client of `service` for `target`, mapping errors to AwsUserError
   * (`action` — the IAM action, optionally with the operation's name — and `resource` name the call
   * in messages). An expired session token drops the cached credentials and clients of the profile
   * and retries once.
   */
  async call<S extends AwsService, T>(
    service: S,
    target: AwsTarget,
    action: AwsCallName,
    resource: string | undefined,
    run: (client: AwsClientTypes[S], resolved: ResolvedTarget) => Promise<T>,
  ): Promise<T> {
    let resolved: ResolvedTarget;
    try {
      resolved = await this.resolve(service, target);
    } catch (err) {
      throw toAwsUserError(err, { ...callName(action), resource, profile: target.profile, region: target.region });
    }
    const ctx = AwsClientFactory.callContext(resolved, action, resource);
    for (let attempt = 1; ; attempt++) {
      try {
        const client = await this.client(resolved as ResolvedTarget & { service: S });
        return await run(client, resolved);
      } catch (err) {
        const mapped = toAwsUserError(err, ctx);
        if (mapped.kind === 'expired-token' && attempt === 1) {
          this.invalidate(target);
          continue;
        }
        throw mapped;
      }
    }
  }

  /** Number of live clients (for tests and diagnostics). */
  get size(): number {
    return this.clients.size;
  }

  private config(resolved: ResolvedTarget) {
    return {
      region: resolved.region,
      credentials: resolved.credentials,
      ...(resolved.endpoint.url ? { endpoint: resolved.endpoint.url } : {}),
      // The endpoint was resolved above from the files and env the user chose; stop the SDK from
      // looking again in process.env and the default ~/.aws files.
      ignoreConfiguredEndpointUrls: true,
      maxAttempts: this.options.maxAttempts ?? 3,
      retryMode: 'standard',
      requestHandler: this.options.requestHandler ?? {
        requestTimeout: this.options.requestTimeoutMs ?? 30_000,
        connectionTimeout: this.options.connectionTimeoutMs ?? 5_000,
      },
      ...(this.options.userAgent ? { customUserAgent: this.options.userAgent } : {}),
    };
  }

  private async create(resolved: ResolvedTarget): Promise<AnyClient> {
    const config = this.config(resolved);
    switch (resolved.service) {
      case 'kafka': {
        const { KafkaClient } = await import('@aws-sdk/client-kafka');
        return new KafkaClient(config);
      }
      case 'kafkaconnect': {
        const { KafkaConnectClient } = await import('@aws-sdk/client-kafkaconnect');
        return new KafkaConnectClient(config);
      }
      case 'secretsmanager': {
        const { SecretsManagerClient } = await import('@aws-sdk/client-secrets-manager');
        return new SecretsManagerClient(config);
      }
      case 'cloudwatch': {
        const { CloudWatchClient } = await import('@aws-sdk/client-cloudwatch');
        return new CloudWatchClient(config);
      }
      case 'glue': {
        const { GlueClient } = await import('@aws-sdk/client-glue');
        return new GlueClient(config);
      }
      case 'sts': {
        const { STSClient } = await import('@aws-sdk/client-sts');
        return new STSClient(config);
      }
    }
  }

  /**
   * Forgets the credentials of a profile (all profiles without an argument) and destroys the
   * clients that use them. Needed when the user switches profile or edits the files: an SDK
   * client memoises credentials that have no expiration (static keys) for its whole life.
   */
  invalidate(target?: AwsTarget): void {
    if (!target) {
      this.credentials.invalidate();
      this.clear();
      return;
    }
    const provider = this.credentialsFor(target);
    provider.invalidate();
    for (const [key, entry] of this.clients) {
      if (entry.credentialsKey === provider.key) {
        this.clients.delete(key);
        destroy(entry.client);
      }
    }
  }

  /** Destroys every client (closing their sockets). Credentials are kept. */
  clear(): void {
    const all = [...this.clients.values()];
    this.clients.clear();
    for (const entry of all) destroy(entry.client);
  }

  dispose(): void {
    this.disposed = true;
    this.clear();
  }
}

function destroy(client: Promise<AnyClient>): void {
  client.then((c) => c.destroy()).catch(() => undefined);
}

function describe(profile: string | undefined): string {
  return profile ? `profile "${profile}"` : 'the default credential chain';
}
