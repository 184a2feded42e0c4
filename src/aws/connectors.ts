/** MSK Connect connectors: plain shapes and matching them to a cluster (pure, type-only SDK import). */
import type { ConnectorSummary, DescribeConnectorResponse } from '@aws-sdk/client-kafkaconnect';
import { nameFromArn } from '../shared/arn';
import { splitBootstrap } from './bootstrap';

export interface MskConnectorPlugin {
  arn: string;
  /** Name taken from the plugin ARN (custom-plugin/NAME/uuid). */
  name: string;
  revision?: number;
}

export interface MskConnectorSummary {
  arn: string;
  name: string;
  /** RUNNING, CREATING, FAILED, ... */
  state: string;
  description?: string;
  /** "2 workers x 1 MCU" or "autoscaled 1-4 workers x 1 MCU". */
  capacity: string;
  plugins: MskConnectorPlugin[];
  kafkaConnectVersion?: string;
  bootstrapServers: string[];
  creationTime?: Date;
  currentVersion?: string;
}

export interface MskConnectorDetail extends MskConnectorSummary {
  /** The connector configuration, as MSK Connect returns it. */
  configuration: Record<string, string>;
  stateDescription?: { code?: string; message?: string };
  serviceExecutionRoleArn?: string;
}

export function describeCapacity(c: ConnectorSummary['capacity']): string {
  const p = c?.provisionedCapacity;
  if (p) return `${p.workerCount ?? '?'} worker${p.workerCount === 1 ? '' : 's'} x ${p.mcuCount ?? '?'} MCU`;
  const a = c?.autoScaling;
  if (a) return `autoscaled ${a.minWorkerCount ?? '?'}-${a.maxWorkerCount ?? '?'} workers x ${a.mcuCount ?? '?'} MCU`;
  return 'unknown capacity';
}

export function toConnectorSummary(c: ConnectorSummary | DescribeConnectorResponse): MskConnectorSummary {
  const arn = c.connectorArn ?? '';
  const summary: MskConnectorSummary = {
    arn,
    name: c.connectorName ?? nameFromArn(arn) ?? arn,
    state: c.connectorState ?? 'UNKNOWN',
    capacity: describeCapacity(c.capacity),
    plugins: (c.plugins ?? []).flatMap((p) => {
      const pluginArn = p.customPlugin?.customPluginArn;
      if (!pluginArn) return [];
      const plugin: MskConnectorPlugin = { arn: pluginArn, name: nameFromArn(pluginArn) ?? pluginArn };
      if (typeof p.customPlugin?.revision === 'number') plugin.revision = p.customPlugin.revision;
      return [plugin];
    }),
    bootstrapServers: splitBootstrap(c.kafkaCluster?.apacheKafkaCluster?.bootstrapServers ?? ''),
  };
  if (c.connectorDescription) summary.description = c.connectorDescription;
  if (c.kafkaConnectVersion) summary.kafkaConnectVersion = c.kafkaConnectVersion;
  if (c.creationTime) summary.creationTime = new Date(c.creationTime);
  if (c.currentVersion) summary.currentVersion = c.currentVersion;
  return summary;
}

export function toConnectorDetail(c: DescribeConnectorResponse): MskConnectorDetail {
  const detail: MskConnectorDetail = {
    ...toConnectorSummary(c),
    configuration: { ...(c.connectorConfiguration ?? {}) },
  };
  if (c.stateDescription) detail.stateDescription = { ...c.stateDescription };
  if (c.serviceExecutionRoleArn) detail.serviceExecutionRoleArn = c.serviceExecutionRoleArn;
  return detail;
}

/** "HOST:PORT" lower-cased; a missing port stays empty. */
export function normalizeBroker(broker: string): string {
  // A fully qualified "host.:port" names the same broker as "host:port".
  return broker
    .trim()
    .toLowerCase()
    .replace(/\.(?=:|$)/, '');
}

/**
 * Connectors whose bootstrap servers share at least one host:port with any of the cluster's
 * bootstrap strings. (Ports matter: several listeners, or several clusters, may share a host.)
 */
export function connectorsForCluster<T extends { bootstrapServers: string[] }>(
  connectors: readonly T[],
  clusterBootstrapStrings: readonly string[],
): T[] {
  const clusterBrokers = new Set(clusterBootstrapStrings.flatMap(splitBootstrap).map(normalizeBroker));
  return connectors.filter((c) => c.bootstrapServers.some((b) => clusterBrokers.has(normalizeBroker(b))));
}
