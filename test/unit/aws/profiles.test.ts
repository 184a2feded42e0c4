import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import {
  defaultProfileName,
  listProfiles,
  readProfile,
  regionFromEnv,
  resolveAwsFiles,
} from '../../../src/aws/profiles';

const CONFIG = `
[default]
region = eu-west-1

[profile keys]
region = us-east-2
endpoint_url = http://127.0.0.1:4599

[profile sso-new]
sso_session = corp
sso_account_id = 111122223333
sso_role_name = ReadOnly
region = eu-central-1

[profile sso-legacy]
sso_start_url = https://legacy.awsapps.com/start
sso_region = us-east-1
sso_account_id = 111122223333
sso_role_name = Admin

[profile role-src]
role_arn = arn:aws:iam::111122223333:role/msk-admin
source_profile = keys

[profile role-ec2]
role_arn = arn:aws:iam::111122223333:role/msk-admin
credential_source = Ec2InstanceMetadata

[profile proc]
credential_process = /usr/local/bin/get-creds --json

[profile svc]
region = ap-southeast-2
endpoint_url = https://profile-wide.example
services = local-msk

[profile broken-svc]
services = missing-section

[profile empty]
output = json

[sso-session corp]
sso_start_url = https://corp.awsapps.com/start
sso_region = us-east-1

[services local-msk]
kafka =
  endpoint_url = http://127.0.0.1:4599
kafkaconnect =
  endpoint_url = http://127.0.0.1:4600
`;

const CREDENTIALS = `
[default]
aws_access_key_id = AKIDDEFAULT
aws_secret_access_key = secretdefault

[keys]
aws_access_key_id = AKIDKEYS
aws_secret_access_key = secretkeys

[creds-only]
aws_access_key_id = AKIDONLY
aws_secret_access_key = secretonly
aws_session_token = token
`;

let dir: string;
let configFile: string;
let credentialsFile: string;
const noEnv = { HOME: '/nonexistent-home' };

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'msk-aws-profiles-'));
  configFile = join(dir, 'config');
  credentialsFile = join(dir, 'credentials');
  writeFileSync(configFile, CONFIG);
  writeFileSync(credentialsFile, CREDENTIALS);
});
after(() => rmSync(dir, { recursive: true, force: true }));

void describe('listProfiles', () => {
  void test('lists every profile of both files with its kind, sorted with default first', async () => {
    const listing = await listProfiles({ configFile, credentialsFile, env: noEnv });
    const kinds = Object.fromEntries(listing.profiles.map((p) => [p.name, p.kind]));
    assert.deepEqual(kinds, {
      default: 'static',
      'broken-svc': 'incomplete',
      'creds-only': 'static',
      empty: 'incomplete',
      keys: 'static',
      proc: 'credential-process',
      'role-ec2': 'assume-role',
      'role-src': 'assume-role',
      'sso-legacy': 'sso',
      'sso-new': 'sso',
      svc: 'incomplete',
    });
    assert.equal(listing.profiles[0]?.name, 'default');
    assert.equal(
      listing.profiles.some((p) => p.name.includes('corp') || p.name.includes('local-msk')),
      false,
    );
  });

  void test('reports region, endpoint_url, sso and role details of each profile', async () => {
    const { profiles } = await listProfiles({ configFile, credentialsFile, env: noEnv });
    const byName = new Map(profiles.map((p) => [p.name, p]));
    assert.equal(byName.get('default')?.region, 'eu-west-1');
    assert.deepEqual(byName.get('default')?.definedIn, ['config', 'credentials']);
    assert.deepEqual(byName.get('creds-only')?.definedIn, ['credentials']);
    assert.equal(byName.get('keys')?.endpointUrl, 'http://127.0.0.1:4599');
    assert.equal(byName.get('sso-new')?.ssoSession, 'corp');
    assert.equal(byName.get('sso-new')?.ssoStartUrl, 'https://corp.awsapps.com/start');
    assert.equal(byName.get('sso-legacy')?.ssoStartUrl, 'https://legacy.awsapps.com/start');
    assert.equal(byName.get('role-src')?.sourceProfile, 'keys');
    assert.equal(byName.get('role-src')?.roleArn, 'arn:aws:iam::111122223333:role/msk-admin');
    assert.equal(byName.get('role-ec2')?.credentialSource, 'Ec2InstanceMetadata');
    assert.equal(byName.get('role-src')?.problem, undefined);
  });

  void test('reads the services section of a profile, per service', async () => {
    const svc = await readProfile('svc', { configFile, credentialsFile, env: noEnv });
    assert.deepEqual(svc?.serviceEndpoints, { kafka: 'http://127.0.0.1:4599', kafkaconnect: 'http://127.0.0.1:4600' });
    assert.equal(svc?.endpointUrl, 'https://profile-wide.example');
    assert.equal(svc?.servicesSection, 'local-msk');
    const broken = await readProfile('broken-svc', { configFile, credentialsFile, env: noEnv });
    assert.match(broken?.problem ?? '', /services section "missing-section"/);
  });

  void test('missing files give an empty list, not an error', async () => {
    const listing = await listProfiles({
      configFile: join(dir, 'nope'),
      credentialsFile: join(dir, 'nope2'),
      env: noEnv,
    });
    assert.deepEqual(listing.profiles, []);
  });

  void test('sees edits to the files on the next call', async () => {
    const cfg = join(dir, 'edited-config');
    writeFileSync(cfg, '[profile a]\nregion = us-east-1\n');
    const first = await listProfiles({ configFile: cfg, credentialsFile: join(dir, 'none'), env: noEnv });
    assert.deepEqual(
      first.profiles.map((p) => p.name),
      ['a'],
    );
    writeFileSync(cfg, '[profile a]\nregion = us-east-1\n[profile b]\nregion = us-west-2\n');
    const second = await listProfiles({ configFile: cfg, credentialsFile: join(dir, 'none'), env: noEnv });
    assert.deepEqual(
      second.profiles.map((p) => p.name),
      ['a', 'b'],
    );
  });

  void test('readProfile returns undefined for an unknown profile or an sso-session name', async () => {
    assert.equal(await readProfile('nope', { configFile, credentialsFile, env: noEnv }), undefined);
    assert.equal(await readProfile('sso-session.corp', { configFile, credentialsFile, env: noEnv }), undefined);
  });
});

