/**
 * Broker dynamic configuration as rows the Brokers folder shows: per broker, and the cluster-wide
 * default (read from the lowest-id broker's synonyms, which list the cluster-wide value and what it
 * overrides). Every override carries the value it replaces. No vscode import.
 */
import type * as Kafka from '../kafka/index';
import type { PagedList } from '../shared/pagedList';

/** Where a broker config value comes from, in the words the tree shows. */
const BROKER_CONFIG_SOURCE_LABEL: Record<Kafka.BrokerConfigSource, string> = {
  dynamicBroker: 'dynamic per-broker',
  dynamicDefault: 'dynamic cluster-wide default',
  static: 'static (server.properties)',
  default: 'Kafka default',
  unknown: 'unknown source',
};

export interface BrokerConfigRow {
  name: string;
  /** The value at this scope; null when sensitive (never shown) or unset. */
  value: string | null;
  source: string;
  /** Set dynamically at this scope (per broker, or cluster-wide for the defaults entry). */
  isOverride: boolean;
  /** What the override replaces: the next value by precedence. Absent for non-overrides. */
  overrides?: { value: string | null; source: string };
  isSensitive: boolean;
  /** Not dynamically updatable: only server.properties and a restart change it. */
  readOnly: boolean;
}

export type BrokerScope = { broker: number } | 'cluster';

/** Rows for one scope from a broker's DescribeConfigs-with-synonyms answer: overrides first, then by name. */
export function brokerConfigRows(entries: readonly Kafka.BrokerConfigEntry[], scope: BrokerScope): BrokerConfigRow[] {
  const own: Kafka.BrokerConfigSource = scope === 'cluster' ? 'dynamicDefault' : 'dynamicBroker';
  const rows = entries.map((e): BrokerConfigRow => {
    // At the cluster-wide scope a per-broker value is not what the default is: skip it.
    const synonyms = scope === 'cluster' ? e.synonyms.filter((s) => s.source !== 'dynamicBroker') : e.synonyms;
    const top = synonyms[0] ?? (scope === 'cluster' && e.source === 'dynamicBroker' ? undefined : e);
    const isOverride = top?.source === own;
    const below = isOverride ? synonyms[1] : undefined;
    const hide = (v: string | null | undefined) => (e.isSensitive ? null : (v ?? null));
    return {
      name: e.name,
      value: hide(top?.value),
      source: BROKER_CONFIG_SOURCE_LABEL[top?.source ?? 'unknown'],
      isOverride,
      ...(isOverride
        ? {
            overrides: below
              ? { value: hide(below.value), source: BROKER_CONFIG_SOURCE_LABEL[below.source] }
              : { value: null, source: 'no value below (unset)' },
          }
        : {}),
      isSensitive: e.isSensitive,
      readOnly: e.readOnly,
    };
  });
  return rows.sort((a, b) => Number(b.isOverride) - Number(a.isOverride) || a.name.localeCompare(b.name));
}

/** How a row's value reads: "(sensitive)", "(unset)" or the value. */
export function brokerConfigValueText(row: Pick<BrokerConfigRow, 'value' | 'isSensitive'>): string {
  return row.isSensitive ? '(sensitive)' : (row.value ?? '(unset)');
}

/** "N dynamic overrides" over every loaded row (not the filtered window), once loaded. */
export function dynamicOverridesText(list: PagedList<BrokerConfigRow>): string | undefined {
  if (list.status !== 'loaded') return undefined;
  const n = list.loadedItems.filter((r) => r.isOverride).length;
  return `${n} dynamic override${n === 1 ? '' : 's'}`;
}

export interface BrokerConfigOps {
  /** The configuration of one broker, or (`null`) the cluster-wide defaults. */
  read(broker: number | null): Promise<BrokerConfigRow[]>;
  /**
   * Sets (`value` text) or removes (`value` null: back to the value below) one dynamic config of a
   * broker or of the cluster-wide default. Resolves with whether the broker showed it within 10 s.
   */
  set(broker: number | null, name: string, value: string | null): Promise<{ applied: boolean }>;
}

export function brokerConfigOps(kafka: () => Promise<Kafka.KafkaCluster>): BrokerConfigOps {
  return {
    async read(broker) {
      const entries = await (await kafka()).describeBrokerConfig(broker);
      return brokerConfigRows(entries, broker === null ? 'cluster' : { broker });
    },
    async set(broker, name, value) {
      return { applied: await (await kafka()).alterBrokerConfig(broker, name, value) };
    },
  };
}
