/**
 * Kafka ACL bindings over the admin client (DescribeAcls, CreateAcls, DeleteAcls) as plain data.
 *
 *   const rows = await listAcls(cluster, { kind: 'topic', name: 'orders' });   // MATCH: literal, prefixed and *
 *   await createAcl(cluster, binding);
 *   const deleted = await deleteAcl(cluster, binding);                          // exact filter: only that one
 *
 * The numbers are kafkajs 2.2.4's enums (AclResourceTypes, AclOperationTypes, AclPermissionTypes,
 * ResourcePatternTypes in types/index.d.ts), which are Kafka's wire values; kafkajs itself is only
 * loaded with the first client (clientPool.ts), so they are spelled out here.
 */
import type { AclEntry, AclFilter, Admin } from 'kafkajs';
import {
  compareBindings,
  validateAclBinding,
  type AclBinding,
  type AclOperation,
  type AclPatternType,
  type AclPermission,
  type AclResourceType,
} from '../shared/aclValidation';
import type { KafkaCluster } from './cluster';
import { hasKafkaErrorType, KafkaUserError, type KafkaOperation } from './errors';

const RESOURCE: Record<AclResourceType | 'ANY', number> = {
  UNKNOWN: 0,
  ANY: 1,
  TOPIC: 2,
  GROUP: 3,
  CLUSTER: 4,
  TRANSACTIONAL_ID: 5,
  DELEGATION_TOKEN: 6,
};
const OPERATION: Record<AclOperation | 'ANY', number> = {
  UNKNOWN: 0,
  ANY: 1,
  ALL: 2,
  READ: 3,
  WRITE: 4,
  CREATE: 5,
  DELETE: 6,
  ALTER: 7,
  DESCRIBE: 8,
  CLUSTER_ACTION: 9,
  DESCRIBE_CONFIGS: 10,
  ALTER_CONFIGS: 11,
  IDEMPOTENT_WRITE: 12,
};
const PERMISSION: Record<AclPermission | 'ANY', number> = { UNKNOWN: 0, ANY: 1, DENY: 2, ALLOW: 3 };
const PATTERN: Record<AclPatternType | 'ANY' | 'MATCH', number> = {
  UNKNOWN: 0,
  ANY: 1,
  MATCH: 2,
  LITERAL: 3,
  PREFIXED: 4,
};

/** The name of a wire value; ANY/MATCH (filter-only values) and unknown numbers read as UNKNOWN. */
function nameOf<K extends string>(table: Record<K | 'ANY', number>, value: number): K | 'UNKNOWN' {
  const hit = (Object.keys(table) as (K | 'ANY' | 'MATCH')[]).find(
    (k) => k !== 'ANY' && k !== 'MATCH' && table[k] === value,
  );
  return (hit as K | undefined) ?? 'UNKNOWN';
}

/** Which bindings to list: all of the cluster, or those that apply to one topic or group. */
export type AclScope = { kind: 'cluster' } | { kind: 'topic'; name: string } | { kind: 'group'; name: string };

/** The DescribeAcls filter of a scope: MATCH for a topic or group, so prefixed and * bindings show too. */
export function scopeFilter(scope: AclScope): AclFilter {
  const any = {
    principal: undefined,
    host: undefined,
    operation: OPERATION.ANY,
    permissionType: PERMISSION.ANY,
  };
  if (scope.kind === 'cluster') return { ...any, resourceType: RESOURCE.ANY, resourcePatternType: PATTERN.ANY };
  return {
    ...any,
    resourceType: scope.kind === 'topic' ? RESOURCE.TOPIC : RESOURCE.GROUP,
    resourceName: scope.name,
    resourcePatternType: PATTERN.MATCH,
  };
}

/** The exact filter of one binding: every field set, so DeleteAcls removes only it. */
export function exactFilter(b: AclBinding): AclFilter {
  return {
    resourceType: RESOURCE[b.resourceType],
    resourceName: b.resourceName,
    resourcePatternType: PATTERN[b.patternType],
    principal: b.principal,
    host: b.host,
    operation: OPERATION[b.operation],
    permissionType: PERMISSION[b.permission],
  };
}

export function toEntry(b: AclBinding): AclEntry {
  return exactFilter(b) as unknown as AclEntry;
}

interface WireBinding {
  resourceType: number;
  resourceName: string;
  resourcePatternType: number;
  principal: string;
  host: string;
  operation: number;
  permissionType: number;
}

