/** Topic configuration: read it, and change one override without losing the others. */
import type { Admin, ConfigResourceTypes } from 'kafkajs';
import { mergeTopicOverrides, toTopicConfigEntry, type TopicConfigEntry } from './configOverrides';
import { KafkaUserError } from './errors';

const TOPIC_RESOURCE = 2 as ConfigResourceTypes;

/**
 * Every config of the topic (or only `configNames` when given) with its value and where it comes
 * from, sorted by name.
 */
export async function describeTopicConfig(
  admin: Admin,
  name: string,
  configNames?: string[],
): Promise<TopicConfigEntry[]> {
  const { resources } = await admin.describeConfigs({
    includeSynonyms: false,
    resources: [{ type: TOPIC_RESOURCE, name, ...(configNames ? { configNames } : {}) }],
  });
  const resource = resources.find((r) => r.resourceName === name) ?? resources[0];
  return (resource?.configEntries ?? []).map(toTopicConfigEntry).sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * Sends AlterConfigs for the topic with `overrides` as its complete override set. AlterConfigs (the
 * only variant kafkajs 2.2.4 implements; IncrementalAlterConfigs is missing) REPLACES every dynamic
 * override of the topic: whatever is not listed goes back to the broker/default value.
 */
export async function replaceTopicOverrides(
  admin: Admin,
  name: string,
  overrides: { name: string; value: string }[],
): Promise<void> {
  await admin.alterConfigs({
    validateOnly: false,
    resources: [{ type: TOPIC_RESOURCE, name, configEntries: overrides }],
  });
}

/**
 * Merges one change into the current overrides, for `alterTopicConfigOverride`. Throws a
 * KafkaUserError when the merge is impossible (a hidden sensitive override would be lost).
 */
export function planOverrideChange(
  current: readonly TopicConfigEntry[],
  key: string,
  value: string | null,
): { name: string; value: string }[] {
  const k = key.trim();
  if (!/^[a-z0-9][a-z0-9._-]*$/i.test(k))
    throw new KafkaUserError(`"${key}" is not a valid config name.`, {
      code: 'InvalidRequest',
      hint: 'Config names look like "retention.ms".',
    });
  const entry = current.find((e) => e.name === k);
  if (entry?.readOnly)
    throw new KafkaUserError(`"${k}" is read-only and cannot be set per topic.`, { code: 'InvalidRequest' });
  try {
    return mergeTopicOverrides(current, k, value);
  } catch (err) {
    throw new KafkaUserError(err instanceof Error ? err.message : String(err), { code: 'InvalidRequest', cause: err });
  }
}
