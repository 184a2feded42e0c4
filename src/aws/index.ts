/**
 * The extension's AWS layer (plain Node, no vscode). Importing it loads no AWS SDK code:
 * the SDK packages are loaded with `import()` on first use.
 */
export * from './bootstrap';
export * from './clientFactory';
export * from './cloudwatch';
export * from './clusters';
export * from './connectors';
export * from './credentials';
export * from './endpoints';
export * from './errors';
export * from './glueBrowse';
export { MskService, parseScramSecret } from './msk';
export type {
  ClusterDescription,
  ClusterPage,
  ListClustersOptions,
  RawConnectorDescription,
  ScramCredentials,
} from './msk';
export * from './mskConfigurations';
export * from './mskTopics';
export * from './profiles';
export * from './sts';
export * from './glue';