void describe('environment precedence', () => {
  void test('AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE are used when no path is set', async () => {
    const env = {
      HOME: '/nonexistent-home',
      AWS_CONFIG_FILE: configFile,
      AWS_SHARED_CREDENTIALS_FILE: credentialsFile,
    };
    assert.deepEqual(resolveAwsFiles({}, env), { configFile, credentialsFile });
    const listing = await listProfiles({ env });
    assert.ok(listing.profiles.some((p) => p.name === 'sso-new'));
  });

  void test('explicit paths from the settings override the environment', () => {
    const env = { HOME: '/h', AWS_CONFIG_FILE: '/env/config', AWS_SHARED_CREDENTIALS_FILE: '/env/credentials' };
    assert.deepEqual(resolveAwsFiles({ configFile: '/settings/config', credentialsFile: '' }, env), {
      configFile: '/settings/config',
      credentialsFile: '/env/credentials',
    });
  });

  void test('without settings or env the files are ~/.aws/config and ~/.aws/credentials of the env HOME', () => {
    assert.deepEqual(resolveAwsFiles({}, { HOME: '/home/u' }), {
      configFile: '/home/u/.aws/config',
      credentialsFile: '/home/u/.aws/credentials',
    });
    assert.equal(resolveAwsFiles({ configFile: '~/my/config' }, { HOME: '/home/u' }).configFile, '/home/u/my/config');
  });

  void test('AWS_PROFILE names the default profile', async () => {
    assert.equal(defaultProfileName({}), 'default');
    assert.equal(defaultProfileName({ AWS_PROFILE: 'keys' }), 'keys');
    const listing = await listProfiles({ configFile, credentialsFile, env: { HOME: '/x', AWS_PROFILE: 'keys' } });
    assert.equal(listing.defaultProfile, 'keys');
    assert.equal(listing.defaultProfileFromEnv, true);
  });

  void test('AWS_REGION wins over AWS_DEFAULT_REGION', () => {
    assert.equal(regionFromEnv({ AWS_REGION: 'eu-west-3', AWS_DEFAULT_REGION: 'us-east-1' }), 'eu-west-3');
    assert.equal(regionFromEnv({ AWS_DEFAULT_REGION: 'us-east-1' }), 'us-east-1');
    assert.equal(regionFromEnv({}), undefined);
  });

  void test('the env object is only read', async () => {
    const env = Object.freeze({ HOME: '/nonexistent-home', AWS_PROFILE: 'keys' });
    await listProfiles({ configFile, credentialsFile, env });
    assert.deepEqual(env, { HOME: '/nonexistent-home', AWS_PROFILE: 'keys' });
  });
});
