/** OpenSSH known_hosts parsing and lookup: plain and hashed names, ports, wildcards, negation, markers. */
import { strict as assert } from 'node:assert';
import { createHmac, generateKeyPairSync } from 'node:crypto';
import { describe, it } from 'node:test';
import { entryMatches, knownHostsName, lookupKnownHosts, parseKnownHosts } from '../../../src/kafka/tunnel/knownHosts';

/** An ssh-ed25519 public key blob (string "ssh-ed25519" + string key), as known_hosts stores it. */
function ed25519Blob(): Buffer {
  const { publicKey } = generateKeyPairSync('ed25519');
  const raw = publicKey.export({ format: 'der', type: 'spki' }).subarray(-32);
  const str = (b: Buffer) => Buffer.concat([Buffer.from([0, 0, 0, b.length]), b]);
  return Buffer.concat([str(Buffer.from('ssh-ed25519')), str(raw)]);
}

function hashed(name: string, salt = Buffer.from('0123456789abcdefghij')): string {
  return `|1|${salt.toString('base64')}|${createHmac('sha1', salt).update(name).digest('base64')}`;
}

const A = ed25519Blob();
const B = ed25519Blob();
const line = (hosts: string, key = A, marker = '') =>
  `${marker ? `${marker} ` : ''}${hosts} ssh-ed25519 ${key.toString('base64')} a comment`;

describe('known_hosts', () => {
  it('names hosts the way OpenSSH looks them up', () => {
    assert.equal(knownHostsName('Bastion.Example.com', 22), 'bastion.example.com');
    assert.equal(knownHostsName('10.0.0.5', 2222), '[10.0.0.5]:2222');
  });

  it('matches plain names, lists, ports, wildcards and negations', () => {
    const { entries, problems } = parseKnownHosts(
      [
        '# comment',
        '',
        line('bastion.example.com,10.0.0.5'),
        line('[jump.example.com]:2222'),
        line('*.internal,!secret.internal'),
        line('h?st'),
      ].join('\n'),
    );
    assert.deepEqual(problems, []);
    assert.equal(entries.length, 4);
    const [plain, ported, wild, single] = entries;
    assert.equal(plain.line, 3);
    assert.ok(entryMatches(plain, 'BASTION.example.com', 22));
    assert.ok(entryMatches(plain, '10.0.0.5', 22));
    assert.ok(!entryMatches(plain, 'bastion.example.com', 2222), 'a plain name means port 22 only');
    assert.ok(entryMatches(ported, 'jump.example.com', 2222));
    assert.ok(!entryMatches(ported, 'jump.example.com', 22));
    assert.ok(entryMatches(wild, 'a.internal', 22));
    assert.ok(!entryMatches(wild, 'secret.internal', 22), 'a negated pattern rules the line out');
    assert.ok(!entryMatches(wild, 'internal', 22));
    assert.ok(entryMatches(single, 'host', 22));
    assert.ok(!entryMatches(single, 'hoost', 22));
  });

  it('matches hashed names (HashKnownHosts), with and without a port', () => {
    const { entries } = parseKnownHosts(
      [line(hashed('bastion.example.com')), line(hashed('[10.0.0.5]:2222'), B)].join('\n'),
    );
    assert.equal(entries.length, 2);
    assert.ok(entries[0].hashed && !entries[0].patterns);
    assert.ok(entryMatches(entries[0], 'bastion.example.com', 22));
    assert.ok(!entryMatches(entries[0], 'bastion.example.org', 22));
    assert.ok(entryMatches(entries[1], '10.0.0.5', 2222));
    assert.ok(!entryMatches(entries[1], '10.0.0.5', 22));
  });

  it('keeps @revoked keys apart and leaves @cert-authority lines out of plain host keys', () => {
    const { entries } = parseKnownHosts(
      [line('*', B, '@revoked'), line('*.example.com', A, '@cert-authority'), line('bastion.example.com')].join('\n'),
    );
    assert.deepEqual(
      entries.map((e) => e.marker ?? 'plain'),
      ['revoked', 'cert-authority', 'plain'],
    );
    const found = lookupKnownHosts(entries, 'bastion.example.com', 22);
    assert.equal(found.keys.length, 1);
    assert.ok(found.keys[0].key.equals(A));
    assert.equal(found.revoked.length, 1);
    assert.ok(found.revoked[0].key.equals(B));
    assert.deepEqual(lookupKnownHosts(entries, 'other.example.org', 22).keys, []);
  });

  it('reports unreadable lines with their number and still reads the rest', () => {
    const { entries, problems } = parseKnownHosts(
      [
        '@bogus host ssh-ed25519 AAAA',
        'onlyhost',
        `host ssh-ed25519 not*base64`,
        `host ssh-rsa ${A.toString('base64')}`,
        `|1|bad-hash ssh-ed25519 ${A.toString('base64')}`,
        line('fine.example.com'),
      ].join('\r\n'),
    );
    assert.deepEqual(
      problems.map((p) => p.line),
      [1, 2, 3, 4, 5],
    );
    assert.match(problems[0].problem, /unknown marker "@bogus"/);
    assert.match(problems[3].problem, /does not hold a ssh-rsa key/);
    assert.match(problems[4].problem, /hashed host name/);
    assert.equal(entries.length, 1);
    assert.ok(entryMatches(entries[0], 'fine.example.com', 22));
  });

  it('reads a hashed name with an unreadable hash as a problem, not a match', () => {
    const { entries, problems } = parseKnownHosts(line('|1|abc'));
    assert.equal(entries.length, 0);
    assert.match(problems[0].problem, /hashed host name/);
  });
});
