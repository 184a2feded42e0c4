/**
 * One cluster's Kafka ACLs for the explorer and its commands: list per scope, create, delete. On a
 * connection that signs in with IAM nothing is sent: Kafka ACLs do not govern IAM principals, and
 * the listing says so (with the IAM actions that do). No vscode import.
 */
import type * as Kafka from '../kafka/index';
import type { AclBinding } from '../shared/aclValidation';
import { mskResourceArn, type MskResourceKind } from '../shared/arn';
import { UserError } from '../shared/errors';
import { kafkaModule } from './lazyModules';

export type AclScope = Kafka.AclScope;

/** What a scope's ACL listing is: the bindings, or the note that IAM (not ACLs) governs this connection. */
export type AclListing = { kind: 'bindings'; bindings: AclBinding[] } | { kind: 'iam'; note: IamAclNote };

export interface IamAclNote {
  /** One sentence for the tree. */
  message: string;
  /** The IAM actions that govern what ACLs would on this scope. */
  actions: string[];
  /** The resource ARN they apply to (placeholders where the cluster ARN is unknown). */
  resource: string;
}

export interface AclOps {
  list(scope: AclScope): Promise<AclListing>;
  /** Refuses (before a form is filled) when the connection signs in with IAM; sends nothing. */
  assertAclConnection(): Promise<void>;
  /** Refuses on IAM connections (with the same note as the listing). */
  create(binding: AclBinding): Promise<void>;
  /** How many bindings the broker deleted (1, or 0 when it was gone already). */
  delete(binding: AclBinding): Promise<number>;
}

/** The IAM actions that stand in for a resource type's ACLs (Amazon MSK's kafka-cluster:* actions). */
const IAM_ACTIONS: Record<AclScope['kind'], { kind: MskResourceKind; actions: string[] }> = {
  cluster: {
    kind: 'cluster',
    actions: ['kafka-cluster:Connect', 'kafka-cluster:DescribeCluster', 'kafka-cluster:AlterCluster'],
  },
  topic: {
    kind: 'topic',
    actions: [
      'kafka-cluster:DescribeTopic',
      'kafka-cluster:ReadData',
      'kafka-cluster:WriteData',
      'kafka-cluster:CreateTopic',
      'kafka-cluster:DeleteTopic',
    ],
  },
  group: {
    kind: 'group',
    actions: ['kafka-cluster:DescribeGroup', 'kafka-cluster:AlterGroup', 'kafka-cluster:DeleteGroup'],
  },
};

export function iamAclNote(scope: AclScope, spec: Pick<Kafka.KafkaConnectionSpec, 'clusterArn' | 'auth'>): IamAclNote {
  const { kind, actions } = IAM_ACTIONS[scope.kind];
  const region = spec.auth.kind === 'iam' ? spec.auth.region : undefined;
  const resource = mskResourceArn(
    kind,
    { clusterArn: spec.clusterArn, region },
    scope.kind === 'cluster' ? undefined : scope.name,
  );
  return {
    message: 'IAM governs access here: Kafka ACLs do not apply to IAM principals',
    actions,
    resource,
  };
}

export function aclOps(kafka: () => Promise<Kafka.KafkaCluster>): AclOps {
  const writable = async (): Promise<Kafka.KafkaCluster> => {
    const k = await kafka();
    if (k.spec.auth.kind === 'iam') {
      throw new UserError(
        `${k.spec.label} signs in with IAM: Kafka ACLs do not govern IAM principals, so no ACL is changed.`,
        {
          code: 'IamAcls',
          hint: 'Grant or deny access in the IAM policy of the role or user instead (kafka-cluster:* actions, e.g. kafka-cluster:ReadData on the topic ARN).',
        },
      );
    }
    return k;
  };
  return {
    async list(scope) {
      const k = await kafka();
      if (k.spec.auth.kind === 'iam') return { kind: 'iam', note: iamAclNote(scope, k.spec) };
      return { kind: 'bindings', bindings: await kafkaModule().listAcls(k, scope) };
    },
    async assertAclConnection() {
      await writable();
    },
    async create(binding) {
      await kafkaModule().createAcl(await writable(), binding);
    },
    async delete(binding) {
      return kafkaModule().deleteAcl(await writable(), binding);
    },
  };
}
