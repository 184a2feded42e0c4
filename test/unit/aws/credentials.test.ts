import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import {
  cacheCredentials,
  CredentialRegistry,
  sdkProviderCreator,
  type AwsCredentials,
  type ResolvedCredentialSource,
} from '../../../src/aws/credentials';
import { toAwsUserError } from '../../../src/aws/errors';
import { presentError } from '../../../src/shared/errorPresentation';

const MIN = 60_000;

/** A fake underlying provider that counts calls and resolves when told to. */
function countingProvider(lifetimeMs: number | undefined, clock: { t: number }) {
  let calls = 0;
  const fn = async (): Promise<AwsCredentials> => {
    calls += 1;
    const n = calls;
    await new Promise((r) => setImmediate(r));
    return {
      accessKeyId: `AKID${n}`,
      secretAccessKey: 'secret',
      ...(lifetimeMs === undefined ? {} : { expiration: new Date(clock.t + lifetimeMs) }),
    };
  };
  return { fn, calls: () => calls };
}

void describe('cacheCredentials', () => {
  void test('ten concurrent callers share one underlying call', async () => {
    const clock = { t: 1_000_000 };
    const p = countingProvider(60 * MIN, clock);
    const cached = cacheCredentials(p.fn, { now: () => clock.t });
    const results = await Promise.all(Array.from({ length: 10 }, () => cached()));
    assert.equal(p.calls(), 1);
    assert.ok(results.every((r) => r.accessKeyId === 'AKID1'));
  });

  void test('keeps credentials until 5 minutes before expiry, then refreshes once', async () => {
    const clock = { t: 1_000_000 };
    const p = countingProvider(60 * MIN, clock);
    const cached = cacheCredentials(p.fn, { now: () => clock.t });
    await cached();
    clock.t += 54 * MIN; // 6 minutes left
    assert.equal((await cached()).accessKeyId, 'AKID1');
    assert.equal(p.calls(), 1);
    clock.t += 2 * MIN; // 4 minutes left: inside the refresh window
    const again = await Promise.all([cached(), cached(), cached()]);
    assert.equal(p.calls(), 2);
    assert.ok(again.every((r) => r.accessKeyId === 'AKID2'));
  });

  void test('credentials without expiration (static keys) are fetched once', async () => {
    const clock = { t: 0 };
    const p = countingProvider(undefined, clock);
    const cached = cacheCredentials(p.fn, { now: () => clock.t });
    await cached();
    clock.t += 1000 * 24 * 60 * MIN;
    await cached();
    assert.equal(p.calls(), 1);
  });

  void test('short-lived credentials are refreshed at half their lifetime, not on every call', async () => {
    const clock = { t: 0 };
    const p = countingProvider(4 * MIN, clock); // shorter than the 5-minute window
    const cached = cacheCredentials(p.fn, { now: () => clock.t });
    await cached();
    clock.t += 1 * MIN;
    await cached();
    assert.equal(p.calls(), 1);
    clock.t += 1.5 * MIN; // 2.5 of 4 minutes gone
    await cached();
    assert.equal(p.calls(), 2);
  });

  void test('a failed refresh keeps serving unexpired credentials, and an expired one rethrows', async () => {
    const clock = { t: 0 };
    let fail = false;
    let calls = 0;
    const cached = cacheCredentials(
      async () => {
        await Promise.resolve();
        calls += 1;
        if (fail) throw new Error('sts down');
        return { accessKeyId: `AKID${calls}`, secretAccessKey: 's', expiration: new Date(clock.t + 60 * MIN) };
      },
      { now: () => clock.t, retryAfterFailureMs: 30_000 },
    );
    await cached();
    fail = true;
    clock.t += 57 * MIN; // in the refresh window, 3 minutes left
    assert.equal((await cached()).accessKeyId, 'AKID1');
    assert.equal(calls, 2);
    clock.t += 10_000; // still backing off: no new attempt
    await cached();
    assert.equal(calls, 2);
    clock.t += 4 * MIN; // expired now
    await assert.rejects(cached(), /sts down/);
  });

  void test('invalidate() forgets the credentials and ignores a refresh that was in flight', async () => {
    const clock = { t: 0 };
    const p = countingProvider(60 * MIN, clock);
    const cached = cacheCredentials(p.fn, { now: () => clock.t });
    const inFlight = cached();
    cached.invalidate();
    await inFlight;
    const next = await cached();
    assert.equal(next.accessKeyId, 'AKID2');
    assert.equal(p.calls(), 2);
  });
});

