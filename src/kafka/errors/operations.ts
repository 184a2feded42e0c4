/** What each Kafka operation needs: its wording in messages and the IAM action / ACL per resource. */
import type { MskArnSource, MskResourceKind } from '../../shared/arn';
import type { KafkaErrorContext, KafkaOperation } from './kafkaUserError';

export interface Permission {
  iam: string;
  acl: string;
}

export interface OperationInfo {
  text: (ctx: KafkaErrorContext) => string;
  primary: MskResourceKind;
  needs: Partial<Record<MskResourceKind, Permission>>;
}

export const quoted = (s: string | undefined, fallback: string): string => (s === undefined ? fallback : `"${s}"`);

export const OPERATIONS: Record<KafkaOperation, OperationInfo> = {
  connect: {
    text: () => 'connect to the cluster',
    primary: 'cluster',
    needs: { cluster: { iam: 'kafka-cluster:Connect', acl: 'DESCRIBE on Cluster' } },
  },
  describeCluster: {
    text: () => 'describe the cluster',
    primary: 'cluster',
    needs: { cluster: { iam: 'kafka-cluster:DescribeCluster', acl: 'DESCRIBE on Cluster' } },
  },
  listTopics: {
    text: () => 'list topics',
    primary: 'topic',
    needs: { topic: { iam: 'kafka-cluster:DescribeTopic', acl: 'DESCRIBE on Topic' } },
  },
  describeTopic: {
    text: (c) => `describe topic ${quoted(c.topic, '')}`.trim(),
    primary: 'topic',
    needs: { topic: { iam: 'kafka-cluster:DescribeTopic', acl: 'DESCRIBE on Topic' } },
  },
  createTopic: {
    text: (c) => `create topic ${quoted(c.topic, '')}`.trim(),
    primary: 'topic',
    needs: {
      topic: { iam: 'kafka-cluster:CreateTopic', acl: 'CREATE on Topic' },
      cluster: { iam: 'kafka-cluster:CreateTopic', acl: 'CREATE on Cluster' },
    },
  },
  deleteTopic: {
    text: (c) => `delete topic ${quoted(c.topic, '')}`.trim(),
    primary: 'topic',
    needs: { topic: { iam: 'kafka-cluster:DeleteTopic', acl: 'DELETE on Topic' } },
  },
  describeTopicConfig: {
    text: (c) => `read the configuration of topic ${quoted(c.topic, '')}`.trim(),
    primary: 'topic',
    needs: { topic: { iam: 'kafka-cluster:DescribeTopicDynamicConfiguration', acl: 'DESCRIBE_CONFIGS on Topic' } },
  },
  alterTopicConfig: {
    text: (c) => `change the configuration of topic ${quoted(c.topic, '')}`.trim(),
    primary: 'topic',
    needs: { topic: { iam: 'kafka-cluster:AlterTopicDynamicConfiguration', acl: 'ALTER_CONFIGS on Topic' } },
  },
  produce: {
    text: (c) => `write to topic ${quoted(c.topic, '')}`.trim(),
    primary: 'topic',
    needs: {
      topic: { iam: 'kafka-cluster:WriteData', acl: 'WRITE on Topic' },
      cluster: { iam: 'kafka-cluster:WriteDataIdempotently', acl: 'IDEMPOTENT_WRITE on Cluster' },
    },
  },
  consume: {
    text: (c) => `read from topic ${quoted(c.topic, '')}`.trim(),
    primary: 'topic',
    needs: {
      topic: { iam: 'kafka-cluster:ReadData', acl: 'READ on Topic' },
      group: { iam: 'kafka-cluster:AlterGroup', acl: 'READ on Group' },
    },
  },
  listGroups: {
    text: () => 'list consumer groups',
    primary: 'group',
    needs: {
      group: { iam: 'kafka-cluster:DescribeGroup', acl: 'DESCRIBE on Group' },
      cluster: { iam: 'kafka-cluster:DescribeCluster', acl: 'DESCRIBE on Cluster' },
    },
  },
  describeGroup: {
    text: (c) => `describe consumer group ${quoted(c.group, '')}`.trim(),
    primary: 'group',
    needs: { group: { iam: 'kafka-cluster:DescribeGroup', acl: 'DESCRIBE on Group' } },
  },
  deleteGroup: {
    text: (c) => `delete consumer group ${quoted(c.group, '')}`.trim(),
    primary: 'group',
    needs: { group: { iam: 'kafka-cluster:DeleteGroup', acl: 'DELETE on Group' } },
  },
  alterGroup: {
    text: (c) => `change consumer group ${quoted(c.group, '')}`.trim(),
    primary: 'group',
    needs: { group: { iam: 'kafka-cluster:AlterGroup', acl: 'READ on Group' } },
  },
  addPartitions: {
    text: (c) => `add partitions to topic ${quoted(c.topic, '')}`.trim(),
    primary: 'topic',
    needs: { topic: { iam: 'kafka-cluster:AlterTopic', acl: 'ALTER on Topic' } },
  },
  describeBrokerConfig: {
    text: () => 'read the broker configuration',
    primary: 'cluster',
    needs: {
      cluster: { iam: 'kafka-cluster:DescribeClusterDynamicConfiguration', acl: 'DESCRIBE_CONFIGS on Cluster' },
    },
  },
  alterBrokerConfig: {
    text: () => 'change the broker configuration',
    primary: 'cluster',
    needs: { cluster: { iam: 'kafka-cluster:AlterClusterDynamicConfiguration', acl: 'ALTER_CONFIGS on Cluster' } },
  },
  describeLogDirs: {
    text: (c) => `read the partition sizes of topic ${quoted(c.topic, '')}`.trim(),
    primary: 'cluster',
    needs: { cluster: { iam: 'kafka-cluster:DescribeCluster', acl: 'DESCRIBE on Cluster' } },
  },
  // ACL requests are never sent on IAM connections (IAM policies govern those); the IAM action is a stand-in.
  describeAcls: {
    text: () => 'list the ACLs',
    primary: 'cluster',
    needs: { cluster: { iam: 'kafka-cluster:DescribeCluster', acl: 'DESCRIBE on Cluster' } },
  },
  createAcls: {
    text: () => 'create an ACL',
    primary: 'cluster',
    needs: { cluster: { iam: 'kafka-cluster:AlterCluster', acl: 'ALTER on Cluster' } },
  },
  deleteAcls: {
    text: () => 'delete an ACL',
    primary: 'cluster',
    needs: { cluster: { iam: 'kafka-cluster:AlterCluster', acl: 'ALTER on Cluster' } },
  },
};

/** What the ARN module needs of a connection: its cluster ARN, and its region for placeholders. */
export function arnSourceOf(spec: KafkaErrorContext['spec']): MskArnSource {
  return { clusterArn: spec.clusterArn, region: spec.auth.kind === 'iam' ? spec.auth.region : undefined };
}
