/**
 * The "Add ACL" form: a multi-step quick input that validates each field as it is typed (the rules
 * of src/shared/aclValidation.ts, which the Kafka layer checks again), then a modal confirmation
 * that says the whole binding in one sentence. Cancelling any step sends nothing.
 */
import * as vscode from 'vscode';
import type { AclScope } from '../../services/aclOps';
import {
  CLUSTER_RESOURCE_NAME,
  describeBinding,
  hostProblem,
  OPERATIONS_BY_RESOURCE,
  principalProblem,
  RESOURCE_TYPE_LABEL,
  resourceNameProblem,
  type AclBinding,
  type AclOperation,
  type AclPatternType,
  type AclPermission,
  type AclResourceType,
} from '../../shared/aclValidation';
import { CancellationError } from '../../shared/errors';

/** What each operation lets a principal do, per resource type (Kafka's documented mapping, short). */
const OPERATION_HINTS: Record<string, string> = {
  'TOPIC ALL': 'every operation on the topic',
  'TOPIC READ': 'consume: fetch records, read committed offsets',
  'TOPIC WRITE': 'produce records',
  'TOPIC CREATE': 'create the topic',
  'TOPIC DESCRIBE': 'see the topic: metadata, offsets',
  'TOPIC DELETE': 'delete the topic or its records',
  'TOPIC ALTER': 'add partitions',
  'TOPIC DESCRIBE_CONFIGS': 'read the topic configuration',
  'TOPIC ALTER_CONFIGS': 'change the topic configuration',
  'GROUP ALL': 'every operation on the group',
  'GROUP READ': 'join the group, commit and reset offsets',
  'GROUP DESCRIBE': 'describe the group, list its offsets',
  'GROUP DELETE': 'delete the group or its offsets',
  'CLUSTER ALL': 'every operation on the cluster',
  'CLUSTER CREATE': 'create any topic',
  'CLUSTER CLUSTER_ACTION': 'broker-to-broker requests (replication, controller)',
  'CLUSTER DESCRIBE_CONFIGS': 'read broker configurations',
  'CLUSTER ALTER_CONFIGS': 'change broker configurations',
  'CLUSTER IDEMPOTENT_WRITE': 'produce with an idempotent producer',
  'CLUSTER ALTER': 'create and delete ACLs, reassign partitions',
  'CLUSTER DESCRIBE': 'list ACLs, describe the cluster, list groups',
  'TRANSACTIONAL_ID ALL': 'every operation on the transactional id',
  'TRANSACTIONAL_ID WRITE': 'use the transactional id (transactions)',
  'TRANSACTIONAL_ID DESCRIBE': 'see the transactional id',
  'DELEGATION_TOKEN ALL': 'every operation on the delegation token',
  'DELEGATION_TOKEN DESCRIBE': 'see the delegation token',
};

const FORM_TYPES: AclResourceType[] = ['TOPIC', 'GROUP', 'CLUSTER', 'TRANSACTIONAL_ID'];

