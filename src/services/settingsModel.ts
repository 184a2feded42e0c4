/**
 * Every `msk.*` setting as typed data: the defaults (the same as package.json's, checked by
 * test/unit/services/settingsModel.test.ts) and the pure parsers that clamp and clean what a person
 * typed. No vscode import: src/config/settings.ts passes a reader, tests pass a plain object.
 */
import { DEFAULT_LAG_SETTINGS, type LagSettings } from './lagMonitor';
import { parseSchemaRegistries, type SchemaRegistrySetting } from './schemaSettings';
import type { SshTunnelSetting } from './tunnelSettings';

/** Auth kinds of a manually added connection. */
export type ManualAuthKind = 'plaintext' | 'tls' | 'mtls' | 'scram-sha-512' | 'scram-sha-256' | 'iam';

/** A manual connection as stored in settings: no secrets (those live in SecretStorage). */
export interface ManualConnectionSetting {
  id: string;
  name: string;
  bootstrapServers: string;
  auth: ManualAuthKind;
  /** SCRAM user name. */
  username?: string;
  /** PEM CA bundle for TLS. */
  caFile?: string;
  /** PEM client certificate and key files for mTLS. */
  certFile?: string;
  keyFile?: string;
  /** IAM: the AWS profile and region whose credentials sign tokens. Empty profile: the explorer's. */
  awsProfile?: string;
  region?: string;
  /** Reach the brokers through this SSH bastion (checked when the connection is made: ./tunnelSettings.ts). */
  sshTunnel?: SshTunnelSetting;
}

/** The connection and explorer settings, in one typed snapshot (what the backend and the tree use). */
export interface MskSettings {
  awsProfile: string;
  awsRegions: string[];
  awsConfigFile: string;
  awsCredentialsFile: string;
  awsEndpoint: string;
  awsEndpoints: Record<string, string>;
  caFile: string;
  clientCertFile: string;
  clientKeyFile: string;
  preferPublicEndpoints: boolean;
  preferredAuth: '' | 'iam' | 'scram' | 'tls' | 'unauthenticated';
  brokerAddressMap: Record<string, Record<string, string>>;
  /** `msk.sshTunnels`: MSK cluster name or ARN → SSH tunnel setting (as written; checked on use). */
  sshTunnels?: Record<string, unknown>;
  connections: ManualConnectionSetting[];
  readOnly: boolean;
  readOnlyClusters: string[];
  showInternalTopics: boolean;
  pageSize: number;
  /**
   * `msk.topics.source`: where the Topics folder of an MSK cluster reads from. `auto` (the default
   * when absent): the brokers, and the MSK API when they cannot be reached; `kafka`: the brokers
   * only; `mskApi`: the MSK API only (provisioned clusters on Kafka 3.6 or later).
   */
  topicsSource?: TopicsSourceSetting;
  /** `msk.schemaRegistries`: Confluent-compatible registries per cluster/connection (secrets in SecretStorage). */
  schemaRegistries?: SchemaRegistrySetting[];
}

export type TopicsSourceSetting = 'auto' | 'kafka' | 'mskApi';

/** `msk.lag.*`. */
export interface LagSettingsWithNotify extends LagSettings {
  /** Notify when a group moves to WARN or ERR. */
  notifications: boolean;
}

/** `msk.tail.*`. */
export interface TailSettings {
  /** Messages a tail panel keeps (older ones are dropped). */
  bufferSize: number;
  /** How timestamps are shown: local time with its offset, or UTC marked Z. */
  timeZone: 'local' | 'utc';
}

/** `msk.produce.*`. */
export interface ProduceSettings {
  idempotent: boolean;
  /** The most messages one send may produce. */
  maxCount: number;
  /** Sends the producer panel remembers. */
  historySize: number;
}

/** Every setting the extension contributes, with its default (as in package.json). */
export const SETTING_DEFAULTS = {
  'msk.aws.profile': '',
  'msk.aws.regions': [] as string[],
  'msk.aws.configFile': '',
  'msk.aws.credentialsFile': '',
  'msk.aws.endpoint': '',
  'msk.aws.endpoints': {} as Record<string, string>,
  'msk.tls.caFile': '',
  'msk.tls.clientCertFile': '',
  'msk.tls.clientKeyFile': '',
  'msk.preferPublicEndpoints': false,
  'msk.preferredAuth': '' as MskSettings['preferredAuth'],
  'msk.brokerAddressMap': {} as Record<string, Record<string, string>>,
  'msk.sshTunnels': {} as Record<string, SshTunnelSetting>,
  'msk.connections': [] as ManualConnectionSetting[],
  'msk.schemaRegistries': [] as SchemaRegistrySetting[],
  'msk.readOnly': false,
  'msk.readOnlyClusters': [] as string[],
  'msk.explorer.showInternalTopics': false,
  'msk.explorer.pageSize': 100,
  'msk.topics.source': 'auto' as TopicsSourceSetting,
  'msk.tail.bufferSize': 100_000,
  'msk.tail.timeZone': 'local' as TailSettings['timeZone'],
  'msk.produce.idempotent': true,
  'msk.produce.maxCount': 100_000,
  'msk.produce.historySize': 20,
  'msk.lag.refreshSeconds': DEFAULT_LAG_SETTINGS.refreshSeconds,
  'msk.lag.windowSamples': DEFAULT_LAG_SETTINGS.windowSamples,
  'msk.lag.minSamples': DEFAULT_LAG_SETTINGS.minSamples,
  'msk.lag.historySamples': DEFAULT_LAG_SETTINGS.historySamples,
  'msk.lag.notifications': false,
};

