import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { defaultEndpointUrl, resolveServiceEndpoint } from '../../../src/aws/endpoints';
import type { AwsProfile } from '../../../src/aws/profiles';

const profile: AwsProfile = {
  name: 'dev',
  kind: 'static',
  definedIn: ['config'],
  endpointUrl: 'http://profile-wide:1',
  servicesSection: 'local',
  serviceEndpoints: { kafka: 'http://services-kafka:2', secrets_manager: 'http://services-sm:3' },
  ignoreConfiguredEndpointUrls: false,
};

void describe('resolveServiceEndpoint precedence', () => {
  void test('the endpoint setting wins over everything', () => {
    const r = resolveServiceEndpoint('kafka', {
      explicit: 'http://setting:9',
      profile,
      env: { AWS_ENDPOINT_URL_KAFKA: 'http://env-kafka:4', AWS_ENDPOINT_URL: 'http://env:5' },
    });
    assert.deepEqual([r.url, r.source], ['http://setting:9', 'setting']);
  });

  void test('AWS_ENDPOINT_URL_KAFKA beats AWS_ENDPOINT_URL, which beats the config file', () => {
    const env = { AWS_ENDPOINT_URL_KAFKA: 'http://env-kafka:4', AWS_ENDPOINT_URL: 'http://env:5' };
    assert.equal(resolveServiceEndpoint('kafka', { profile, env }).url, 'http://env-kafka:4');
    assert.equal(resolveServiceEndpoint('kafka', { profile, env }).origin, 'AWS_ENDPOINT_URL_KAFKA');
    // the kafka variable does not apply to MSK Connect; the global one does
    assert.equal(resolveServiceEndpoint('kafkaconnect', { profile, env }).url, 'http://env:5');
    assert.equal(
      resolveServiceEndpoint('secretsmanager', { profile, env: { AWS_ENDPOINT_URL_SECRETS_MANAGER: 'http://sm:7' } })
        .url,
      'http://sm:7',
    );
  });

  void test("the profile's services section beats its endpoint_url", () => {
    const kafka = resolveServiceEndpoint('kafka', { profile, env: {} });
    assert.deepEqual([kafka.url, kafka.source], ['http://services-kafka:2', 'config-service']);
    assert.equal(resolveServiceEndpoint('secretsmanager', { profile, env: {} }).url, 'http://services-sm:3');
    const connect = resolveServiceEndpoint('kafkaconnect', { profile, env: {} });
    assert.deepEqual([connect.url, connect.source], ['http://profile-wide:1', 'config-profile']);
    assert.match(connect.origin, /endpoint_url of profile dev/);
  });

  void test('nothing configured means the AWS default endpoint', () => {
    const r = resolveServiceEndpoint('kafka', { env: {} });
    assert.equal(r.url, undefined);
    assert.equal(r.source, 'default');
    assert.equal(defaultEndpointUrl('kafka', 'eu-west-1'), 'https://kafka.eu-west-1.amazonaws.com');
    assert.equal(
      defaultEndpointUrl('secretsmanager', 'cn-north-1'),
      'https://secretsmanager.cn-north-1.amazonaws.com.cn',
    );
  });

  void test('AWS_IGNORE_CONFIGURED_ENDPOINT_URLS skips env and config, but not the setting', () => {
    const env = { AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: 'true', AWS_ENDPOINT_URL_KAFKA: 'http://env-kafka:4' };
    assert.equal(resolveServiceEndpoint('kafka', { profile, env }).url, undefined);
    assert.equal(resolveServiceEndpoint('kafka', { profile, env, explicit: 'http://s:1' }).url, 'http://s:1');
    const ignoring = { ...profile, ignoreConfiguredEndpointUrls: true };
    assert.equal(resolveServiceEndpoint('kafka', { profile: ignoring, env: {} }).url, undefined);
  });
});
