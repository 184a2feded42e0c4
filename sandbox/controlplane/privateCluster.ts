/**
 * `sandbox-private`: a second provisioned cluster whose MSK API answers like any other while its
 * brokers cannot be reached — as a private MSK cluster looks from a laptop outside its VPC.
 *
 * GetBootstrapBrokers returns a black-holed loopback address (blackHole.ts): a port that accepts
 * TCP connections and never answers, so a client's connection or TLS handshake or first request
 * TIMES OUT (what a private broker address does from outside), rather than being refused. Nothing
 * here ever points at a non-loopback address. Its CloudWatch consumer-lag metrics are the real
 * broker's groups under this cluster's name (lagMetrics.ts), so the CloudWatch fallback has data.
 */
import type { SandboxClusterInfo, SandboxState } from '../state';
import {
  clusterInfoV1,
  clusterSuffix,
  provisionedClusterV2,
  stableHex,
  stableUuid,
  stableVersion,
  type ClusterOptions,
  type JsonObject,
} from './model';

export const PRIVATE_CLUSTER_NAME = 'sandbox-private';
const BROKERS = 3;

/** The cluster's name, ARN and type (derived from the sandbox's account and region; stable). */
export function privateCluster(state: SandboxState): SandboxClusterInfo {
  const uuid = stableUuid(`private/${state.clusters.provisioned.arn}`);
  return {
    arn: `arn:aws:kafka:${state.region}:${state.accountId}:cluster/${PRIVATE_CLUSTER_NAME}/${uuid}-3`,
    name: PRIVATE_CLUSTER_NAME,
    type: 'PROVISIONED',
  };
}

/**
 * ListClustersV2 / DescribeClusterV2 `Cluster`: the provisioned cluster's shape with this cluster's
 * identity, three brokers, IAM only (the usual private cluster), always ACTIVE (MSK sees its
 * brokers; only this machine cannot reach them).
 */
export function privateClusterV2(o: ClusterOptions): JsonObject {
  const c = privateCluster(o.state);
  const base = provisionedClusterV2({ ...o, brokers: [] });
  const provisioned = base.provisioned as JsonObject;
  return {
    ...base,
    clusterArn: c.arn,
    clusterName: c.name,
    currentVersion: stableVersion(`version/${c.arn}`),
    state: 'ACTIVE',
    stateInfo: undefined,
    tags: { ...(base.tags as JsonObject), 'cluster-kind': 'provisioned', reachability: 'private' },
    provisioned: {
      ...provisioned,
      numberOfBrokerNodes: BROKERS,
      // On MSK's default configuration: MSK then reports no configurationArn/configurationRevision.
      currentBrokerSoftwareInfo: { kafkaVersion: o.state.kafkaVersion },
      clientAuthentication: {
        sasl: { scram: { enabled: false }, iam: { enabled: true } },
        tls: { certificateAuthorityArnList: [], enabled: false },
        unauthenticated: { enabled: false },
      },
      encryptionInfo: {
        ...(provisioned.encryptionInfo as JsonObject),
        encryptionInTransit: { clientBroker: 'TLS', inCluster: true },
      },
    },
  };
}

/** DescribeCluster / ListClusters (v1) `ClusterInfo`. */
export function privateClusterInfoV1(o: ClusterOptions): JsonObject {
  return clusterInfoV1(privateClusterV2(o));
}

/**
 * GetBootstrapBrokers: only the IAM string (the cluster has IAM only), every broker at the
 * black-holed loopback port (`host:port`).
 */
export function privateBootstrapBrokers(blackHole: string): JsonObject {
  return { bootstrapBrokerStringSaslIam: Array.from({ length: BROKERS }, () => blackHole).join(',') };
}

/** ListNodes entries: three BROKER nodes whose endpoint is the black-holed loopback host. */
export function privateBrokerNodes(o: ClusterOptions, blackHole: string): JsonObject[] {
  const c = privateCluster(o.state);
  const v2 = privateClusterV2(o);
  const settings = v2.provisioned as JsonObject;
  const group = settings.brokerNodeGroupInfo as { clientSubnets: string[] };
  const host = blackHole.replace(/:\d+$/, '');
  return Array.from({ length: BROKERS }, (_, i) => {
    const id = i + 1;
    return {
      addedToClusterTime: v2.creationTime,
      instanceType: 'kafka.m5.large',
      nodeARN: `arn:aws:kafka:${o.state.region}:${o.state.accountId}:broker/${c.name}/${clusterSuffix(c.arn)}/${stableHex(`node/${c.arn}/${id}`, 8)}-${id}`,
      nodeType: 'BROKER',
      brokerNodeInfo: {
        attachedENIId: `eni-0${stableHex(`eni/${c.arn}/${id}`, 16)}`,
        brokerId: id,
        clientSubnet: group.clientSubnets[i % group.clientSubnets.length],
        clientVpcIpAddress: `10.0.${i + 1}.${10 + (parseInt(stableHex(`ip/${c.arn}/${id}`, 2), 16) % 200)}`,
        currentBrokerSoftwareInfo: settings.currentBrokerSoftwareInfo,
        endpoints: [host],
      },
    };
  });
}
