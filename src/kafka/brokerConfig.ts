/**
 * Broker configuration: read each config with its synonyms (the values it overrides, by precedence:
 * dynamic per-broker, dynamic cluster-wide default, static server.properties, Kafka's default) and
 * change one dynamic config with IncrementalAlterConfigs (SET or DELETE), which leaves every other
 * dynamic config alone — kafkajs' AlterConfigs would replace them all, sensitive ones included.
 */
import type { Admin, ConfigEntries, ConfigResourceTypes } from 'kafkajs';
import { kafkaError, kafkaErrorName } from './protocol/kafkaErrors';
import { CONFIG_SOURCE } from './configOverrides';
import { KafkaUserError } from './errors';
import {
  CONFIG_OPERATION,
  CONFIG_RESOURCE_TYPE,
  incrementalAlterConfigsRequest,
} from './protocol/incrementalAlterConfigs';
import type { RawCluster } from './protocol/rawRequest';

export type BrokerConfigSource = 'dynamicBroker' | 'dynamicDefault' | 'static' | 'default' | 'unknown';

export interface BrokerConfigValue {
  source: BrokerConfigSource;
  /** null for sensitive values (never revealed) or unset ones. */
  value: string | null;
}

export interface BrokerConfigEntry extends BrokerConfigValue {
  name: string;
  isSensitive: boolean;
  /** Not dynamically updatable (Kafka's answer): only server.properties and a restart change it. */
  readOnly: boolean;
  /** Every value the config has, highest precedence first (the first is the effective one). */
  synonyms: BrokerConfigValue[];
}

const BROKER_RESOURCE = CONFIG_RESOURCE_TYPE.BROKER as ConfigResourceTypes;

function brokerConfigSource(code: number): BrokerConfigSource {
  switch (code) {
    case CONFIG_SOURCE.DYNAMIC_BROKER_CONFIG:
      return 'dynamicBroker';
    case CONFIG_SOURCE.DYNAMIC_DEFAULT_BROKER_CONFIG:
      return 'dynamicDefault';
    case CONFIG_SOURCE.STATIC_BROKER_CONFIG:
      return 'static';
    case CONFIG_SOURCE.DEFAULT_CONFIG:
      return 'default';
    default:
      return 'unknown';
  }
}

/** One DescribeConfigs entry with its synonyms; sensitive values are never kept. */
function toBrokerConfigEntry(e: ConfigEntries): BrokerConfigEntry {
  const hide = (v: string | null | undefined) => (e.isSensitive ? null : (v ?? null));
  return {
    name: e.configName,
    value: hide(e.configValue),
    source: brokerConfigSource(e.configSource),
    isSensitive: e.isSensitive,
    readOnly: e.readOnly,
    synonyms: (e.configSynonyms ?? []).map((s) => ({
      source: brokerConfigSource(s.configSource as number),
      value: hide(s.configValue),
    })),
  };
}

/**
 * The broker the cluster-wide defaults are read from, and a change to them is checked on: the
 * lowest-id one (every broker lists the cluster-wide values among its synonyms).
 */
export async function clusterDefaultsBroker(admin: Admin): Promise<number> {
  const { brokers } = await admin.describeCluster();
  if (brokers.length === 0) throw new KafkaUserError('The cluster listed no broker.', { code: 'Unknown' });
  return Math.min(...brokers.map((b) => b.nodeId));
}

