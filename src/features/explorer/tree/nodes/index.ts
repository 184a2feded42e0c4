/** The explorer's node kinds, one file each. */
export { AclsNode, IamAclNoteNode, type AclLeafData } from './aclNodes';
export { AwsScopeNode } from './awsScopeNode';
export { BrokerNode, type BrokerConfigLeafData } from './brokerNode';
export { BrokersNode } from './brokersNode';
export { ClusterListNode } from './clusterListNode';
export { ClusterNode } from './clusterNode';
export { ConnectorsNode } from './connectorsNode';
export type { ClusterEnv, GroupLagBadge, GroupLagSource } from './env';
export { GroupNode } from './groupNode';
export { GroupsNode } from './groupsNode';
export { LeafNode, type LeafSpec } from './leafNode';
export { ManualConnectionsNode } from './manualConnectionsNode';
export {
  ClusterConfigurationNode,
  clusterConfigurationText,
  clusterRevisionTarget,
  MskConfigurationNode,
  MskConfigurationRevisionNode,
  MskConfigurationsNode,
  type MskConfigurationOps,
  type MskConfigurationRevisionTarget,
} from './mskConfigurationNodes';
export { ConfluentSubjectsNode, GlueRegistriesNode, SchemaRegistriesNode } from './registriesNode';
export type { ConfluentBrowseOps, GlueBrowseOps, SchemaBrowseSource, SchemaVersionTarget } from './schemaEnv';
export { ConfluentSubjectNode, GlueRegistryNode, GlueSchemaNode } from './schemaNode';
export { SchemaVersionNode } from './schemaVersionNode';
export { TopicConfigNode } from './topicConfigNode';
export { TopicNode } from './topicNode';
export { TopicsNode } from './topicsNode';
