/**
 * How to reach one Kafka cluster: the plain-data description the tree, the commands and the client
 * pool share. No kafkajs here (types only), so the extension can import this module at activation.
 */
import type { AwsCredentialIdentity } from '@aws-sdk/types';
import type { ErrorAction } from '../shared/errors';
import type { SshTunnelConfig } from './tunnel/types';

export type { AwsCredentialIdentity };

/** MSK IAM (SASL/OAUTHBEARER with a SigV4-signed token). `credentials` is asked for fresh credentials whenever a token is signed. */
export interface IamAuth {
  kind: 'iam';
  region: string;
  credentials: () => Promise<AwsCredentialIdentity>;
  /** Where `credentials` come from (e.g. the profile and files), no secret: part of the fingerprint. */
  credentialsSource?: string;
}

/** SASL/SCRAM. The password is fetched when a client is created (e.g. from Secrets Manager or the secret store). */
export interface ScramAuth {
  kind: 'scram';
  mechanism: 'scram-sha-512' | 'scram-sha-256';
  username: string;
  password: () => Promise<string>;
}

/** Mutual TLS with a client certificate and key (PEM text). Implies TLS. */
export interface MtlsAuth {
  kind: 'mtls';
  cert: string;
  key: string;
}

/** No authentication; `tls` on the spec decides the transport. */
export interface PlaintextAuth {
  kind: 'plaintext';
}

/** Server-authenticated TLS without client authentication. Implies TLS. */
export interface TlsAuth {
  kind: 'tls';
}

export type KafkaAuth = IamAuth | ScramAuth | MtlsAuth | PlaintextAuth | TlsAuth;
export type KafkaAuthKind = KafkaAuth['kind'];

export interface KafkaConnectionSpec {
  /** Stable key of the cluster connection (e.g. the cluster ARN + auth kind); the client pool shares clients per id. */
  id: string;
  /** Human name, used in messages. */
  label: string;
  /** "host:port" entries. */
  bootstrapServers: string[];
  auth: KafkaAuth;
  /** Extra trusted CA (PEM). Without it Node's default roots are used (enough for MSK's Amazon Trust Services certificates). */
  ca?: string;
  /** Use TLS for the transport. `mtls` and `tls` auth always use TLS. */
  tls: boolean;
  /**
   * "advertised host:port" → "local host:port", for SSH/SSM tunnels: the socket goes to the local
   * address while TLS still verifies the broker's real (advertised) name.
   */
  addressMap?: Record<string, string>;
  /**
   * Reach the brokers through this SSH bastion: the client pool opens the tunnel before kafkajs
   * connects, and every broker address goes through a local port of it (src/kafka/tunnel/).
   * `addressMap`, if also set, then says where the bastion dials each advertised address.
   */
  tunnel?: SshTunnelConfig;
  clientId?: string;
  /** The MSK cluster ARN, when known: used to name the exact IAM resource in authorization errors. */
  clusterArn?: string;
  /**
   * Buttons offered when the brokers cannot be reached (the services set them, knowing the cluster:
   * Diagnose Connection, the tunnel settings). Not part of the fingerprint.
   */
  unreachableActions?: readonly ErrorAction[];
}

/** Whether the connection uses TLS on the wire. */
export function usesTls(spec: Pick<KafkaConnectionSpec, 'tls' | 'auth'>): boolean {
  return spec.tls || spec.auth.kind === 'mtls' || spec.auth.kind === 'tls';
}

/**
 * A fingerprint of everything that shapes a client except the secret-producing functions: the pool
 * rebuilds a client when the spec behind an id changes. Never contains passwords or keys' text.
 */
export function specFingerprint(spec: KafkaConnectionSpec): string {
  const auth: Record<string, unknown> = { kind: spec.auth.kind };
  if (spec.auth.kind === 'iam') {
    auth.region = spec.auth.region;
    auth.source = spec.auth.credentialsSource ?? null;
  }
  if (spec.auth.kind === 'scram') {
    auth.mechanism = spec.auth.mechanism;
    auth.username = spec.auth.username;
  }
  if (spec.auth.kind === 'mtls') auth.cert = hashText(spec.auth.cert + '\n' + spec.auth.key);
  return JSON.stringify({
    b: spec.bootstrapServers,
    auth,
    ca: spec.ca ? hashText(spec.ca) : null,
    tls: usesTls(spec),
    map: spec.addressMap ? Object.entries(spec.addressMap).sort() : null,
    tunnel: spec.tunnel
      ? {
          h: spec.tunnel.host,
          p: spec.tunnel.port ?? 22,
          u: spec.tunnel.username,
          a: spec.tunnel.auth,
          k: spec.tunnel.hostKey,
        }
      : null,
    clientId: spec.clientId ?? null,
  });
}

/** A short non-cryptographic digest (FNV-1a), enough to notice a changed certificate without keeping its text around. */
function hashText(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16);
}

/** Splits "host:port" (also "[v6]:port"); the one parser lives in src/shared (the connection form validates with it). */
export { parseHostPort } from '../shared/hostPort';
