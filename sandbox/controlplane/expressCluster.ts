/**
 * `sandbox-express`: a provisioned cluster with Express brokers (instance type express.m7g.large),
 * as MSK presents one: no EBS storage settings (Express brokers manage their storage), storage mode
 * LOCAL, intelligent rebalancing ACTIVE, the sandbox's Kafka version. The real sandbox broker is
 * behind it (same bootstrap strings and brokers as msk-sandbox), so every Kafka feature works on it.
 *
 * What differs from a Standard cluster is what MSK refuses: the topic configurations Express makes
 * read-only (src/shared/mskClusterKinds.ts: the list AWS documents). The control plane's UpdateTopic
 * refuses them for this cluster (the message's wording is modelled, AWS documents none); the broker
 * itself cannot tell the two clusters apart, so a Kafka AlterConfigs sent straight to it is not
 * refused (the extension checks before sending).
 */
import { expressTopicConfigRefusal } from '../../src/shared/mskClusterKinds';
import type { SandboxClusterInfo, SandboxState } from '../state';
import type { BrokerNode } from './view';
import { badRequest, type ApiError } from './errors';
import {
  brokerNodes,
  clusterInfoV1,
  clusterSuffix,
  provisionedClusterV2,
  stableUuid,
  stableVersion,
  type ClusterOptions,
  type JsonObject,
} from './model';

export const EXPRESS_CLUSTER_NAME = 'sandbox-express';
export const EXPRESS_INSTANCE_TYPE = 'express.m7g.large';

/** The cluster's name, ARN and type (derived from the provisioned cluster's; stable). */
export function expressCluster(state: SandboxState): SandboxClusterInfo {
  const uuid = stableUuid(`express/${state.clusters.provisioned.arn}`);
  return {
    arn: `arn:aws:kafka:${state.region}:${state.accountId}:cluster/${EXPRESS_CLUSTER_NAME}/${uuid}-e1`,
    name: EXPRESS_CLUSTER_NAME,
    type: 'PROVISIONED',
  };
}

/** ListClustersV2 / DescribeClusterV2 `Cluster`: msk-sandbox's shape with Express brokers. */
export function expressClusterV2(o: ClusterOptions): JsonObject {
  const c = expressCluster(o.state);
  const base = provisionedClusterV2(o);
  const provisioned = base.provisioned as JsonObject;
  const group = provisioned.brokerNodeGroupInfo as JsonObject;
  return {
    ...base,
    clusterArn: c.arn,
    clusterName: c.name,
    currentVersion: stableVersion(`version/${c.arn}`),
    tags: { ...(base.tags as JsonObject), 'cluster-kind': 'express' },
    provisioned: {
      ...provisioned,
      // Express brokers have no EBS volume to size: MSK leaves storageInfo out.
      brokerNodeGroupInfo: { ...group, instanceType: EXPRESS_INSTANCE_TYPE, storageInfo: undefined },
      storageMode: 'LOCAL',
      rebalancing: { status: 'ACTIVE' },
    },
  };
}

/** DescribeCluster / ListClusters (v1) `ClusterInfo`. */
export function expressClusterInfoV1(o: ClusterOptions): JsonObject {
  return clusterInfoV1(expressClusterV2(o));
}

/** ListNodes entries: the real brokers, as Express nodes of this cluster. */
export function expressBrokerNodes(o: ClusterOptions, brokers: BrokerNode[]): JsonObject[] {
  const c = expressCluster(o.state);
  const provisioned = o.state.clusters.provisioned;
  return brokerNodes(o, brokers).map((n) => ({
    ...n,
    instanceType: EXPRESS_INSTANCE_TYPE,
    nodeARN: (n.nodeARN as string).replace(
      `broker/${provisioned.name}/${clusterSuffix(provisioned.arn)}/`,
      `broker/${c.name}/${clusterSuffix(c.arn)}/`,
    ),
  }));
}

/**
 * UpdateTopic on the Express cluster: the (modelled) refusal when `configs` names a read-only topic
 * configuration (undefined when every name may be changed).
 */
export function expressConfigRefusal(configNames: Iterable<string>): ApiError | undefined {
  for (const name of configNames) {
    const refusal = expressTopicConfigRefusal(name);
    if (refusal) return badRequest(refusal, 'configs');
  }
  return undefined;
}
