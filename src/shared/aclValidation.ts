/**
 * Kafka ACL bindings as plain data, and the checks a binding must pass before it is sent: the same
 * rules the broker applies (Kafka's AclEntry.supportedOperations, the cluster resource's fixed name,
 * LITERAL/PREFIXED patterns), said in words a person can act on. Pure: the create form validates
 * each field as it is typed, and the Kafka layer validates again before CreateAcls.
 */

export const ACL_RESOURCE_TYPES = ['TOPIC', 'GROUP', 'CLUSTER', 'TRANSACTIONAL_ID', 'DELEGATION_TOKEN'] as const;
export type AclResourceType = (typeof ACL_RESOURCE_TYPES)[number] | 'UNKNOWN';

export const ACL_OPERATIONS = [
  'ALL',
  'READ',
  'WRITE',
  'CREATE',
  'DELETE',
  'ALTER',
  'DESCRIBE',
  'CLUSTER_ACTION',
  'DESCRIBE_CONFIGS',
  'ALTER_CONFIGS',
  'IDEMPOTENT_WRITE',
] as const;
export type AclOperation = (typeof ACL_OPERATIONS)[number] | 'UNKNOWN';

export type AclPermission = 'ALLOW' | 'DENY' | 'UNKNOWN';
export type AclPatternType = 'LITERAL' | 'PREFIXED' | 'UNKNOWN';

/** One ACL binding: who (principal, host) may or may not do what (operation) on which resources (pattern). */
export interface AclBinding {
  resourceType: AclResourceType;
  /** The topic/group/transactional id (or prefix); "*" with LITERAL is every resource of the type; "kafka-cluster" for the cluster. */
  resourceName: string;
  patternType: AclPatternType;
  /** e.g. User:alice, User:* (every principal). */
  principal: string;
  /** "*" or an IP address. */
  host: string;
  operation: AclOperation;
  permission: AclPermission;
}

/** The only name the cluster resource has. */
export const CLUSTER_RESOURCE_NAME = 'kafka-cluster';

/** The operations Kafka accepts per resource type (Kafka's AclEntry.supportedOperations, plus ALL). */
export const OPERATIONS_BY_RESOURCE: Record<Exclude<AclResourceType, 'UNKNOWN'>, readonly AclOperation[]> = {
  TOPIC: ['ALL', 'READ', 'WRITE', 'CREATE', 'DESCRIBE', 'DELETE', 'ALTER', 'DESCRIBE_CONFIGS', 'ALTER_CONFIGS'],
  GROUP: ['ALL', 'READ', 'DESCRIBE', 'DELETE'],
  CLUSTER: [
    'ALL',
    'CREATE',
    'CLUSTER_ACTION',
    'DESCRIBE_CONFIGS',
    'ALTER_CONFIGS',
    'IDEMPOTENT_WRITE',
    'ALTER',
    'DESCRIBE',
  ],
  TRANSACTIONAL_ID: ['ALL', 'DESCRIBE', 'WRITE'],
  DELEGATION_TOKEN: ['ALL', 'DESCRIBE'],
};

/** What a resource type is called in messages and the tree. */
export const RESOURCE_TYPE_LABEL: Record<AclResourceType, string> = {
  TOPIC: 'topic',
  GROUP: 'consumer group',
  CLUSTER: 'cluster',
  TRANSACTIONAL_ID: 'transactional id',
  DELEGATION_TOKEN: 'delegation token',
  UNKNOWN: 'unknown resource',
};

/** `User:<name>`; the name may be `*` (every principal). MSK's authorizers know only the User type. */
export function principalProblem(principal: string): string | undefined {
  const p = principal.trim();
  if (!p) return 'A principal is required, e.g. User:alice (User:* for every principal).';
  const m = /^([A-Za-z]+):(.*)$/.exec(p);
  if (!m) return `“${p}” is not a principal: write User:<name>, e.g. User:alice (or User:* for every principal).`;
  if (m[1] !== 'User')
    return `“${m[1]}” is not a principal type Kafka's ACLs use here: write User:<name>, e.g. User:${m[2] || 'alice'}.`;
  if (!m[2]) return 'The principal needs a name after “User:”, e.g. User:alice.';
  if (/\s/.test(m[2])) return `The principal name “${m[2]}” contains spaces.`;
  return undefined;
}

/** `*` or an IPv4/IPv6 address: Kafka compares the client's IP address, so host names never match. */
export function hostProblem(host: string): string | undefined {
  const h = host.trim();
  if (!h) return 'A host is required: * for any host, or an IP address.';
  if (h === '*' || isIPv4(h) || isIPv6(h)) return undefined;
  return `“${h}” is not * or an IP address (Kafka matches the client's IP address; host names never match).`;
}

function isIPv4(h: string): boolean {
  const parts = h.split('.');
  return parts.length === 4 && parts.every((p) => /^\d{1,3}$/.test(p) && Number(p) <= 255);
}

