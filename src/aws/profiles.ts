/**
 * AWS shared config/credentials files: which files are in effect, which profiles they hold,
 * and what kind of credentials each profile yields.
 *
 * The environment is only ever READ, from an object passed in (default `process.env`).
 * The ini parser (@smithy/shared-ini-file-loader) is loaded on first use with `import()`, so
 * importing this module costs nothing at extension activation.
 */
import { homedir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';

/** A read-only view of environment variables (`process.env` by default). */
export type AwsEnv = Readonly<Record<string, string | undefined>>;

/** Paths chosen in the extension settings; each one overrides the environment. */
export interface AwsFileSettings {
  configFile?: string;
  credentialsFile?: string;
}

export interface AwsFiles {
  configFile: string;
  credentialsFile: string;
}

export type ProfileKind =
  | 'static'
  | 'sso'
  | 'assume-role'
  | 'credential-process'
  | 'web-identity'
  | 'login'
  /** The profile exists but holds nothing the SDK can turn into credentials. */
  | 'incomplete';

export interface AwsProfile {
  name: string;
  kind: ProfileKind;
  /** Which files define the profile. */
  definedIn: ('config' | 'credentials')[];
  region?: string;
  /** `endpoint_url` of the profile itself (applies to every service). */
  endpointUrl?: string;
  /** Service endpoints from the profile's `services` section, keyed by config key (`kafka`, `kafkaconnect`, `secrets_manager`). */
  serviceEndpoints: Record<string, string>;
  /** The `services = NAME` reference, when the profile has one. */
  servicesSection?: string;
  /** `ignore_configured_endpoint_urls = true` in the profile. */
  ignoreConfiguredEndpointUrls: boolean;
  ssoSession?: string;
  ssoStartUrl?: string;
  ssoAccountId?: string;
  ssoRoleName?: string;
  roleArn?: string;
  sourceProfile?: string;
  credentialSource?: string;
  /** Set when the profile cannot work as written, e.g. a `services` section that does not exist. */
  problem?: string;
}

export interface ProfileListing {
  files: AwsFiles;
  /** Profiles sorted by name ("default" first). */
  profiles: AwsProfile[];
  /** `AWS_PROFILE` from the environment, else "default". */
  defaultProfile: string;
  /** True when the environment names the profile (AWS_PROFILE is set). */
  defaultProfileFromEnv: boolean;
}

type IniSection = Record<string, string | undefined>;
type IniData = Record<string, IniSection | undefined>;

const SSO_KEYS = ['sso_start_url', 'sso_account_id', 'sso_session', 'sso_region', 'sso_role_name'];

function homeDir(env: AwsEnv): string {
  if (env.HOME) return env.HOME;
  if (env.USERPROFILE) return env.USERPROFILE;
  if (env.HOMEPATH) return `${env.HOMEDRIVE ?? 'C:\\'}${env.HOMEPATH}`;
  return homedir();
}

function expandPath(path: string, env: AwsEnv): string {
  const trimmed = path.trim();
  if (trimmed === '~') return homeDir(env);
  if (trimmed.startsWith('~/') || trimmed.startsWith('~\\')) return join(homeDir(env), trimmed.slice(2));
  return isAbsolute(trimmed) ? trimmed : resolve(trimmed);
}

function nonEmpty(value: string | undefined): string | undefined {
  const v = value?.trim();
  return v ? v : undefined;
}

/** The config and credentials files in effect: explicit settings > AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE > ~/.aws. */
export function resolveAwsFiles(settings: AwsFileSettings = {}, env: AwsEnv = process.env): AwsFiles {
  const config = nonEmpty(settings.configFile) ?? nonEmpty(env.AWS_CONFIG_FILE) ?? join(homeDir(env), '.aws', 'config');
  const credentials =
    nonEmpty(settings.credentialsFile) ??
    nonEmpty(env.AWS_SHARED_CREDENTIALS_FILE) ??
    join(homeDir(env), '.aws', 'credentials');
  return { configFile: expandPath(config, env), credentialsFile: expandPath(credentials, env) };
}

/** The profile used when the user has not picked one: AWS_PROFILE, else "default". */
export function defaultProfileName(env: AwsEnv = process.env): string {
  return nonEmpty(env.AWS_PROFILE) ?? 'default';
}

/** AWS_REGION, else AWS_DEFAULT_REGION. */
export function regionFromEnv(env: AwsEnv = process.env): string | undefined {
  return nonEmpty(env.AWS_REGION) ?? nonEmpty(env.AWS_DEFAULT_REGION);
}

interface ParsedFiles {
  configFile: IniData;
  credentialsFile: IniData;
}

async function loadFiles(files: AwsFiles): Promise<ParsedFiles> {
  const { loadSharedConfigFiles } = await import('@smithy/shared-ini-file-loader');
  // ignoreCache: the loader memoises file contents per path for the whole process; the user may
  // have edited the files since the last look.
  const parsed = await loadSharedConfigFiles({
    configFilepath: files.configFile,
    filepath: files.credentialsFile,
    ignoreCache: true,
  });
  return { configFile: parsed.configFile, credentialsFile: parsed.credentialsFile };
}

function isConfigOnlySection(key: string): boolean {
  return key.startsWith('sso-session.') || key.startsWith('services.');
}

function isTrue(value: string | undefined): boolean {
  return value?.trim().toLowerCase() === 'true';
}

/** The kind of credentials, in the order @aws-sdk/credential-provider-ini checks them. */
export function profileKind(data: IniSection): ProfileKind {
  const has = (k: string) => typeof data[k] === 'string';
  const assumeRole = has('role_arn') && has('source_profile') !== has('credential_source');
  if (assumeRole) return 'assume-role';
  if (has('aws_access_key_id') && has('aws_secret_access_key')) return 'static';
  if (has('web_identity_token_file') && has('role_arn')) return 'web-identity';
  if (has('credential_process')) return 'credential-process';
  if (SSO_KEYS.some(has)) return 'sso';
  if (has('login_session')) return 'login';
  return 'incomplete';
}

function buildProfile(name: string, files: ParsedFiles): AwsProfile {
  const fromConfig = files.configFile[name];
  const fromCredentials = files.credentialsFile[name];
  // Same merge as the SDK's parseKnownFiles: the credentials file wins on conflicts.
  const data: IniSection = { ...(fromConfig ?? {}), ...(fromCredentials ?? {}) };
  const profile: AwsProfile = {
    name,
    kind: profileKind(data),
    definedIn: [...(fromConfig ? ['config' as const] : []), ...(fromCredentials ? ['credentials' as const] : [])],
    serviceEndpoints: {},
    ignoreConfiguredEndpointUrls: isTrue(data.ignore_configured_endpoint_urls),
  };
  const set = <K extends keyof AwsProfile>(key: K, value: AwsProfile[K] | undefined) => {
    if (value !== undefined) profile[key] = value;
  };
  set('region', nonEmpty(data.region));
  set('endpointUrl', nonEmpty(data.endpoint_url));
  set('ssoSession', nonEmpty(data.sso_session));
  set('ssoAccountId', nonEmpty(data.sso_account_id));
  set('ssoRoleName', nonEmpty(data.sso_role_name));
  set('roleArn', nonEmpty(data.role_arn));
  set('sourceProfile', nonEmpty(data.source_profile));
  set('credentialSource', nonEmpty(data.credential_source));
  let startUrl = nonEmpty(data.sso_start_url);
  if (profile.ssoSession) {
    const session = files.configFile[`sso-session.${profile.ssoSession}`];
    if (!session) profile.problem = `The sso-session "${profile.ssoSession}" is not in the config file.`;
    startUrl ??= nonEmpty(session?.sso_start_url);
  }
  set('ssoStartUrl', startUrl);

  const servicesName = nonEmpty(data.services);
  if (servicesName) {
    profile.servicesSection = servicesName;
    const section = files.configFile[`services.${servicesName}`];
    if (!section) {
      profile.problem = `The services section "${servicesName}" named by the profile is not in the config file.`;
    } else {
      for (const [key, value] of Object.entries(section)) {
        const m = /^([^.]+)\.endpoint_url$/.exec(key);
        const url = nonEmpty(value);
        if (m?.[1] && url) profile.serviceEndpoints[m[1].toLowerCase()] = url;
      }
    }
  }
  if (
    profile.kind === 'assume-role' &&
    profile.sourceProfile &&
    !files.configFile[profile.sourceProfile] &&
    !files.credentialsFile[profile.sourceProfile]
  ) {
    profile.problem = `The source_profile "${profile.sourceProfile}" is not defined.`;
  }
  return profile;
}

function profileNames(files: ParsedFiles): string[] {
  const names = new Set<string>();
  for (const key of Object.keys(files.configFile)) if (!isConfigOnlySection(key)) names.add(key);
  for (const key of Object.keys(files.credentialsFile)) names.add(key);
  return [...names].sort((a, b) => (a === 'default' ? -1 : b === 'default' ? 1 : a.localeCompare(b)));
}

export interface ProfileOptions extends AwsFileSettings {
  env?: AwsEnv;
}

/** Every profile of the config and credentials files in effect. Missing files count as empty. */
export async function listProfiles(options: ProfileOptions = {}): Promise<ProfileListing> {
  const env = options.env ?? process.env;
  const files = resolveAwsFiles(options, env);
  const parsed = await loadFiles(files);
  return {
    files,
    profiles: profileNames(parsed).map((name) => buildProfile(name, parsed)),
    defaultProfile: defaultProfileName(env),
    defaultProfileFromEnv: nonEmpty(env.AWS_PROFILE) !== undefined,
  };
}

/** One profile, or undefined when neither file defines it. */
export async function readProfile(name: string, options: ProfileOptions = {}): Promise<AwsProfile | undefined> {
  const env = options.env ?? process.env;
  const parsed = await loadFiles(resolveAwsFiles(options, env));
  if (isConfigOnlySection(name) || (!parsed.configFile[name] && !parsed.credentialsFile[name])) return undefined;
  return buildProfile(name, parsed);
}
