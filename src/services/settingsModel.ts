/** The extension's settings as plain data (read by src/config/settings.ts), usable without vscode. */
/** Auth kinds of a manually added connection. */
export type ManualAuthKind = 'plaintext' | 'tls' | 'mtls' | 'scram-sha-512' | 'scram-sha-256' | 'iam';

/** A manual connection as stored in settings: no secrets (those live in SecretStorage). */
export interface ManualConnectionSetting {
  id: string;
  name: string;
  bootstrapServers: string;
  auth: ManualAuthKind;
  /** SCRAM user name. */
  username?: string;
  /** PEM CA bundle for TLS. */
  caFile?: string;
  /** PEM client certificate and key files for mTLS. */
  certFile?: string;
  keyFile?: string;
  /** IAM: the AWS profile and region whose credentials sign tokens. Empty profile: the explorer's. */
  awsProfile?: string;
  region?: string;
}

/** Every setting the extension reads, in one typed snapshot. */
export interface MskSettings {
  awsProfile: string;
  awsRegions: string[];
  awsConfigFile: string;
  awsCredentialsFile: string;
  awsEndpoint: string;
  awsEndpoints: Record<string, string>;
  caFile: string;
  clientCertFile: string;
  clientKeyFile: string;
  preferPublicEndpoints: boolean;
  preferredAuth: '' | 'iam' | 'scram' | 'tls' | 'unauthenticated';
  brokerAddressMap: Record<string, Record<string, string>>;
  connections: ManualConnectionSetting[];
  readOnly: boolean;
  readOnlyClusters: string[];
  showInternalTopics: boolean;
  pageSize: number;
}