function isIPv6(h: string): boolean {
  if (!/^[0-9A-Fa-f:.]+$/.test(h) || !h.includes(':') || h.includes(':::')) return false;
  if ((h.startsWith(':') && !h.startsWith('::')) || (h.endsWith(':') && !h.endsWith('::'))) return false;
  const double = h.split('::').length - 1;
  if (double > 1) return false;
  const groups = h.split(':').filter((g) => g !== '');
  const last = groups[groups.length - 1];
  const v4Tail = last !== undefined && last.includes('.');
  if (v4Tail && !isIPv4(last)) return false;
  const count = groups.length + (v4Tail ? 1 : 0);
  if (groups.some((g, i) => !(v4Tail && i === groups.length - 1) && !/^[0-9A-Fa-f]{1,4}$/.test(g))) return false;
  return double === 1 ? count < 8 : count === 8;
}

/** Whether Kafka accepts `operation` on `resourceType`, with the valid ones named when not. */
export function operationProblem(resourceType: AclResourceType, operation: AclOperation): string | undefined {
  if (resourceType === 'UNKNOWN') return 'Choose a resource type.';
  const valid = OPERATIONS_BY_RESOURCE[resourceType];
  if (valid.includes(operation)) return undefined;
  return `${operation} is not an operation on a ${RESOURCE_TYPE_LABEL[resourceType]}: Kafka allows ${valid.join(', ')}.`;
}

/** The resource name for its type and pattern. */
export function resourceNameProblem(
  resourceType: AclResourceType,
  name: string,
  patternType: AclPatternType,
): string | undefined {
  if (resourceType === 'CLUSTER') {
    if (name !== CLUSTER_RESOURCE_NAME) return `The cluster resource is always named “${CLUSTER_RESOURCE_NAME}”.`;
    if (patternType !== 'LITERAL') return 'The cluster resource takes a LITERAL pattern only.';
    return undefined;
  }
  if (!name) return `A ${RESOURCE_TYPE_LABEL[resourceType]} name is required (* with LITERAL means all of them).`;
  if (name !== name.trim()) return 'The name starts or ends with spaces.';
  if (resourceType === 'TOPIC' && name !== '*' && !/^[a-zA-Z0-9._-]+$/.test(name))
    return `“${name}” cannot match a topic: topic names use only letters, digits, “.”, “_” and “-”.`;
  if (patternType === 'PREFIXED' && name === '*')
    return 'A PREFIXED pattern “*” matches only names starting with “*”: for all of them use LITERAL “*”.';
  return undefined;
}

/** Every problem of a binding to create (empty when Kafka would accept it). */
export function validateAclBinding(b: AclBinding): string[] {
  const problems: (string | undefined)[] = [
    b.resourceType === 'UNKNOWN' ? 'Choose a resource type.' : undefined,
    b.patternType === 'LITERAL' || b.patternType === 'PREFIXED'
      ? undefined
      : 'The pattern type must be LITERAL or PREFIXED.',
    b.resourceType === 'UNKNOWN' ? undefined : resourceNameProblem(b.resourceType, b.resourceName, b.patternType),
    principalProblem(b.principal),
    hostProblem(b.host),
    b.operation === 'UNKNOWN' ? 'Choose an operation.' : operationProblem(b.resourceType, b.operation),
    b.permission === 'ALLOW' || b.permission === 'DENY' ? undefined : 'The permission must be ALLOW or DENY.',
  ];
  return [...new Set(problems.filter((p): p is string => p !== undefined))];
}

/** How a binding's pattern covers the named resource: the exact name, every name (*), or a prefix. */
export type AclMatch = 'literal' | 'wildcard' | 'prefixed';

export function matchOf(b: Pick<AclBinding, 'patternType' | 'resourceName'>): AclMatch {
  if (b.patternType === 'PREFIXED') return 'prefixed';
  return b.resourceName === '*' ? 'wildcard' : 'literal';
}

/** e.g. `topic "orders"`, `topics starting with "ord"`, `every topic`, `the cluster`. */
export function describeResource(b: Pick<AclBinding, 'resourceType' | 'resourceName' | 'patternType'>): string {
  const kind = RESOURCE_TYPE_LABEL[b.resourceType];
  if (b.resourceType === 'CLUSTER') return 'the cluster';
  switch (matchOf(b)) {
    case 'wildcard':
      return `every ${kind} (literal *)`;
    case 'prefixed':
      return `${kind}s starting with “${b.resourceName}” (prefixed)`;
    case 'literal':
      return `${kind} “${b.resourceName}” (literal)`;
  }
}

/** One line for confirmations and messages, e.g. `DENY READ for User:readonly from * on topic "orders" (literal)`. */
export function describeBinding(b: AclBinding): string {
  return `${b.permission} ${b.operation} for ${b.principal} from ${b.host === '*' ? 'any host' : `host ${b.host}`} on ${describeResource(b)}`;
}

/** Stable key of a binding (tree ids, equality). */
export function bindingKey(b: AclBinding): string {
  return [b.resourceType, b.patternType, b.resourceName, b.principal, b.host, b.operation, b.permission].join('|');
}

/** Sort order: resource type, name, principal, then DENY before ALLOW (a DENY wins), then operation. */
export function compareBindings(a: AclBinding, b: AclBinding): number {
  return (
    a.resourceType.localeCompare(b.resourceType) ||
    a.resourceName.localeCompare(b.resourceName) ||
    a.patternType.localeCompare(b.patternType) ||
    a.principal.localeCompare(b.principal) ||
    a.permission.localeCompare(b.permission) ||
    a.operation.localeCompare(b.operation) ||
    a.host.localeCompare(b.host)
  );
}
