/**
 * MSK bootstrap broker strings and the choice of which one (and which authentication) to use.
 * Pure functions, no SDK at run time.
 */
import type { GetBootstrapBrokersResponse } from '@aws-sdk/client-kafka';

export type MskAuthMode = 'iam' | 'scram' | 'tls' | 'unauthenticated';

/** The order in which authentication modes are tried when the user has no preference. */
export const AUTH_PREFERENCE: readonly MskAuthMode[] = ['iam', 'scram', 'tls', 'unauthenticated'];

/** Bootstrap strings ("host:port,host:port") of a cluster, by listener. Absent when the cluster has no such listener. */
export interface BootstrapBrokers {
  plaintext?: string;
  tls?: string;
  scram?: string;
  iam?: string;
  publicTls?: string;
  publicScram?: string;
  publicIam?: string;
  vpcConnectivityTls?: string;
  vpcConnectivityScram?: string;
  vpcConnectivityIam?: string;
}

export function toBootstrapBrokers(r: GetBootstrapBrokersResponse): BootstrapBrokers {
  const out: BootstrapBrokers = {};
  const put = (key: keyof BootstrapBrokers, value: string | undefined) => {
    if (value?.trim()) out[key] = value.trim();
  };
  put('plaintext', r.BootstrapBrokerString);
  put('tls', r.BootstrapBrokerStringTls);
  put('scram', r.BootstrapBrokerStringSaslScram);
  put('iam', r.BootstrapBrokerStringSaslIam);
  put('publicTls', r.BootstrapBrokerStringPublicTls);
  put('publicScram', r.BootstrapBrokerStringPublicSaslScram);
  put('publicIam', r.BootstrapBrokerStringPublicSaslIam);
  put('vpcConnectivityTls', r.BootstrapBrokerStringVpcConnectivityTls);
  put('vpcConnectivityScram', r.BootstrapBrokerStringVpcConnectivitySaslScram);
  put('vpcConnectivityIam', r.BootstrapBrokerStringVpcConnectivitySaslIam);
  return out;
}

/** Every bootstrap string of the cluster (for matching connectors to it). */
export function allBootstrapStrings(b: BootstrapBrokers): string[] {
  return Object.values(b).filter((v): v is string => typeof v === 'string' && v.length > 0);
}

export interface BootstrapPreferences {
  /** Try the public endpoints first (the user is outside the cluster's VPC). */
  preferPublic: boolean;
  /** Try this authentication first when the cluster enables it. */
  preferredAuth?: MskAuthMode;
}

export interface BootstrapChoice {
  auth: MskAuthMode;
  /** "host:port,host:port" */
  bootstrapServers: string;
  /** The list form of bootstrapServers. */
  brokers: string[];
  network: 'private' | 'public';
  /** Whether the listener uses TLS on MSK (IAM, SCRAM and client-certificate listeners always do). */
  tls: boolean;
}

interface Candidate {
  value: string | undefined;
  network: 'private' | 'public';
  tls: boolean;
}

function candidates(b: BootstrapBrokers, auth: MskAuthMode): Candidate[] {
  switch (auth) {
    case 'iam':
      return [
        { value: b.iam, network: 'private', tls: true },
        { value: b.publicIam, network: 'public', tls: true },
      ];
    case 'scram':
      return [
        { value: b.scram, network: 'private', tls: true },
        { value: b.publicScram, network: 'public', tls: true },
      ];
    case 'tls':
      return [
        { value: b.tls, network: 'private', tls: true },
        { value: b.publicTls, network: 'public', tls: true },
      ];
    case 'unauthenticated':
      // No client authentication: plaintext when the cluster allows it, else TLS without a client certificate.
      return [
        { value: b.plaintext, network: 'private', tls: false },
        { value: b.tls, network: 'private', tls: true },
        { value: b.publicTls, network: 'public', tls: true },
      ];
  }
}

export function splitBootstrap(value: string): string[] {
  return value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

/**
 * Picks the bootstrap string and authentication to connect with. Network reachability comes
 * first (the preferred network is exhausted before the other one is tried), then the
 * authentication order: the preferred one, then IAM, SCRAM, TLS client certificate, plaintext.
 * Only modes the cluster enables (`authModes`) are considered. Undefined when nothing fits.
 */
export function chooseBootstrap(
  brokers: BootstrapBrokers,
  authModes: readonly MskAuthMode[],
  prefs: BootstrapPreferences,
): BootstrapChoice | undefined {
  const order = [
    ...(prefs.preferredAuth ? [prefs.preferredAuth] : []),
    ...AUTH_PREFERENCE.filter((a) => a !== prefs.preferredAuth),
  ].filter((a) => authModes.includes(a));
  const networks: ('private' | 'public')[] = prefs.preferPublic ? ['public', 'private'] : ['private', 'public'];
  for (const network of networks) {
    for (const auth of order) {
      const hit = candidates(brokers, auth).find((c) => c.network === network && c.value);
      if (hit?.value) {
        return { auth, bootstrapServers: hit.value, brokers: splitBootstrap(hit.value), network, tls: hit.tls };
      }
    }
  }
  return undefined;
}
