/**
 * MSK discovery: clusters, bootstrap brokers, nodes, SCRAM secrets, MSK Connect connectors.
 * Every call goes through the client factory and maps failures to AwsUserError (errors.ts)
 * naming the IAM action, the profile and the endpoint.
 *
 * The SDK command classes are loaded with `import()` on first use.
 */
import type { DescribeClusterV2Response } from '@aws-sdk/client-kafka';
import type { DescribeConnectorResponse } from '@aws-sdk/client-kafkaconnect';
import { regionOfArn } from '../shared/arn';
import { toBootstrapBrokers, type BootstrapBrokers } from './bootstrap';
import { AwsClientFactory, type AwsClientTypes, type AwsTarget, type ResolvedTarget } from './clientFactory';
import { toClusterSummary, toNodes, type MskClusterSummary, type MskNode } from './clusters';
import {
  connectorsForCluster,
  toConnectorDetail,
  toConnectorSummary,
  type MskConnectorDetail,
  type MskConnectorSummary,
} from './connectors';
import type { AwsService } from './endpoints';
import { AwsUserError } from './errors';

export { chooseBootstrap, type BootstrapBrokers, type BootstrapChoice, type MskAuthMode } from './bootstrap';
export type { MskClusterSummary, MskNode } from './clusters';
export type { MskConnectorDetail, MskConnectorSummary } from './connectors';

export interface ListClustersOptions {
  /** The `nextToken` of the previous page. */
  pageToken?: string;
  /** Clusters per page (MSK allows 1-100). */
  pageSize?: number;
  /** Only clusters whose name starts with this. */
  nameFilter?: string;
}

export interface ClusterPage {
  clusters: MskClusterSummary[];
  /** Present when there are more clusters: pass it as `pageToken` for the next page ("Load more…"). */
  nextToken?: string;
}

export interface ScramCredentials {
  username: string;
  password: string;
}

/** The raw DescribeClusterV2 answer without the SDK's $metadata, for a "describe cluster" JSON document. */
export type ClusterDescription = Omit<DescribeClusterV2Response, '$metadata'>;
export type RawConnectorDescription = Omit<DescribeConnectorResponse, '$metadata'>;

type ClientOf<S extends AwsService> = AwsClientTypes[S];

function withoutMetadata<T extends { $metadata?: unknown }>(output: T): Omit<T, '$metadata'> {
  const { $metadata: _ignored, ...rest } = output;
  return rest;
}

/** For calls about one ARN: the ARN's region wins (the resource lives there). */
function targetForArn(target: AwsTarget, arn: string): AwsTarget {
  const region = regionOfArn(arn);
  return region ? { ...target, region } : target;
}

export class MskService {
  constructor(readonly factory: AwsClientFactory) {}

  /** One SDK call through the factory (errors mapped, one retry on an expired session token). */
  private call<S extends AwsService, T>(
    service: S,
    target: AwsTarget,
    action: string,
    resource: string | undefined,
    run: (client: ClientOf<S>, resolved: ResolvedTarget) => Promise<T>,
  ): Promise<T> {
    return this.factory.call(service, target, action, resource, run);
  }

  /** One page of clusters (ListClustersV2). */
  async listClusters(target: AwsTarget, options: ListClustersOptions = {}): Promise<ClusterPage> {
    return this.call('kafka', target, 'kafka:ListClustersV2', undefined, async (client) => {
      const { ListClustersV2Command } = await import('@aws-sdk/client-kafka');
      const out = await client.send(
        new ListClustersV2Command({
          MaxResults: options.pageSize,
          NextToken: options.pageToken,
          ClusterNameFilter: options.nameFilter,
        }),
      );
      const page: ClusterPage = { clusters: (out.ClusterInfoList ?? []).map(toClusterSummary) };
      if (out.NextToken) page.nextToken = out.NextToken;
      return page;
    });
  }

  async getBootstrapBrokers(target: AwsTarget, clusterArn: string): Promise<BootstrapBrokers> {
    return this.call(
      'kafka',
      targetForArn(target, clusterArn),
      'kafka:GetBootstrapBrokers',
      clusterArn,
      async (client) => {
        const { GetBootstrapBrokersCommand } = await import('@aws-sdk/client-kafka');
        return toBootstrapBrokers(await client.send(new GetBootstrapBrokersCommand({ ClusterArn: clusterArn })));
      },
    );
  }

  /** Broker nodes of a provisioned cluster (all pages), by broker id. */
  async listNodes(target: AwsTarget, clusterArn: string): Promise<MskNode[]> {
    return this.call('kafka', targetForArn(target, clusterArn), 'kafka:ListNodes', clusterArn, async (client) => {
      const { ListNodesCommand } = await import('@aws-sdk/client-kafka');
      const all = [];
      let token: string | undefined;
      do {
        const out = await client.send(new ListNodesCommand({ ClusterArn: clusterArn, NextToken: token }));
        all.push(...(out.NodeInfoList ?? []));
        token = out.NextToken;
      } while (token);
      return toNodes(all);
    });
  }

