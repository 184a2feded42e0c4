/**
 * The Kafka layer: the entry of the lazily loaded dist/kafka.js bundle (see src/services/lazyModules.ts).
 * kafkajs and the MSK IAM signer are only loaded when the first client is created or token signed.
 */
export * from './connection';
export * from './errors';
export * from './logging';
export * from './iamToken';
export * from './socketFactory';
export * from './kafkaConfig';
export * from './clientPool';
export * from './topicValidation';
export * from './configOverrides';
export * from './brokers';
export * from './topics';
export * from './topicConfig';
export * from './groups';
export * from './partitions';
export * from './partitionSizes';
export * from './brokerConfig';
export * from './acls';
export * from './cluster';
export * from './tail/index';
export * from './produce/index';
export * from './lag/index';
export * from './tunnel/index';
export * from './sshKeyPassphrase';
export * from './schema/index';
