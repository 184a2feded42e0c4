/**
 * Topic configuration as plain data, and the merge that makes kafkajs' non-incremental AlterConfigs
 * safe for changing one override. Pure functions (kafkajs types only).
 */
import type { ConfigEntries } from 'kafkajs';

/** Where a config value comes from, simplified for display. */
export type TopicConfigSource = 'topicOverride' | 'broker' | 'default' | 'unknown';

export interface TopicConfigEntry {
  name: string;
  /** null for sensitive values the broker does not reveal. */
  value: string | null;
  source: TopicConfigSource;
  isDefault: boolean;
  isSensitive: boolean;
  readOnly: boolean;
}

/** kafkajs `ConfigSource` values (DescribeConfigs v1+). */
export const CONFIG_SOURCE = {
  UNKNOWN: 0,
  TOPIC_CONFIG: 1,
  DYNAMIC_BROKER_CONFIG: 2,
  DYNAMIC_DEFAULT_BROKER_CONFIG: 3,
  STATIC_BROKER_CONFIG: 4,
  DEFAULT_CONFIG: 5,
  DYNAMIC_BROKER_LOGGER_CONFIG: 6,
} as const;

export function configSourceOf(entry: Pick<ConfigEntries, 'configSource' | 'isDefault'>): TopicConfigSource {
  switch (entry.configSource as number) {
    case CONFIG_SOURCE.TOPIC_CONFIG:
      return 'topicOverride';
    case CONFIG_SOURCE.DYNAMIC_BROKER_CONFIG:
    case CONFIG_SOURCE.DYNAMIC_DEFAULT_BROKER_CONFIG:
    case CONFIG_SOURCE.STATIC_BROKER_CONFIG:
      return 'broker';
    case CONFIG_SOURCE.DEFAULT_CONFIG:
      return 'default';
    default:
      // DescribeConfigs v0 has no source, only isDefault.
      return entry.isDefault ? 'default' : 'unknown';
  }
}

export function toTopicConfigEntry(entry: ConfigEntries): TopicConfigEntry {
  const source = configSourceOf(entry);
  return {
    name: entry.configName,
    value: entry.configValue ?? null,
    source,
    isDefault: source === 'default' || (source === 'unknown' && entry.isDefault),
    isSensitive: entry.isSensitive,
    readOnly: entry.readOnly,
  };
}

/**
 * The full override set to send with AlterConfigs when one key changes: AlterConfigs (the only
 * variant kafkajs 2.2.4 has) REPLACES all dynamic overrides of the topic, so every other current
 * override must be sent again. `value` null removes the override (back to the broker/default value).
 * Throws when an override that must be kept is sensitive (its value is hidden, so it cannot be re-sent).
 */
export function mergeTopicOverrides(
  current: readonly TopicConfigEntry[],
  key: string,
  value: string | null,
): { name: string; value: string }[] {
  const merged = new Map<string, string>();
  for (const entry of current) {
    if (entry.source !== 'topicOverride' || entry.name === key) continue;
    if (entry.value === null)
      throw new Error(
        `The override "${entry.name}" is sensitive and its value is hidden, so changing "${key}" would drop it. Change it with a tool that supports incremental config updates.`,
      );
    merged.set(entry.name, entry.value);
  }
  if (value !== null) merged.set(key, value);
  return [...merged.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([name, v]) => ({ name, value: v }));
}
