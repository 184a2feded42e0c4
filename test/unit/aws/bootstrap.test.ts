import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { chooseBootstrap, toBootstrapBrokers, type BootstrapBrokers } from '../../../src/aws/bootstrap';

const full: BootstrapBrokers = {
  plaintext: 'b-1.c:9092,b-2.c:9092',
  tls: 'b-1.c:9094,b-2.c:9094',
  scram: 'b-1.c:9096,b-2.c:9096',
  iam: 'b-1.c:9098,b-2.c:9098',
  publicTls: 'b-1-public.c:9194',
  publicScram: 'b-1-public.c:9196',
  publicIam: 'b-1-public.c:9198',
};
const allModes = ['iam', 'scram', 'tls', 'unauthenticated'] as const;

void describe('chooseBootstrap', () => {
  void test('IAM first when the cluster enables everything', () => {
    const c = chooseBootstrap(full, allModes, { preferPublic: false });
    assert.deepEqual(c, {
      auth: 'iam',
      bootstrapServers: 'b-1.c:9098,b-2.c:9098',
      brokers: ['b-1.c:9098', 'b-2.c:9098'],
      network: 'private',
      tls: true,
    });
  });

  void test('then SCRAM, then TLS client certificates, then plaintext', () => {
    assert.equal(chooseBootstrap(full, ['scram', 'tls', 'unauthenticated'], { preferPublic: false })?.auth, 'scram');
    assert.equal(chooseBootstrap(full, ['tls', 'unauthenticated'], { preferPublic: false })?.auth, 'tls');
    const plain = chooseBootstrap(full, ['unauthenticated'], { preferPublic: false });
    assert.deepEqual(
      [plain?.auth, plain?.bootstrapServers, plain?.tls],
      ['unauthenticated', 'b-1.c:9092,b-2.c:9092', false],
    );
  });

  void test('unauthenticated over TLS when the cluster has no plaintext listener', () => {
    const c = chooseBootstrap({ tls: 'b-1.c:9094' }, ['unauthenticated'], { preferPublic: false });
    assert.deepEqual([c?.auth, c?.bootstrapServers, c?.tls], ['unauthenticated', 'b-1.c:9094', true]);
  });

  void test('a preferred auth mode goes first when the cluster enables it, and is ignored otherwise', () => {
    assert.equal(chooseBootstrap(full, allModes, { preferPublic: false, preferredAuth: 'scram' })?.auth, 'scram');
    assert.equal(chooseBootstrap(full, ['iam'], { preferPublic: false, preferredAuth: 'scram' })?.auth, 'iam');
  });

  void test('modes the cluster does not enable are never chosen, even if a string exists', () => {
    assert.equal(chooseBootstrap(full, ['tls'], { preferPublic: false })?.auth, 'tls');
    assert.equal(chooseBootstrap({ iam: 'x:9098' }, ['scram'], { preferPublic: false }), undefined);
  });

  void test('preferPublic picks public endpoints, and public SCRAM beats private IAM', () => {
    assert.equal(chooseBootstrap(full, allModes, { preferPublic: true })?.bootstrapServers, 'b-1-public.c:9198');
    const noPublicIam = { ...full, publicIam: undefined };
    const c = chooseBootstrap(noPublicIam, allModes, { preferPublic: true });
    assert.deepEqual([c?.auth, c?.network], ['scram', 'public']);
  });

  void test('falls back to the other network when the preferred one has nothing', () => {
    const privateOnly = { iam: 'b-1.c:9098' };
    assert.deepEqual([chooseBootstrap(privateOnly, ['iam'], { preferPublic: true })?.network], ['private']);
    const publicOnly = { publicScram: 'p:9196' };
    assert.equal(chooseBootstrap(publicOnly, ['iam', 'scram'], { preferPublic: false })?.network, 'public');
  });

  void test('serverless: IAM only', () => {
    const serverless = toBootstrapBrokers({
      BootstrapBrokerStringSaslIam: 'boot-abc.c2.kafka-serverless.us-east-1.amazonaws.com:9098',
    });
    assert.deepEqual(serverless, { iam: 'boot-abc.c2.kafka-serverless.us-east-1.amazonaws.com:9098' });
    const c = chooseBootstrap(serverless, ['iam'], { preferPublic: true, preferredAuth: 'scram' });
    assert.deepEqual([c?.auth, c?.network], ['iam', 'private']);
  });

  void test('nothing usable gives undefined', () => {
    assert.equal(chooseBootstrap({}, allModes, { preferPublic: false }), undefined);
  });
});

void describe('toBootstrapBrokers', () => {
  void test('maps every SDK field and drops empty ones', () => {
    const b = toBootstrapBrokers({
      BootstrapBrokerString: 'a:9092',
      BootstrapBrokerStringTls: ' ',
      BootstrapBrokerStringSaslScram: 'a:9096',
      BootstrapBrokerStringSaslIam: 'a:9098',
      BootstrapBrokerStringPublicSaslIam: 'p:9198',
      BootstrapBrokerStringVpcConnectivitySaslIam: 'v:14001',
    });
    assert.deepEqual(b, {
      plaintext: 'a:9092',
      scram: 'a:9096',
      iam: 'a:9098',
      publicIam: 'p:9198',
      vpcConnectivityIam: 'v:14001',
    });
  });
});
