/** Broker listing as plain data. */
import type { Admin, ConfigResourceTypes } from 'kafkajs';
import type { KafkaLogger } from './logging';

export interface BrokerInfo {
  id: number;
  /** The advertised host (before any address map). */
  host: string;
  port: number;
  /** `broker.rack` (the availability zone id on MSK), or null when unset or not readable. */
  rack: string | null;
  isController: boolean;
}

const BROKER_RESOURCE = 4 as ConfigResourceTypes;

/**
 * The brokers of the cluster, sorted by id. kafkajs' describeCluster drops the rack from the metadata
 * response, so the rack comes from each broker's `broker.rack` config, best effort: a principal
 * without DescribeConfigs on the cluster still gets the list, with rack null.
 */
export async function describeBrokers(admin: Admin, logger?: KafkaLogger): Promise<BrokerInfo[]> {
  const { brokers, controller } = await admin.describeCluster();
  const racks = new Map<number, string>();
  if (brokers.length > 0) {
    try {
      const { resources } = await admin.describeConfigs({
        includeSynonyms: false,
        resources: brokers.map((b) => ({
          type: BROKER_RESOURCE,
          name: String(b.nodeId),
          configNames: ['broker.rack'],
        })),
      });
      for (const r of resources) {
        const rack = r.configEntries.find((e) => e.configName === 'broker.rack')?.configValue;
        if (rack) racks.set(Number(r.resourceName), rack);
      }
    } catch (err) {
      logger?.debug(`kafka: broker racks not readable: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  return brokers
    .map((b) => ({
      id: b.nodeId,
      host: b.host,
      port: b.port,
      rack: racks.get(b.nodeId) ?? null,
      isController: controller !== null && b.nodeId === controller,
    }))
    .sort((a, b) => a.id - b.id);
}
