/**
 * kafkajs client settings for each listener of the sandbox, built from sandbox.json.
 * IAM tokens come from aws-msk-iam-sasl-signer-js with explicit credentials (never the
 * environment), exactly as a client of Amazon MSK makes them.
 */
import { readFileSync } from 'node:fs';
import { generateAuthTokenFromCredentialsProvider } from 'aws-msk-iam-sasl-signer-js';
import { logLevel, type KafkaConfig, type OauthbearerProviderResponse } from 'kafkajs';
import type { SandboxPrincipal, SandboxState } from '../state';

export type ListenerKind = 'plaintext' | 'tls' | 'scram' | 'iam' | 'serverlessIam';
export const LISTENER_KINDS: readonly ListenerKind[] = ['plaintext', 'tls', 'scram', 'iam', 'serverlessIam'];

export interface AwsKeyPair {
  accessKeyId: string;
  secretAccessKey: string;
}

/** An OAUTHBEARER token provider for kafkajs that signs a fresh MSK IAM token on every call. */
export function iamTokenProvider(
  region: string,
  credentials: AwsKeyPair,
  onToken?: () => void,
): () => Promise<OauthbearerProviderResponse> {
  return async () => {
    const { token } = await generateAuthTokenFromCredentialsProvider({
      region,
      awsCredentialsProvider: () =>
        Promise.resolve({ accessKeyId: credentials.accessKeyId, secretAccessKey: credentials.secretAccessKey }),
    });
    onToken?.();
    return { value: token };
  };
}

export interface ClientOptions {
  principal?: 'admin' | 'readonly';
  clientId?: string;
  /** kafkajs retries; 0 makes a refusal fail at once. */
  retries?: number;
  connectionTimeout?: number;
  /** Called each time the IAM token provider signs a token. */
  onToken?: () => void;
  /** Use these AWS keys instead of the principal's (to try wrong ones). */
  awsKeys?: AwsKeyPair;
}

function principalOf(state: SandboxState, opts: ClientOptions): SandboxPrincipal {
  return state.principals[opts.principal ?? 'admin'];
}

/** kafkajs settings that reach the sandbox through one listener as one principal. */
export function kafkaConfig(state: SandboxState, listener: ListenerKind, opts: ClientOptions = {}): KafkaConfig {
  const base: KafkaConfig = {
    clientId: opts.clientId ?? `msk-sandbox-${listener}`,
    brokers: [state.listeners[listener]],
    logLevel: logLevel.NOTHING,
    connectionTimeout: opts.connectionTimeout ?? 5000,
    retry: opts.retries === undefined ? undefined : { retries: opts.retries },
  };
  const ca = [readFileSync(state.caFile, 'utf8')];
  const p = principalOf(state, opts);
  switch (listener) {
    case 'plaintext':
      return base;
    case 'tls':
      return { ...base, ssl: { ca, cert: readFileSync(p.clientCert, 'utf8'), key: readFileSync(p.clientKey, 'utf8') } };
    case 'scram':
      return {
        ...base,
        ssl: { ca },
        sasl: { mechanism: 'scram-sha-512', username: p.scramUser, password: p.scramPassword },
      };
    case 'iam':
    case 'serverlessIam':
      return {
        ...base,
        ssl: { ca },
        sasl: {
          mechanism: 'oauthbearer',
          oauthBearerProvider: iamTokenProvider(state.region, opts.awsKeys ?? p, opts.onToken),
        },
      };
  }
}

/** AWS SDK client settings for the sandbox's control plane, signed as the admin principal. */
export function adminSdkConfig(state: SandboxState): {
  endpoint: string;
  region: string;
  credentials: AwsKeyPair;
  maxAttempts: number;
} {
  const p = state.principals.admin;
  return {
    endpoint: state.controlPlaneEndpoint,
    region: state.region,
    credentials: { accessKeyId: p.accessKeyId, secretAccessKey: p.secretAccessKey },
    maxAttempts: 2,
  };
}
