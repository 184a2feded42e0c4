import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { createIamTokenProvider, type MskTokenSigner } from '../../../src/kafka/iamToken';
import type { AwsCredentialIdentity } from '../../../src/kafka/connection';

/** A fake signer on a fake clock: tokens live `lifetimeMs` from the moment they are signed. */
function fakeSigner(clock: { now: number }, lifetimeMs: number) {
  const calls: { region: string; creds: AwsCredentialIdentity }[] = [];
  const signer: MskTokenSigner = async (options) => {
    const creds = await options.awsCredentialsProvider();
    calls.push({ region: options.region, creds });
    return { token: `token-${calls.length}`, expiryTime: clock.now + lifetimeMs };
  };
  return { signer, calls };
}

const credentials = () => Promise.resolve({ accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' });

describe('IAM token provider', () => {
  it('reuses one token until shortly before it expires, then signs a new one', async () => {
    const clock = { now: 1_000_000 };
    const { signer, calls } = fakeSigner(clock, 900_000);
    const provider = createIamTokenProvider({ region: 'eu-west-1', credentials, signer, now: () => clock.now });

    assert.deepEqual(await provider(), { value: 'token-1' });
    clock.now += 800_000; // 100 s before expiry: still outside the 60 s margin
    assert.deepEqual(await provider(), { value: 'token-1' });
    clock.now += 45_000; // 55 s before expiry: inside the margin
    assert.deepEqual(await provider(), { value: 'token-2' });
    assert.equal(calls.length, 2);
    assert.equal(provider.signedCount, 2);
    assert.equal(provider.requestCount, 3, 'every ask is counted, cached or not');
    assert.equal(calls[0].region, 'eu-west-1');
    assert.equal(calls[0].creds.accessKeyId, 'AKIDEXAMPLE', 'the credentials function of the spec is used');
  });

  it('uses a quarter of the lifetime as margin for short-lived tokens', async () => {
    const clock = { now: 0 };
    const { signer, calls } = fakeSigner(clock, 20_000); // e.g. credentials expiring in 20 s
    const provider = createIamTokenProvider({ region: 'r', credentials, signer, now: () => clock.now });
    await provider();
    clock.now = 14_999;
    await provider();
    assert.equal(calls.length, 1);
    clock.now = 15_000;
    await provider();
    assert.equal(calls.length, 2);
  });

  it('signs once for many concurrent connections', async () => {
    const clock = { now: 0 };
    const { signer, calls } = fakeSigner(clock, 900_000);
    const provider = createIamTokenProvider({ region: 'r', credentials, signer, now: () => clock.now });
    const tokens = await Promise.all(Array.from({ length: 10 }, () => provider()));
    assert.equal(calls.length, 1);
    assert.ok(tokens.every((t) => t.value === 'token-1'));
  });

  it('invalidate() forces a new token', async () => {
    const clock = { now: 0 };
    const { signer, calls } = fakeSigner(clock, 900_000);
    const provider = createIamTokenProvider({ region: 'r', credentials, signer, now: () => clock.now });
    await provider();
    provider.invalidate();
    assert.deepEqual(await provider(), { value: 'token-2' });
    assert.equal(calls.length, 2);
  });

  it('does not cache a failure and reports it as a credentials error', async () => {
    let fail = true;
    const signer: MskTokenSigner = () =>
      fail
        ? Promise.reject(new Error('Token is expired'))
        : Promise.resolve({ token: 't', expiryTime: Date.now() + 900_000 });
    const provider = createIamTokenProvider({ region: 'r', credentials, signer });
    await assert.rejects(provider(), {
      name: 'MskIamCredentialsError',
      message: /Could not sign an MSK IAM token: Token is expired/,
    });
    fail = false;
    assert.deepEqual(await provider(), { value: 't' });
  });

  it('signs real tokens with the MSK signer from the given credentials (no environment)', async () => {
    const provider = createIamTokenProvider({
      region: 'us-east-1',
      credentials: () => Promise.resolve({ accessKeyId: 'AKIAFAKEFAKEFAKE', secretAccessKey: 'x'.repeat(40) }),
    });
    const { value } = await provider();
    const url = new URL(Buffer.from(value, 'base64url').toString('utf8'));
    assert.equal(url.hostname, 'kafka.us-east-1.amazonaws.com');
    assert.equal(url.searchParams.get('Action'), 'kafka-cluster:Connect');
    assert.match(
      url.searchParams.get('X-Amz-Credential') ?? '',
      /^AKIAFAKEFAKEFAKE\/\d{8}\/us-east-1\/kafka-cluster\/aws4_request$/,
    );
  });
});
