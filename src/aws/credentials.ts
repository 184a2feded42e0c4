/**
 * The one place that creates AWS credential providers.
 *
 * Each (profile, config file, credentials file) gets one cached provider: credentials are kept
 * until shortly before they expire, and concurrent callers share one in-flight request, so
 * opening ten clusters makes one SSO/STS call, not ten. The same function is what the Kafka
 * IAM SASL mechanism gets to sign its tokens.
 *
 * @aws-sdk/credential-providers is loaded with `import()` on the first credential request.
 */
import { readProfile, resolveAwsFiles, type AwsEnv, type AwsFiles } from './profiles';

/** Structurally the SDK's AwsCredentialIdentity. */
export interface AwsCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  expiration?: Date;
  accountId?: string;
  credentialScope?: string;
}

export type CredentialsFunction = () => Promise<AwsCredentials>;

export interface CredentialSource {
  /** Profile name; undefined means the SDK's default provider chain (env vars, AWS_PROFILE, SSO, IMDS, ...). */
  profile?: string;
  configFile?: string;
  credentialsFile?: string;
}

export interface ResolvedCredentialSource {
  profile: string | undefined;
  files: AwsFiles;
  env: AwsEnv;
}

/** A cached provider: call it for credentials; `invalidate()` drops what it holds. */
export interface CachedCredentialProvider extends CredentialsFunction {
  readonly key: string;
  readonly source: ResolvedCredentialSource;
  invalidate(): void;
}

export type ProviderCreator = (source: ResolvedCredentialSource) => CredentialsFunction;

export interface CredentialCacheOptions {
  /** Refresh this long before `expiration` (default 5 minutes; capped at half the credentials' lifetime). */
  refreshWindowMs?: number;
  /** After a failed refresh while old credentials are still valid, wait this long before trying again. */
  retryAfterFailureMs?: number;
  now?: () => number;
}

const DEFAULT_REFRESH_WINDOW_MS = 5 * 60_000;
const DEFAULT_RETRY_AFTER_FAILURE_MS = 30_000;

/**
 * Wraps a credentials function in a cache: one underlying call for concurrent callers, and a
 * new one only when the held credentials come close to their expiration.
 */
export function cacheCredentials(
  fetch: CredentialsFunction,
  options: CredentialCacheOptions = {},
): CredentialsFunction & { invalidate(): void } {
  const now = options.now ?? Date.now;
  const window = options.refreshWindowMs ?? DEFAULT_REFRESH_WINDOW_MS;
  const retryAfter = options.retryAfterFailureMs ?? DEFAULT_RETRY_AFTER_FAILURE_MS;
  let held: { creds: AwsCredentials; refreshAt: number; expiresAt: number } | undefined;
  let inFlight: Promise<AwsCredentials> | undefined;
  let generation = 0;

  const refresh = async (gen: number): Promise<AwsCredentials> => {
    const startedAt = now();
    try {
      const creds = await fetch();
      if (gen === generation) {
        const expiresAt = creds.expiration ? creds.expiration.getTime() : Number.POSITIVE_INFINITY;
        const lifetime = expiresAt - startedAt;
        const lead = Math.min(window, lifetime / 2);
        held = { creds, expiresAt, refreshAt: expiresAt - lead };
      }
      return creds;
    } catch (err) {
      // Keep serving credentials that have not expired yet; try the refresh again later.
      const t = now();
      if (gen === generation && held && held.expiresAt > t) {
        held.refreshAt = Math.min(t + retryAfter, held.expiresAt);
        return held.creds;
      }
      throw err;
    } finally {
      if (gen === generation) inFlight = undefined;
    }
  };

  const get = (): Promise<AwsCredentials> => {
    if (held && now() < held.refreshAt) return Promise.resolve(held.creds);
    inFlight ??= refresh(generation);
    return inFlight;
  };
  return Object.assign(get, {
    invalidate: () => {
      generation += 1;
      held = undefined;
      inFlight = undefined;
    },
  });
}

/**
 * The SDK providers. A named profile goes through fromIni (static keys, assume-role with
 * source_profile or credential_source, credential_process, web identity), except SSO profiles:
 * fromIni hands SSO profiles to fromSSO WITHOUT the file paths, so a config file chosen in the
 * settings would be ignored; those go to fromSSO directly.
 */
export const sdkProviderCreator: ProviderCreator = (source) => async () => {
  const sdk = await import('@aws-sdk/credential-providers');
  const files = { filepath: source.files.credentialsFile, configFilepath: source.files.configFile, ignoreCache: true };
  if (source.profile === undefined) return sdk.fromNodeProviderChain(files)();
  const profile = await readProfile(source.profile, { ...source.files, env: source.env });
  if (!profile) {
    const err = new Error(
      `Profile "${source.profile}" is not defined in ${source.files.configFile} or ${source.files.credentialsFile}.`,
    );
    err.name = 'ProfileNotFound';
    throw err;
  }
  if (profile.kind === 'sso') return sdk.fromSSO({ profile: profile.name, ...files })();
  return sdk.fromIni({ profile: profile.name, ...files })();
};

export interface CredentialRegistryOptions extends CredentialCacheOptions {
  createProvider?: ProviderCreator;
  env?: AwsEnv;
}

/** One cached provider per (profile, files); `invalidate()` when the profile or the files change. */
export class CredentialRegistry {
  private readonly providers = new Map<string, CachedCredentialProvider>();
  private readonly createProvider: ProviderCreator;
  private readonly env: AwsEnv;

  constructor(private readonly options: CredentialRegistryOptions = {}) {
    this.createProvider = options.createProvider ?? sdkProviderCreator;
    this.env = options.env ?? process.env;
  }

  resolve(source: CredentialSource = {}): ResolvedCredentialSource {
    return { profile: source.profile, files: resolveAwsFiles(source, this.env), env: this.env };
  }

  static keyOf(source: ResolvedCredentialSource): string {
    return JSON.stringify([source.profile ?? null, source.files.configFile, source.files.credentialsFile]);
  }

  /** The cached provider for a profile (same object for the same profile and files). */
  provider(source: CredentialSource = {}): CachedCredentialProvider {
    const resolved = this.resolve(source);
    const key = CredentialRegistry.keyOf(resolved);
    const existing = this.providers.get(key);
    if (existing) return existing;
    const cached = cacheCredentials(this.createProvider(resolved), this.options);
    const provider = Object.assign(() => cached(), { key, source: resolved, invalidate: () => cached.invalidate() });
    this.providers.set(key, provider);
    return provider;
  }

  /**
   * Drops cached credentials: of one profile/files, or of all when called without arguments.
   * Provider objects stay valid (a Kafka client holding one fetches fresh credentials next time).
   */
  invalidate(source?: CredentialSource): void {
    if (!source) {
      for (const p of this.providers.values()) p.invalidate();
      return;
    }
    this.providers.get(CredentialRegistry.keyOf(this.resolve(source)))?.invalidate();
  }
}
