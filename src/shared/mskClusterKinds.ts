/**
 * MSK's cluster kinds as the extension shows and respects them: Standard or Express brokers (from
 * the broker instance type), local or tiered storage, and the topic configurations an Express
 * cluster lets you change. Pure: used by the services, the UI and the sandbox's control plane.
 *
 * Express brokers (instance types `express.*`) manage storage themselves and fix most topic
 * configurations; MSK's developer guide ("Topic-level configurations on Express Brokers") lists the
 * ones a client may set. The extension treats every other topic configuration as read-only there.
 */

export type BrokerKind = 'STANDARD' | 'EXPRESS';
export type StorageMode = 'LOCAL' | 'TIERED';

/** Express brokers are the `express.*` instance types (e.g. express.m7g.large); every other one is Standard. */
export function brokerKindOf(instanceType: string | undefined): BrokerKind | undefined {
  if (!instanceType) return undefined;
  return instanceType.startsWith('express.') ? 'EXPRESS' : 'STANDARD';
}

export function brokerKindLabel(kind: BrokerKind): string {
  return kind === 'EXPRESS' ? 'Express' : 'Standard';
}

/** Express brokers have no EBS volumes: their local storage is managed by MSK. */
export function storageModeLabel(mode: StorageMode, kind?: BrokerKind): string {
  if (mode === 'TIERED') return 'Tiered (local + remote)';
  return kind === 'EXPRESS' ? 'Local (managed by MSK)' : 'Local (EBS)';
}

/**
 * Topic configurations an Express cluster lets a client change (every other one is read-only): exactly
 * the table "Topic-level configurations on Express Brokers", in its order, of
 * https://docs.aws.amazon.com/msk/latest/developerguide/msk-configuration-express-read-write.html
 * (the page names replication factor, min.insync.replicas and unclean.leader.election.enable as
 * protected examples). `message.timestamp.difference.max.ms` is not in that table (it lists
 * `message.timestamp.before.max.ms` and `.after.max.ms`), so it is refused.
 */
export const EXPRESS_WRITABLE_TOPIC_CONFIGS: readonly string[] = [
  'cleanup.policy',
  'compression.type',
  'delete.retention.ms',
  'max.message.bytes',
  'message.timestamp.after.max.ms',
  'message.timestamp.before.max.ms',
  'message.timestamp.type',
  'min.compaction.lag.ms',
  'max.compaction.lag.ms',
  'retention.bytes',
  'retention.ms',
];

/**
 * The refusal for changing `name` on a topic of an Express cluster, or undefined when Express
 * allows it. AWS documents no error text for Express: this wording is modelled on MSK Serverless's
 * refusal ("Amazon MSK Serverless can't alter topic configuration <name>. ..."), not taken from MSK.
 */
export function expressTopicConfigRefusal(name: string): string | undefined {
  if (EXPRESS_WRITABLE_TOPIC_CONFIGS.includes(name)) return undefined;
  return `Amazon MSK Express brokers can't alter topic configuration ${name}. Only these topic configurations can be changed on Express brokers: ${EXPRESS_WRITABLE_TOPIC_CONFIGS.join(', ')}.`;
}

/** A topic's local and remote (total) retention when it uses tiered storage, from its configuration. */
export interface TieredRetention {
  /** local.retention.ms / local.retention.bytes: what stays on the brokers' disks (-2: the total). */
  local: { ms?: string; bytes?: string };
  /** retention.ms / retention.bytes: how long the topic keeps data in all, remote storage included. */
  total: { ms?: string; bytes?: string };
}

/** Tiered retention of a topic whose configuration has remote.storage.enable=true; undefined otherwise. */
export function tieredRetention(
  configs: readonly { name: string; value: string | null }[],
): TieredRetention | undefined {
  const get = (n: string): string | undefined => configs.find((c) => c.name === n)?.value ?? undefined;
  if (get('remote.storage.enable') !== 'true') return undefined;
  return {
    local: { ms: get('local.retention.ms'), bytes: get('local.retention.bytes') },
    total: { ms: get('retention.ms'), bytes: get('retention.bytes') },
  };
}

type Units = readonly (readonly [size: number, unit: string])[];
const TIME_UNITS: Units = [
  [86_400_000, 'd'],
  [3_600_000, 'h'],
  [60_000, 'min'],
  [1000, 's'],
];
const BYTE_UNITS: Units = [
  [1024 ** 4, 'TiB'],
  [1024 ** 3, 'GiB'],
  [1024 ** 2, 'MiB'],
  [1024, 'KiB'],
];

/** A retention value in the largest unit that divides it; -1 "unlimited", -2 "as total" (a local value: same as the total). */
function formatRetention(value: string | undefined, units: Units, smallest: string): string {
  if (value === undefined) return '?';
  const n = Number(value);
  if (!Number.isFinite(n)) return value;
  if (n === -1) return 'unlimited';
  if (n === -2) return 'as total';
  for (const [size, unit] of units) if (n >= size && n % size === 0) return `${n / size} ${unit}`;
  return `${n} ${smallest}`;
}

/** "7 d", "36 h", "90 min", "500 ms", "unlimited". */
export const formatRetentionMs = (value: string | undefined): string => formatRetention(value, TIME_UNITS, 'ms');

/** "1 GiB", "512 MiB", "1000 B", "unlimited". */
export const formatRetentionBytes = (value: string | undefined): string => formatRetention(value, BYTE_UNITS, 'B');

/** One line: "local 1 d / 1 GiB · total 7 d / unlimited". */
export function describeTieredRetention(t: TieredRetention): string {
  const pair = (p: { ms?: string; bytes?: string }): string =>
    `${formatRetentionMs(p.ms)} / ${formatRetentionBytes(p.bytes)}`;
  return `local ${pair(t.local)} · total (remote) ${pair(t.total)}`;
}
