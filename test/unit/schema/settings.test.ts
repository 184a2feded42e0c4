/** `msk.schemaRegistries` as a person types it: well-formed entries kept, others dropped; matched per cluster. */
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { parseSchemaRegistries, registryFor, schemaRegistrySecretKey } from '../../../src/services/schemaSettings';

describe('msk.schemaRegistries', () => {
  it('keeps entries with a cluster and an http(s) URL; unknown auth means none; no secrets', () => {
    const parsed = parseSchemaRegistries([
      {
        cluster: ' arn:aws:kafka:us-east-1:1:cluster/a/1 ',
        url: 'https://sr.example.com/confluent/',
        auth: 'basic',
        username: 'ann',
      },
      { cluster: 'dev', url: 'http://127.0.0.1:8081', auth: 'magic', password: 'leaked?' },
      { cluster: 'x', url: 'ftp://nope' },
      { url: 'http://no-cluster' },
      'junk',
    ]);
    assert.deepEqual(parsed, [
      {
        cluster: 'arn:aws:kafka:us-east-1:1:cluster/a/1',
        url: 'https://sr.example.com/confluent/',
        auth: 'basic',
        username: 'ann',
      },
      { cluster: 'dev', url: 'http://127.0.0.1:8081', auth: 'none' },
    ]);
    assert.deepEqual(parseSchemaRegistries(undefined), []);
  });

  it('matches a cluster by key, by manual connection id, or by name', () => {
    const settings = parseSchemaRegistries([
      { cluster: 'arn:1', url: 'http://a' },
      { cluster: 'dev', url: 'http://b' },
      { cluster: 'orders-cluster', url: 'http://c' },
    ]);
    assert.equal(registryFor(settings, { key: 'arn:1', name: 'x' })?.url, 'http://a');
    assert.equal(registryFor(settings, { key: 'manual:dev', name: 'Dev Kafka' })?.url, 'http://b');
    assert.equal(registryFor(settings, { key: 'arn:2', name: 'orders-cluster' })?.url, 'http://c');
    assert.equal(registryFor(settings, { key: 'arn:3', name: 'other' }), undefined);
    assert.equal(schemaRegistrySecretKey('dev'), 'msk.schemaRegistry.dev.secret');
  });
});
