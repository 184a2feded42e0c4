/** Host key fingerprints as OpenSSH prints them, pinned fingerprints as people paste them, and the verifier. */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { keyTypeOf, normaliseFingerprint, sha256Fingerprint } from '../../../src/kafka/tunnel/fingerprint';
import type { SshTunnelError } from '../../../src/kafka/tunnel/errors';
import { createHostKeyVerifier, type HostKeyVerifier } from '../../../src/kafka/tunnel/hostKey';
import type { SshTunnelConfig } from '../../../src/kafka/tunnel/types';

const dir = mkdtempSync(join(tmpdir(), 'tunnel-fp-'));

function key(name: string, type = 'ed25519'): { blob: Buffer; line: string; sshKeygen: string } {
  const file = join(dir, name);
  spawnSync('ssh-keygen', ['-q', '-t', type, '-N', '', '-f', file]);
  const line = readFileSync(`${file}.pub`, 'utf8').trim();
  const printed = spawnSync('ssh-keygen', ['-l', '-E', 'sha256', '-f', `${file}.pub`], { encoding: 'utf8' }).stdout;
  return { blob: Buffer.from(line.split(' ')[1], 'base64'), line, sshKeygen: printed.split(' ')[1] };
}

const ed = key('ed');
const rsa = key('rsa', 'rsa');

/** The verifier's failure, read afresh (it changes with each `verify`). */
function failureOf(v: HostKeyVerifier): SshTunnelError | undefined {
  return v.failure;
}

function config(hostKey: SshTunnelConfig['hostKey'], port = 2222): SshTunnelConfig {
  return { host: 'bastion.example.com', port, username: 'ec2-user', auth: { kind: 'agent' }, hostKey };
}

describe('host key fingerprints', () => {
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('prints SHA256 fingerprints exactly as ssh-keygen -l does', () => {
    assert.equal(sha256Fingerprint(ed.blob), ed.sshKeygen);
    assert.equal(sha256Fingerprint(rsa.blob), rsa.sshKeygen);
    assert.match(sha256Fingerprint(ed.blob), /^SHA256:[A-Za-z0-9+/]{43}$/);
  });

  it('reads the key type out of a key blob', () => {
    assert.equal(keyTypeOf(ed.blob), 'ssh-ed25519');
    assert.equal(keyTypeOf(rsa.blob), 'ssh-rsa');
    assert.equal(keyTypeOf(Buffer.from([0, 0, 0, 200, 1])), undefined);
  });

  it('accepts a pinned fingerprint with or without prefix, padding or spaces, and nothing else', () => {
    const fp = ed.sshKeygen;
    const bare = fp.slice('SHA256:'.length);
    assert.equal(normaliseFingerprint(fp), fp);
    assert.equal(normaliseFingerprint(`  ${bare}=  `), fp);
    assert.equal(normaliseFingerprint(`sha256:${bare}`), fp);
    assert.equal(normaliseFingerprint('MD5:16:27:ac:a5:76:28:2d:36:63:1b:56:4d:eb:df:a6:48'), undefined);
    assert.equal(normaliseFingerprint('SHA256:short'), undefined);
  });

  it('verifies against a pinned fingerprint and explains a mismatch', async () => {
    const v = await createHostKeyVerifier(config({ kind: 'fingerprint', sha256: ed.sshKeygen }));
    assert.equal(v.verify(ed.blob), true);
    assert.equal(failureOf(v), undefined);
    assert.equal(v.verify(rsa.blob), false);
    const failure = failureOf(v);
    assert.equal(failure?.problem, 'HostKeyChanged');
    assert.ok(failure.message.includes(ed.sshKeygen) && failure.message.includes(rsa.sshKeygen));
    await assert.rejects(createHostKeyVerifier(config({ kind: 'fingerprint', sha256: 'nope' })), /not a SHA256/);
  });

  it('verifies against known_hosts, offers the known key types first, and tells unknown from changed', async () => {
    const file = join(dir, 'known_hosts');
    writeFileSync(file, `[bastion.example.com]:2222 ${rsa.line.split(' ').slice(0, 2).join(' ')}\n`);
    const v = await createHostKeyVerifier(config({ kind: 'knownHosts', file }));
    assert.deepEqual(v.preferredAlgorithms, ['rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa']);
    assert.equal(v.verify(rsa.blob), true);
    assert.equal(v.verify(ed.blob), false);
    assert.equal(v.failure?.problem, 'HostKeyChanged');
    assert.match(v.failure.hint ?? '', /ssh-keygen -R "\[bastion\.example\.com\]:2222"/);

    const elsewhere = await createHostKeyVerifier(config({ kind: 'knownHosts', file }, 22));
    assert.deepEqual(elsewhere.preferredAlgorithms, []);
    assert.equal(elsewhere.verify(rsa.blob), false);
    assert.equal(elsewhere.failure?.problem, 'HostKeyUnknown');
    assert.match(elsewhere.failure.hint ?? '', /ssh ec2-user@bastion\.example\.com/);
  });

  it('expands "~/" against the HOME passed in', async () => {
    writeFileSync(join(dir, 'kh-home'), `[bastion.example.com]:2222 ${ed.line.split(' ').slice(0, 2).join(' ')}\n`);
    const v = await createHostKeyVerifier({
      ...config({ kind: 'knownHosts', file: '~/kh-home' }),
      env: { HOME: dir },
    });
    assert.equal(v.verify(ed.blob), true);
  });
});
