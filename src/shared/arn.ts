/**
 * The one ARN module (pure, no SDK): parsing any ARN, and building the MSK IAM resource ARNs a
 * Kafka permission is checked against. Used by the AWS layer (discovery) and the Kafka layer
 * (authorization errors).
 */

export interface ParsedArn {
  partition: string;
  service: string;
  region: string;
  accountId: string;
  /** Everything after the account id, e.g. "cluster/name/uuid". */
  resource: string;
}

/** Parses "arn:partition:service:region:account:resource"; undefined when it is not an ARN. */
export function parseArn(arn: string): ParsedArn | undefined {
  const parts = arn.trim().split(':');
  if (parts.length < 6 || parts[0] !== 'arn') return undefined;
  const [, partition = '', service = '', region = '', accountId = ''] = parts;
  return { partition, service, region, accountId, resource: parts.slice(5).join(':') };
}

/** The region of an ARN, or undefined when the ARN has none. */
export function regionOfArn(arn: string): string | undefined {
  return parseArn(arn)?.region || undefined;
}

/** The name part of "kind/name/uuid" resource ARNs (clusters, connectors, custom plugins). */
export function nameFromArn(arn: string): string | undefined {
  const resource = parseArn(arn)?.resource;
  if (!resource) return undefined;
  const segments = resource.split('/');
  return segments.length >= 2 ? segments[1] : undefined;
}

export interface MskClusterArn {
  partition: string;
  region: string;
  accountId: string;
  name: string;
  uuid: string;
}

/** The parts of an MSK cluster ARN ("arn:aws:kafka:region:account:cluster/name/uuid"), or undefined. */
export function parseClusterArn(arn: string): MskClusterArn | undefined {
  const parsed = parseArn(arn);
  if (!parsed || parsed.service !== 'kafka' || !parsed.region || !parsed.accountId) return undefined;
  const [kind, name, uuid, ...rest] = parsed.resource.split('/');
  if (kind !== 'cluster' || !name || !uuid || rest.length) return undefined;
  return { partition: parsed.partition, region: parsed.region, accountId: parsed.accountId, name, uuid };
}

export type MskResourceKind = 'cluster' | 'topic' | 'group';

/** What is known about the cluster a permission is checked on. */
export interface MskArnSource {
  clusterArn?: string;
  /** The region to put in placeholders when the cluster ARN is unknown. */
  region?: string;
}

/**
 * The MSK IAM resource ARN for a cluster, topic or group ("*" for every topic/group). Where the
 * cluster ARN is unknown the ARN has placeholders (<account-id>, <cluster-name>, <cluster-uuid>).
 */
export function mskResourceArn(kind: MskResourceKind, source: MskArnSource, name?: string): string {
  const parsed = source.clusterArn ? parseClusterArn(source.clusterArn) : undefined;
  const p: MskClusterArn = parsed ?? {
    partition: 'aws',
    region: source.region ?? '<region>',
    accountId: '<account-id>',
    name: '<cluster-name>',
    uuid: '<cluster-uuid>',
  };
  const prefix = `arn:${p.partition}:kafka:${p.region}:${p.accountId}`;
  if (kind === 'cluster') return `${prefix}:cluster/${p.name}/${p.uuid}`;
  return `${prefix}:${kind}/${p.name}/${p.uuid}/${name ?? '*'}`;
}