/** Every config of broker `brokerId` with its synonyms, sorted by name (DescribeConfigs, includeSynonyms). */
export async function describeBrokerConfig(admin: Admin, brokerId: number): Promise<BrokerConfigEntry[]> {
  const { resources } = await admin.describeConfigs({
    includeSynonyms: true,
    resources: [{ type: BROKER_RESOURCE, name: String(brokerId) }],
  });
  const resource = resources.find((r) => r.resourceName === String(brokerId)) ?? resources[0];
  return (resource?.configEntries ?? []).map(toBrokerConfigEntry).sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * Sets (`value` text) or removes (`value` null: DELETE, back to the next synonym) one dynamic config
 * of broker `brokerId`, or of the cluster-wide default (`brokerId` null), over `raw` (the
 * connection's shared raw cluster). Sent to that broker (the cluster-wide default: to any broker),
 * as Kafka's admin client does. Kafka's refusal (e.g. "Cannot update these configs dynamically:
 * Set(log.dirs)") becomes a KafkaUserError carrying its words; an authorization refusal is thrown
 * as kafkajs' protocol error for the Kafka layer's classifier (it names the ACL / IAM action).
 */
export async function alterBrokerConfig(
  raw: RawCluster,
  brokerId: number | null,
  name: string,
  value: string | null,
  options: { validateOnly?: boolean } = {},
): Promise<void> {
  const target = brokerId ?? raw.controllerId() ?? raw.brokers()[0]?.nodeId;
  if (target === undefined) throw new KafkaUserError('The cluster listed no broker.', { code: 'Unknown' });
  const resourceName = brokerId === null ? '' : String(brokerId);
  const answer = await raw.send(
    target,
    incrementalAlterConfigsRequest(
      [
        {
          resourceType: CONFIG_RESOURCE_TYPE.BROKER,
          resourceName,
          configs: [
            value === null
              ? { name, operation: CONFIG_OPERATION.DELETE, value: null }
              : { name, operation: CONFIG_OPERATION.SET, value },
          ],
        },
      ],
      options.validateOnly ?? false,
    ),
  );
  const result = answer.responses.find((r) => r.resourceName === resourceName) ?? answer.responses[0];
  if (!result)
    throw new KafkaUserError('The broker answered without a result for the configuration.', { code: 'Unknown' });
  if (result.errorCode === 0) return;
  const error = kafkaError(result.errorCode);
  const type = kafkaErrorName(result.errorCode);
  if (result.errorMessage) error.message = result.errorMessage;
  if (type.endsWith('_AUTHORIZATION_FAILED')) throw error;
  const detail = result.errorMessage ?? type;
  const where = brokerId === null ? 'the cluster-wide default' : `broker ${brokerId}`;
  throw new KafkaUserError(`Kafka refused to ${value === null ? 'remove' : 'set'} ${name} on ${where}: ${detail}`, {
    code: 'InvalidRequest',
    hint:
      type === 'INVALID_REQUEST' || type === 'INVALID_CONFIG'
        ? 'Only dynamic broker configs can be changed without a restart (Kafka\'s "Updating Broker Configs"); some can be set per broker only, others cluster-wide only.'
        : 'Check the value and try again.',
  });
}

/**
 * Whether broker `brokerId` already shows a change: a KRaft broker applies a dynamic config when the
 * controller's metadata record reaches it, a moment after IncrementalAlterConfigs answered.
 */
function showsChange(entry: BrokerConfigEntry | undefined, scope: 'broker' | 'cluster', value: string | null): boolean {
  const source: BrokerConfigSource = scope === 'broker' ? 'dynamicBroker' : 'dynamicDefault';
  const synonym = entry?.synonyms.find((s) => s.source === source);
  if (value === null) return synonym === undefined;
  return synonym !== undefined && (entry!.isSensitive || synonym.value === value);
}

/** Polls broker `brokerId`'s configuration until it shows the change (true) or `timeoutMs` passes (false). */
export async function waitForBrokerConfig(
  admin: Admin,
  brokerId: number,
  name: string,
  scope: 'broker' | 'cluster',
  value: string | null,
  timeoutMs = 10_000,
): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { resources } = await admin.describeConfigs({
      includeSynonyms: true,
      resources: [{ type: BROKER_RESOURCE, name: String(brokerId), configNames: [name] }],
    });
    const e = resources[0]?.configEntries.find((c) => c.configName === name);
    if (showsChange(e && toBrokerConfigEntry(e), scope, value)) return true;
    if (Date.now() > deadline) return false;
    await new Promise((r) => setTimeout(r, 200));
  }
}