export type SettingKey = keyof typeof SETTING_DEFAULTS;

/** Reads one setting by its full key (undefined when unset and without a default). */
export type SettingsReader = (key: SettingKey) => unknown;

const PREFERRED_AUTH = new Set(['', 'iam', 'scram', 'tls', 'unauthenticated']);

/** Typed reads: a value of the wrong type counts as unset (the default applies). */
function readers(get: SettingsReader) {
  const str = (key: SettingKey & keyof StringKeys): string => {
    const v = get(key);
    return typeof v === 'string' ? v.trim() : SETTING_DEFAULTS[key];
  };
  const bool = (key: SettingKey & keyof BooleanKeys): boolean => {
    const v = get(key);
    return typeof v === 'boolean' ? v : SETTING_DEFAULTS[key];
  };
  /** A whole number within [min, max] (rounded and clamped); anything else: the default. */
  const int = (key: SettingKey & keyof NumberKeys, min: number, max: number): number => {
    const v = get(key);
    return typeof v === 'number' && Number.isFinite(v)
      ? Math.min(max, Math.max(min, Math.round(v)))
      : SETTING_DEFAULTS[key];
  };
  const strings = (key: 'msk.aws.regions' | 'msk.readOnlyClusters'): string[] => {
    const v = get(key);
    return Array.isArray(v)
      ? v
          .filter((x): x is string => typeof x === 'string')
          .map((x) => x.trim())
          .filter(Boolean)
      : [...SETTING_DEFAULTS[key]];
  };
  const object = <T>(key: 'msk.aws.endpoints' | 'msk.brokerAddressMap' | 'msk.sshTunnels', fallback: T): T => {
    const v = get(key);
    return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as T) : fallback;
  };
  return { str, bool, int, strings, object };
}

type KeysOf<V> = { [K in SettingKey as (typeof SETTING_DEFAULTS)[K] extends V ? K : never]: true };
type StringKeys = KeysOf<string>;
type BooleanKeys = KeysOf<boolean>;
type NumberKeys = KeysOf<number>;

export function parseMskSettings(get: SettingsReader): MskSettings {
  const r = readers(get);
  const preferredAuth = r.str('msk.preferredAuth');
  const connections = get('msk.connections');
  return {
    awsProfile: r.str('msk.aws.profile'),
    awsRegions: r.strings('msk.aws.regions'),
    awsConfigFile: r.str('msk.aws.configFile'),
    awsCredentialsFile: r.str('msk.aws.credentialsFile'),
    awsEndpoint: r.str('msk.aws.endpoint'),
    awsEndpoints: r.object('msk.aws.endpoints', {}),
    caFile: r.str('msk.tls.caFile'),
    clientCertFile: r.str('msk.tls.clientCertFile'),
    clientKeyFile: r.str('msk.tls.clientKeyFile'),
    preferPublicEndpoints: r.bool('msk.preferPublicEndpoints'),
    preferredAuth: PREFERRED_AUTH.has(preferredAuth) ? (preferredAuth as MskSettings['preferredAuth']) : '',
    brokerAddressMap: r.object('msk.brokerAddressMap', {}),
    sshTunnels: r.object('msk.sshTunnels', {}),
    connections: Array.isArray(connections)
      ? (connections as ManualConnectionSetting[]).filter((x) => x && x.id && x.bootstrapServers)
      : [],
    readOnly: r.bool('msk.readOnly'),
    readOnlyClusters: r.strings('msk.readOnlyClusters'),
    showInternalTopics: r.bool('msk.explorer.showInternalTopics'),
    pageSize: r.int('msk.explorer.pageSize', 10, 5000),
    topicsSource: parseTopicsSource(get('msk.topics.source')),
    schemaRegistries: parseSchemaRegistries(get('msk.schemaRegistries')),
  };
}

function parseTopicsSource(v: unknown): TopicsSourceSetting {
  return v === 'kafka' || v === 'mskApi' ? v : 'auto';
}

export function parseLagSettings(get: SettingsReader): LagSettingsWithNotify {
  const r = readers(get);
  const windowSamples = r.int('msk.lag.windowSamples', 2, 1000);
  return {
    refreshSeconds: r.int('msk.lag.refreshSeconds', 1, 3600),
    windowSamples,
    minSamples: Math.min(windowSamples, r.int('msk.lag.minSamples', 2, 1000)),
    historySamples: r.int('msk.lag.historySamples', windowSamples, 10_000),
    concurrency: DEFAULT_LAG_SETTINGS.concurrency,
    notifications: r.bool('msk.lag.notifications'),
  };
}

export function parseTailSettings(get: SettingsReader): TailSettings {
  const v = get('msk.tail.bufferSize');
  // Out of range is refused rather than clamped (as before): a typo should not allocate millions.
  return {
    bufferSize:
      typeof v === 'number' && Number.isInteger(v) && v >= 100 && v <= 5_000_000
        ? v
        : SETTING_DEFAULTS['msk.tail.bufferSize'],
    timeZone: get('msk.tail.timeZone') === 'utc' ? 'utc' : 'local',
  };
}

export function parseProduceSettings(get: SettingsReader): ProduceSettings {
  const r = readers(get);
  return {
    idempotent: r.bool('msk.produce.idempotent'),
    maxCount: r.int('msk.produce.maxCount', 1, 1_000_000),
    historySize: r.int('msk.produce.historySize', 1, 200),
  };
}