export function fromWire(w: WireBinding): AclBinding {
  return {
    resourceType: nameOf<AclResourceType>(RESOURCE, w.resourceType),
    resourceName: w.resourceName,
    patternType: nameOf<AclPatternType>(PATTERN, w.resourcePatternType),
    principal: w.principal,
    host: w.host,
    operation: nameOf<AclOperation>(OPERATION, w.operation),
    permission: nameOf<AclPermission>(PERMISSION, w.permissionType),
  };
}

function names(scope: AclScope): { topic?: string; group?: string } {
  return scope.kind === 'topic' ? { topic: scope.name } : scope.kind === 'group' ? { group: scope.name } : {};
}

/** The bindings of a scope, sorted (see compareBindings). */
export async function listAcls(cluster: KafkaCluster, scope: AclScope): Promise<AclBinding[]> {
  return runAcl(cluster, 'describeAcls', names(scope), async (admin) => {
    const res = await admin.describeAcls(scopeFilter(scope));
    const rows = res.resources.flatMap((r) =>
      r.acls.map((a) =>
        fromWire({
          resourceType: r.resourceType,
          resourceName: r.resourceName,
          resourcePatternType: r.resourcePatternType,
          principal: a.principal,
          host: a.host,
          operation: a.operation,
          permissionType: a.permissionType,
        }),
      ),
    );
    return rows.sort(compareBindings);
  });
}

/** Creates one binding after the same checks the form makes (a bad binding never reaches the broker). */
export async function createAcl(cluster: KafkaCluster, binding: AclBinding): Promise<void> {
  const problems = validateAclBinding(binding);
  if (problems.length)
    throw new KafkaUserError(`ACL not created: ${problems.join(' ')}`, {
      code: 'InvalidRequest',
      hint: 'Fix the values and try again.',
    });
  await runAcl(cluster, 'createAcls', namesOf(binding), (admin) => admin.createAcls({ acl: [toEntry(binding)] }));
}

/**
 * Deletes exactly one binding (a filter with every field set, no ANY) and returns how many bindings
 * the broker deleted: 1, or 0 when someone removed it already.
 */
export async function deleteAcl(cluster: KafkaCluster, binding: AclBinding): Promise<number> {
  if (
    binding.resourceType === 'UNKNOWN' ||
    binding.patternType === 'UNKNOWN' ||
    binding.operation === 'UNKNOWN' ||
    binding.permission === 'UNKNOWN'
  )
    throw new KafkaUserError('This ACL binding has a field this extension cannot name, so it is not deleted.', {
      code: 'InvalidRequest',
      hint: 'Delete it with kafka-acls --remove, naming every field.',
    });
  return runAcl(cluster, 'deleteAcls', namesOf(binding), async (admin) => {
    const res = await admin.deleteAcls({ filters: [exactFilter(binding)] });
    const matching = res.filterResponses.flatMap((f) => f.matchingAcls);
    const failed = matching.find((m) => (m.errorCode ?? 0) !== 0);
    if (failed) throw new Error(failed.errorMessage ?? `DeleteAcls failed with error code ${failed.errorCode}`);
    return matching.length;
  });
}

function namesOf(b: AclBinding): { topic?: string; group?: string } {
  return b.resourceType === 'TOPIC'
    ? { topic: b.resourceName }
    : b.resourceType === 'GROUP'
      ? { group: b.resourceName }
      : {};
}

/** cluster.run, with a broker that has no authorizer (SECURITY_DISABLED) said plainly. */
async function runAcl<T>(
  cluster: KafkaCluster,
  operation: KafkaOperation,
  scope: { topic?: string; group?: string },
  fn: (admin: Admin) => Promise<T>,
): Promise<T> {
  return cluster.run(operation, scope, async (admin) => {
    try {
      return await fn(admin);
    } catch (err) {
      if (hasKafkaErrorType(err, 'SECURITY_DISABLED'))
        throw new KafkaUserError(`${cluster.spec.label} has no ACLs: its brokers run without an authorizer.`, {
          code: 'InvalidRequest',
          hint: 'Kafka ACLs need authorizer.class.name set on the brokers. On Amazon MSK that is the case when SCRAM or mTLS client authentication is on (with unauthenticated access only, every client may do everything).',
          cause: err,
        });
      throw err;
    }
  });
}
