/** ARN helpers (pure). */

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
  const parts = arn.split(':');
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