  async describeCluster(target: AwsTarget, clusterArn: string): Promise<ClusterDescription> {
    return this.call(
      'kafka',
      targetForArn(target, clusterArn),
      'kafka:DescribeClusterV2',
      clusterArn,
      async (client) => {
        const { DescribeClusterV2Command } = await import('@aws-sdk/client-kafka');
        return withoutMetadata(await client.send(new DescribeClusterV2Command({ ClusterArn: clusterArn })));
      },
    );
  }

  /** ARNs of the Secrets Manager secrets associated with the cluster for SCRAM (all pages). */
  async listScramSecrets(target: AwsTarget, clusterArn: string): Promise<string[]> {
    return this.call(
      'kafka',
      targetForArn(target, clusterArn),
      'kafka:ListScramSecrets',
      clusterArn,
      async (client) => {
        const { ListScramSecretsCommand } = await import('@aws-sdk/client-kafka');
        const arns: string[] = [];
        let token: string | undefined;
        do {
          const out = await client.send(new ListScramSecretsCommand({ ClusterArn: clusterArn, NextToken: token }));
          arns.push(...(out.SecretArnList ?? []));
          token = out.NextToken;
        } while (token);
        return arns;
      },
    );
  }

  /** The SCRAM user name and password stored in a secret (SecretString JSON {"username","password"}). */
  async getScramSecret(target: AwsTarget, secretArn: string): Promise<ScramCredentials> {
    const ctxTarget = targetForArn(target, secretArn);
    const secret = await this.call(
      'secretsmanager',
      ctxTarget,
      'secretsmanager:GetSecretValue',
      secretArn,
      async (client) => {
        const { GetSecretValueCommand } = await import('@aws-sdk/client-secrets-manager');
        const out = await client.send(new GetSecretValueCommand({ SecretId: secretArn }));
        return out.SecretString;
      },
    );
    return parseScramSecret(secretArn, secret);
  }

  /**
   * MSK Connect connectors (all pages of ListConnectors in the target's region) that point at
   * the cluster, i.e. share a host:port with any of its bootstrap strings.
   */
  async listConnectorsForCluster(
    target: AwsTarget,
    clusterBootstrapStrings: readonly string[],
  ): Promise<MskConnectorSummary[]> {
    const all = await this.listConnectors(target);
    return connectorsForCluster(all, clusterBootstrapStrings);
  }

  /** Every connector of the region (all pages). */
  async listConnectors(target: AwsTarget): Promise<MskConnectorSummary[]> {
    return this.call('kafkaconnect', target, 'kafkaconnect:ListConnectors', undefined, async (client) => {
      const { ListConnectorsCommand } = await import('@aws-sdk/client-kafkaconnect');
      const all: MskConnectorSummary[] = [];
      let token: string | undefined;
      do {
        const out = await client.send(new ListConnectorsCommand({ nextToken: token, maxResults: 100 }));
        all.push(...(out.connectors ?? []).map(toConnectorSummary));
        token = out.nextToken;
      } while (token);
      return all;
    });
  }

  async describeConnector(
    target: AwsTarget,
    connectorArn: string,
  ): Promise<MskConnectorDetail & { raw: RawConnectorDescription }> {
    return this.call(
      'kafkaconnect',
      targetForArn(target, connectorArn),
      'kafkaconnect:DescribeConnector',
      connectorArn,
      async (client) => {
        const { DescribeConnectorCommand } = await import('@aws-sdk/client-kafkaconnect');
        const out = await client.send(new DescribeConnectorCommand({ connectorArn }));
        return { ...toConnectorDetail(out), raw: withoutMetadata(out) };
      },
    );
  }
}

/** Parses a SCRAM secret's SecretString; the message never contains the secret's value. */
export function parseScramSecret(secretArn: string, secretString: string | undefined): ScramCredentials {
  const bad = (why: string) =>
    new AwsUserError('bad-secret', `The secret ${secretArn} is not a usable SCRAM secret: ${why}.`, {
      context: { resource: secretArn, action: 'secretsmanager:GetSecretValue' },
      hint: 'MSK SCRAM secrets hold JSON like {"username": "alice", "password": "..."}.',
    });
  if (!secretString) throw bad('it has no SecretString');
  let parsed: unknown;
  try {
    parsed = JSON.parse(secretString);
  } catch {
    throw bad('its SecretString is not JSON');
  }
  const { username, password } = (parsed ?? {}) as { username?: unknown; password?: unknown };
  if (typeof username !== 'string' || !username || typeof password !== 'string' || !password) {
    throw bad('it lacks a "username" or "password" string');
  }
  return { username, password };
}
