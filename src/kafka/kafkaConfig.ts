/**
 * Builds the kafkajs client configuration for a connection spec: TLS options, SASL mechanism and
 * the tunnel-aware socket factory. No kafkajs runtime import.
 */
import type { ConnectionOptions } from 'node:tls';
import type { ISocketFactory, KafkaConfig, RetryOptions, SASLOptions } from 'kafkajs';
import { usesTls, type KafkaConnectionSpec } from './connection';
import { createIamTokenProvider, type IamTokenProvider, type MskTokenSigner } from './iamToken';
import { createLogCreator, KAFKA_LOG_LEVEL, type KafkaLogger } from './logging';
import { createAddressMapSocketFactory } from './socketFactory';

export interface KafkaClientOptions {
  /** ms to open a TCP/TLS connection; kafkajs' default of 1 s is short for tunnels. Default 10 000. */
  connectionTimeout?: number;
  /** ms for the SASL exchange. Default 10 000. */
  authenticationTimeout?: number;
  /** ms per request. Default 30 000. */
  requestTimeout?: number;
  /** Re-authenticate this many ms before the broker's session lifetime ends (KIP-368). Default 10 000 (kafkajs default). */
  reauthenticationThreshold?: number;
  /** Retries of kafkajs' own retrier. Default: 3 retries, 300 ms initial, 5 s max, so a dead cluster fails in seconds. */
  retry?: RetryOptions;
  /** kafkajs log level; default INFO. */
  logLevel?: number;
}

export const DEFAULT_CLIENT_OPTIONS = {
  connectionTimeout: 10_000,
  authenticationTimeout: 10_000,
  requestTimeout: 30_000,
  reauthenticationThreshold: 10_000,
  retry: { retries: 3, initialRetryTime: 300, maxRetryTime: 5_000 } satisfies RetryOptions,
  logLevel: KAFKA_LOG_LEVEL.INFO as number,
};

export interface BuildConfigDeps {
  logger: KafkaLogger;
  options?: KafkaClientOptions;
  /** For IAM: the token provider to use (the pool passes one per connection id). */
  tokenProvider?: IamTokenProvider;
  /** For IAM when no tokenProvider is given. */
  signer?: MskTokenSigner;
  /** Replaces the address-map socket factory (the SSH tunnel's, see src/kafka/tunnel/socketFactory.ts). */
  socketFactory?: ISocketFactory;
}

/** The TLS options kafkajs passes to the socket factory, or undefined for plaintext. */
export function tlsOptions(spec: KafkaConnectionSpec): ConnectionOptions | undefined {
  if (!usesTls(spec)) return undefined;
  const options: ConnectionOptions = { rejectUnauthorized: true };
  if (spec.ca) options.ca = [spec.ca];
  if (spec.auth.kind === 'mtls') {
    options.cert = spec.auth.cert;
    options.key = spec.auth.key;
  }
  return options;
}

/** The kafkajs SASL options (SCRAM asks for its password now). */
export async function saslOptions(
  spec: KafkaConnectionSpec,
  deps: Pick<BuildConfigDeps, 'tokenProvider' | 'signer'>,
): Promise<SASLOptions | undefined> {
  const auth = spec.auth;
  switch (auth.kind) {
    case 'iam': {
      const provider =
        deps.tokenProvider ??
        createIamTokenProvider({ region: auth.region, credentials: auth.credentials, signer: deps.signer });
      return { mechanism: 'oauthbearer', oauthBearerProvider: provider };
    }
    case 'scram':
      return { mechanism: auth.mechanism, username: auth.username, password: await auth.password() };
    default:
      return undefined;
  }
}

export async function buildKafkaConfig(spec: KafkaConnectionSpec, deps: BuildConfigDeps): Promise<KafkaConfig> {
  const o = { ...DEFAULT_CLIENT_OPTIONS, ...deps.options };
  const ssl = tlsOptions(spec);
  const sasl = await saslOptions(spec, deps);
  const config: KafkaConfig = {
    clientId: spec.clientId ?? 'msk-explorer',
    brokers: spec.bootstrapServers.map((b) => b.trim()).filter((b) => b.length > 0),
    connectionTimeout: o.connectionTimeout,
    authenticationTimeout: o.authenticationTimeout,
    requestTimeout: o.requestTimeout,
    reauthenticationThreshold: o.reauthenticationThreshold,
    retry: o.retry,
    logLevel: o.logLevel,
    logCreator: createLogCreator(deps.logger, `kafka(${spec.label})`),
    socketFactory: deps.socketFactory ?? createAddressMapSocketFactory(spec.addressMap),
  };
  if (ssl) config.ssl = ssl;
  if (sasl) config.sasl = sasl;
  return config;
}