/** Asks every field of a binding; `scope` fills in the resource when the form starts from a topic or group. */
export async function askAclBinding(clusterName: string, scope: AclScope): Promise<AclBinding> {
  const title = `Add ACL to ${clusterName}`;
  let resourceType: AclResourceType;
  let resourceName: string;
  let patternType: AclPatternType;
  if (scope.kind === 'cluster') {
    resourceType = await pick(
      title,
      'Resource type the ACL is for',
      FORM_TYPES.map((t) => ({ label: RESOURCE_TYPE_LABEL[t], value: t, description: t })),
    );
    if (resourceType === 'CLUSTER') {
      resourceName = CLUSTER_RESOURCE_NAME;
      patternType = 'LITERAL';
    } else {
      patternType = await pick(title, 'Pattern type', [
        {
          label: 'Literal',
          value: 'LITERAL' as const,
          description: `one ${RESOURCE_TYPE_LABEL[resourceType]} by name, or * for all`,
        },
        {
          label: 'Prefixed',
          value: 'PREFIXED' as const,
          description: `every ${RESOURCE_TYPE_LABEL[resourceType]} whose name starts with a prefix`,
        },
      ]);
      resourceName = await ask(title, {
        prompt: `${patternType === 'LITERAL' ? 'Name' : 'Prefix'} of the ${RESOURCE_TYPE_LABEL[resourceType]}${patternType === 'LITERAL' ? ' (* for every one)' : ''}`,
        validate: (v) => resourceNameProblem(resourceType, v, patternType),
      });
    }
  } else {
    resourceType = scope.kind === 'topic' ? 'TOPIC' : 'GROUP';
    const kind = RESOURCE_TYPE_LABEL[resourceType];
    const choice = await pick(title, `Which ${kind}s the ACL covers`, [
      { label: `Only “${scope.name}”`, value: 'literal' as const, description: 'LITERAL' },
      { label: `Every ${kind} whose name starts with…`, value: 'prefixed' as const, description: 'PREFIXED' },
      { label: `Every ${kind}`, value: 'wildcard' as const, description: 'LITERAL *' },
    ]);
    patternType = choice === 'prefixed' ? 'PREFIXED' : 'LITERAL';
    resourceName =
      choice === 'literal'
        ? scope.name
        : choice === 'wildcard'
          ? '*'
          : await ask(title, {
              prompt: `Prefix: the ACL covers every ${kind} whose name starts with it (to cover “${scope.name}” too, “${scope.name}” must start with it)`,
              value: scope.name,
              validate: (v) => resourceNameProblem(resourceType, v, 'PREFIXED'),
            });
  }
  const principal = await ask(title, {
    prompt:
      'Principal: User:<name> (User:* for every principal). SCRAM users and mTLS certificate names are User principals.',
    value: 'User:',
    placeHolder: 'User:alice',
    validate: principalProblem,
  });
  const host = await ask(title, {
    prompt: 'Host the principal connects from: * for any host, or an IP address',
    value: '*',
    validate: hostProblem,
  });
  const operation = await pick<AclOperation>(
    title,
    `Operation on the ${RESOURCE_TYPE_LABEL[resourceType]}`,
    OPERATIONS_BY_RESOURCE[resourceType === 'UNKNOWN' ? 'TOPIC' : resourceType].map((op) => ({
      label: op,
      value: op,
      description: OPERATION_HINTS[`${resourceType} ${op}`],
    })),
  );
  const permission = await pick<AclPermission>(title, 'Permission', [
    { label: 'ALLOW', value: 'ALLOW', description: 'grant the operation' },
    { label: 'DENY', value: 'DENY', description: 'refuse it, even where another ACL allows it' },
  ]);
  return {
    resourceType,
    resourceName,
    patternType,
    principal: principal.trim(),
    host: host.trim(),
    operation,
    permission,
  };
}

/** The modal confirmation before an ACL is created; false when the person does not confirm. */
export async function confirmCreate(clusterName: string, b: AclBinding): Promise<boolean> {
  const answer = await vscode.window.showWarningMessage(
    `Create this ACL on ${clusterName}?`,
    {
      modal: true,
      detail: `${describeBinding(b)}.${b.permission === 'DENY' ? ' A DENY wins over every ALLOW for the same principal and operation.' : ''}`,
    },
    'Create ACL',
  );
  return answer === 'Create ACL';
}

/** The modal confirmation before one binding is deleted. */
export async function confirmDelete(clusterName: string, b: AclBinding): Promise<boolean> {
  const answer = await vscode.window.showWarningMessage(
    `Delete this ACL from ${clusterName}?`,
    {
      modal: true,
      detail: `${describeBinding(b)}. Only this binding is deleted: the filter names all seven of its fields.`,
    },
    'Delete ACL',
  );
  return answer === 'Delete ACL';
}

async function pick<T>(
  title: string,
  placeHolder: string,
  items: { label: string; value: T; description?: string }[],
): Promise<T> {
  const picked = await vscode.window.showQuickPick(items, { title, placeHolder, ignoreFocusOut: true });
  if (!picked) throw new CancellationError();
  return picked.value;
}

async function ask(
  title: string,
  o: { prompt: string; value?: string; placeHolder?: string; validate: (v: string) => string | undefined },
): Promise<string> {
  const text = await vscode.window.showInputBox({
    title,
    prompt: o.prompt,
    value: o.value,
    placeHolder: o.placeHolder,
    ignoreFocusOut: true,
    validateInput: (v) => o.validate(v.trim()),
  });
  if (text === undefined) throw new CancellationError();
  return text.trim();
}