void describe('CredentialRegistry', () => {
  void test('one cached provider per (profile, files); a different profile or file is another provider', async () => {
    const created: ResolvedCredentialSource[] = [];
    let calls = 0;
    const registry = new CredentialRegistry({
      env: { HOME: '/h' },
      createProvider: (source) => {
        created.push(source);
        return async () => {
          calls += 1;
          await new Promise((r) => setImmediate(r));
          return { accessKeyId: `AKID-${source.profile ?? 'chain'}`, secretAccessKey: 's' };
        };
      },
    });
    const a1 = registry.provider({ profile: 'a', configFile: '/f/config' });
    const a2 = registry.provider({ profile: 'a', configFile: '/f/config' });
    assert.equal(a1, a2);
    await Promise.all(Array.from({ length: 10 }, (_, i) => (i % 2 ? a1 : a2)()));
    assert.equal(calls, 1);
    const aOtherFile = registry.provider({ profile: 'a', configFile: '/g/config' });
    const b = registry.provider({ profile: 'b', configFile: '/f/config' });
    const chain = registry.provider({});
    assert.notEqual(aOtherFile, a1);
    assert.notEqual(b, a1);
    assert.equal((await chain()).accessKeyId, 'AKID-chain');
    assert.equal(created.length, 4);
    assert.equal(created[0]?.files.credentialsFile, '/h/.aws/credentials');

    registry.invalidate({ profile: 'a', configFile: '/f/config' });
    await a1();
    assert.equal(calls, 3); // chain + refetch of a
    assert.equal(
      registry.provider({ profile: 'a', configFile: '/f/config' }),
      a1,
      'the provider object survives invalidation',
    );
  });
});

void describe('SDK providers (offline)', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'msk-aws-creds-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  void test('static keys of a profile in explicit files', async () => {
    const config = join(dir, 'config-static');
    const credentials = join(dir, 'credentials-static');
    writeFileSync(config, '[profile dev]\nregion = eu-west-1\n');
    writeFileSync(credentials, '[dev]\naws_access_key_id = AKIDDEV\naws_secret_access_key = devsecret\n');
    const registry = new CredentialRegistry({ env: { HOME: dir } });
    const creds = await registry.provider({ profile: 'dev', configFile: config, credentialsFile: credentials })();
    assert.equal(creds.accessKeyId, 'AKIDDEV');
    assert.equal(creds.secretAccessKey, 'devsecret');
  });

  void test('credential_process runs once for ten concurrent callers', async () => {
    const counter = join(dir, 'count');
    writeFileSync(counter, '');
    const script = join(dir, 'creds.js');
    writeFileSync(
      script,
      `require('fs').appendFileSync(${JSON.stringify(counter)}, 'x');` +
        `console.log(JSON.stringify({Version:1,AccessKeyId:'AKIDPROC',SecretAccessKey:'procsecret',SessionToken:'t',` +
        `Expiration:new Date(Date.now()+3600e3).toISOString()}));`,
    );
    const config = join(dir, 'config-proc');
    writeFileSync(config, `[profile proc]\ncredential_process = "${process.execPath}" "${script}"\n`);
    const registry = new CredentialRegistry({ env: { HOME: dir } });
    const provider = registry.provider({ profile: 'proc', configFile: config, credentialsFile: join(dir, 'none') });
    const all = await Promise.all(Array.from({ length: 10 }, () => provider()));
    assert.ok(all.every((c) => c.accessKeyId === 'AKIDPROC'));
    assert.equal(readFileSync(counter, 'utf8'), 'x');
  });

  void test('an SSO profile in an explicit config file without a cached token asks for `aws sso login`', async () => {
    const config = join(dir, 'config-sso');
    const session = `msk-test-${process.pid}-${Date.now()}`;
    writeFileSync(
      config,
      `[profile corp]\nsso_session = ${session}\nsso_account_id = 111122223333\nsso_role_name = Dev\nregion = us-east-1\n` +
        `[sso-session ${session}]\nsso_start_url = https://example.awsapps.com/start\nsso_region = us-east-1\n`,
    );
    const provider = sdkProviderCreator({
      profile: 'corp',
      files: { configFile: config, credentialsFile: join(dir, 'none') },
      env: { HOME: dir },
    });
    const err = await provider().then(
      () => assert.fail('expected an error'),
      (e: unknown) => e,
    );
    // The SDK's own message, proving the profile was found in the explicit file.
    assert.match((err as Error).message, /SSO session token associated with profile=corp was not found or is invalid/);
    const mapped = toAwsUserError(err, { profile: 'corp' });
    assert.equal(mapped.kind, 'sso-login-required');
    assert.match(presentError(mapped).text, /aws sso login --profile corp/);
  });

  void test('an unknown profile is reported by name with the files looked at', async () => {
    const config = join(dir, 'config-empty');
    writeFileSync(config, '');
    const registry = new CredentialRegistry({ env: { HOME: dir } });
    const err = await registry
      .provider({ profile: 'ghost', configFile: config, credentialsFile: join(dir, 'none') })()
      .then(
        () => assert.fail('expected an error'),
        (e: unknown) => e,
      );
    const mapped = toAwsUserError(err, { profile: 'ghost' });
    assert.equal(mapped.kind, 'no-credentials');
    assert.match(mapped.message, /Profile "ghost" is not defined in .*config-empty/);
  });
});
