/**
 * SASL/OAUTHBEARER tokens for MSK IAM, signed by `aws-msk-iam-sasl-signer-js` from an explicit
 * credentials function (never the environment), cached until shortly before they expire so every
 * connection of a cluster (one per broker, plus producers and consumers) reuses one token.
 *
 * Re-authentication (KIP-368): kafkajs 2.2.4 reads `sessionLifetimeMs` from the SaslAuthenticate
 * response; before each request, a connection whose session is within `reauthenticationThreshold`
 * ms (default 10 000) of that lifetime runs the SASL exchange again, which calls the
 * `oauthBearerProvider` again (node_modules/kafkajs/src/network/connection.js `isAuthenticated` /
 * `SHOULD_REAUTHENTICATE`, broker/saslAuthenticator/oauthBearer.js). So the provider below is asked
 * again on every re-authentication and hands out the cached token, or a fresh one near expiry.
 *
 * The signer module (and the AWS SDK pieces it pulls in) is loaded on the first signing only.
 */
import type { OauthbearerProviderResponse } from 'kafkajs';
import type { AwsCredentialIdentity } from './connection';

/** Start of the message of a signing failure (also recognised after kafkajs re-wraps it). */
export const IAM_SIGNING_FAILED = 'Could not sign an MSK IAM token';

export interface SignedToken {
  token: string;
  /** Milliseconds since the epoch. */
  expiryTime: number;
}

/** The shape of `generateAuthTokenFromCredentialsProvider`, injectable for tests. */
export type MskTokenSigner = (options: {
  region: string;
  awsCredentialsProvider: () => Promise<AwsCredentialIdentity>;
}) => Promise<SignedToken>;

export interface IamTokenProviderOptions {
  region: string;
  credentials: () => Promise<AwsCredentialIdentity>;
  /** Defaults to the real signer, loaded lazily. */
  signer?: MskTokenSigner;
  /** Defaults to Date.now. */
  now?: () => number;
  /** Refresh this long before expiry at most; default 60 s (never more than a quarter of the token's lifetime). */
  refreshMarginMs?: number;
}

/** A kafkajs `oauthBearerProvider` with a cache; `invalidate()` forces a new token next time (e.g. after the profile changed). */
export interface IamTokenProvider {
  (): Promise<OauthbearerProviderResponse>;
  invalidate(): void;
  /** How many tokens were signed, for diagnostics and tests. */
  readonly signedCount: number;
  /** How many times a token was asked for (each SASL authentication or re-authentication). */
  readonly requestCount: number;
}

/**
 * Signing failed (no credentials, expired SSO session, …). Deliberately has no `cause` (the
 * original is `reason`): kafkajs' retrier re-wraps errors with `cause: e.cause || e`, which would
 * drop this error from the chain if it had one. `retriable: false` stops kafkajs from retrying it.
 */
export class MskIamCredentialsError extends Error {
  readonly reason: unknown;
  readonly retriable = false;
  constructor(message: string, reason: unknown) {
    super(message);
    this.name = 'MskIamCredentialsError';
    this.reason = reason;
  }
}

const defaultSigner: MskTokenSigner = async (options) => {
  const signer = await import('aws-msk-iam-sasl-signer-js');
  return signer.generateAuthTokenFromCredentialsProvider(options);
};

export function createIamTokenProvider(options: IamTokenProviderOptions): IamTokenProvider {
  const signer = options.signer ?? defaultSigner;
  const now = options.now ?? Date.now;
  const maxMargin = options.refreshMarginMs ?? 60_000;
  let cached: { token: string; refreshAt: number; expiryTime: number } | undefined;
  let inFlight: Promise<OauthbearerProviderResponse> | undefined;
  let generation = 0;
  let signedCount = 0;
  let requestCount = 0;

  const sign = async (gen: number): Promise<OauthbearerProviderResponse> => {
    const issuedAt = now();
    let signed: SignedToken;
    try {
      signed = await signer({ region: options.region, awsCredentialsProvider: options.credentials });
    } catch (err) {
      throw new MskIamCredentialsError(
        `${IAM_SIGNING_FAILED}: ${err instanceof Error ? err.message : String(err)}`,
        err,
      );
    }
    signedCount++;
    const lifetime = Math.max(0, signed.expiryTime - issuedAt);
    const margin = Math.min(maxMargin, lifetime / 4);
    // A token invalidated while it was being signed is still handed to this caller, but not cached.
    if (gen === generation)
      cached = { token: signed.token, refreshAt: signed.expiryTime - margin, expiryTime: signed.expiryTime };
    return { value: signed.token };
  };

  const provider = (async () => {
    requestCount++;
    if (cached && now() < cached.refreshAt) return { value: cached.token };
    if (!inFlight) {
      const pending = sign(generation).finally(() => {
        if (inFlight === pending) inFlight = undefined;
      });
      inFlight = pending;
    }
    return inFlight;
  }) as IamTokenProvider;
  provider.invalidate = () => {
    generation++;
    cached = undefined;
    inFlight = undefined;
  };
  Object.defineProperty(provider, 'signedCount', { get: () => signedCount });
  Object.defineProperty(provider, 'requestCount', { get: () => requestCount });
  return provider;
}
