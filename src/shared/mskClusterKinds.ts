/**
 * MSK's cluster kinds as the extension shows and respects them: Standard or Express brokers (from
 * the broker instance type), local or tiered storage, and the topic configurations an Express
 * cluster lets you change. Pure: used by the services, the UI and the sandbox's control plane.
 *
 * Express brokers (instance types `express.*`) manage storage themselves and fix most topic
 * configurations; MSK's developer guide ("Topic-level configurations on Express brokers") lists the
 * ones a client may set. Every other topic configuration is read-only there: MSK refuses to alter it.
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

/** Topic configurations an Express cluster lets a client change (every other one is read-only). */
export const EXPRESS_WRITABLE_TOPIC_CONFIGS: readonly string[] = [
  'cleanup.policy',
  'compression.type',
  'max.message.bytes',
  'message.timestamp.after.max.ms',
  'message.timestamp.before.max.ms',
  'message.timestamp.difference.max.ms',
  'message.timestamp.type',
  'retention.bytes',
  'retention.ms',
];

/**
 * The refusal for changing `name` on a topic of an Express cluster, or undefined when Express
 * allows it. Worded as MSK words its refusals of read-only topic configurations.
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

/** "7 d", "36 h", "90 min", "500 ms", "unlimited"; -2 for a local value means "same as the total". */
export function formatRetentionMs(value: string | undefined): string {
  if (value === undefined) return '?';
  const n = Number(value);
  if (!Number.isFinite(n)) return value;
  if (n === -1) return 'unlimited';
  if (n === -2) return 'as total';
  const units: [number, string][] = [
    [86_400_000, 'd'],
    [3_600_000, 'h'],
    [60_000, 'min'],
    [1000, 's'],
  ];
  for (const [size, unit] of units) if (n >= size && n % size === 0) return `${n / size} ${unit}`;
  return `${n} ms`;
}

/** "1 GiB", "512 MiB", "unlimited"; -2 means "same as the total". */
export function formatRetentionBytes(value: string | undefined): string {
  if (value === undefined) return '?';
  const n = Number(value);
  if (!Number.isFinite(n)) return value;
  if (n === -1) return 'unlimited';
  if (n === -2) return 'as total';
  const units: [number, string][] = [
    [1024 ** 4, 'TiB'],
    [1024 ** 3, 'GiB'],
    [1024 ** 2, 'MiB'],
    [1024, 'KiB'],
  ];
  for (const [size, unit] of units) if (n >= size && n % size === 0) return `${n / size} ${unit}`;
  return `${n} B`;
}

/** One line: "local 1 d / 1 GiB · total 7 d / unlimited". */
export function describeTieredRetention(t: TieredRetention): string {
  const pair = (p: { ms?: string; bytes?: string }): string =>
    `${formatRetentionMs(p.ms)} / ${formatRetentionBytes(p.bytes)}`;
  return `local ${pair(t.local)} · total (remote) ${pair(t.total)}`;
}
