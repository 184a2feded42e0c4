/**
 * The preflight (scripts/preflight.mjs) in a scratch environment where prerequisites are missing —
 * a PATH without kcat, MSK_CHROMIUM pointing nowhere, installs disabled (MSK_PREFLIGHT=check) — says
 * what is missing, one line each, and the one command that installs it, and exits non-zero; `start`
 * does not need the test browser or kcat. Runs the real script with the machine's real tools.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, describe, test } from 'node:test';

const root = resolve(__dirname, '..', '..', '..');
const script = join(root, 'scripts', 'preflight.mjs');
const scratch = mkdtempSync(join(tmpdir(), 'preflight-test-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

/** A PATH holding every command of the current PATH (first one wins) except `without`. */
function pathWithout(without: string[]): string {
  const dir = mkdtempSync(join(scratch, 'bin-'));
  const seen = new Set(without);
  for (const d of (process.env.PATH ?? '').split(':')) {
    if (!d || !existsSync(d)) continue;
    for (const name of readdirSync(d)) {
      if (seen.has(name)) continue;
      seen.add(name);
      symlinkSync(join(d, name), join(dir, name));
    }
  }
  return dir;
}

function preflight(args: string[], env: Record<string, string | undefined>) {
  const r = spawnSync(process.execPath, [script, ...args], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, MSK_CHROMIUM: undefined, MSK_PREFLIGHT: 'check', ...env },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr.trimEnd().split('\n') };
}

const sudo = process.getuid?.() === 0 ? '' : 'sudo ';

describe('preflight', () => {
  const PATH = pathWithout(['kcat']);
  const nowhere = join(scratch, 'no-such-chromium');

  test('test: a missing kcat and an MSK_CHROMIUM pointing nowhere stop it with one line each and the install command', () => {
    const r = preflight(['test'], { PATH, MSK_CHROMIUM: nowhere });
    assert.equal(r.code, 1);
    assert.equal(r.stdout, '', 'nothing else was printed (nothing ran)');
    assert.deepEqual(r.stderr, [
      'preflight (test): 2 prerequisite(s) missing; nothing was started.',
      `  chromium: MSK_CHROMIUM=${nowhere} is not an executable file — the browser the UI tests drive (MSK_CHROMIUM, default /usr/bin/chromium); point MSK_CHROMIUM at a chromium, or unset it to use /usr/bin/chromium (Debian package chromium)`,
      '  kcat: `kcat` not found on PATH — the Kafka CLI the integration tests check the listeners with; Debian package kcat',
      'Install it with:',
      `  ${sudo}apt-get update && ${sudo}apt-get install -y --no-install-recommends kcat`,
      '(not installed automatically: MSK_PREFLIGHT=check: nothing is installed)',
    ]);
  });

  test('test: without kcat alone, the install command names kcat', () => {
    const r = preflight(['test'], { PATH });
    assert.equal(r.code, 1);
    assert.equal(r.stderr[0], 'preflight (test): 1 prerequisite(s) missing; nothing was started.');
    assert.equal(r.stderr.at(-2), `  ${sudo}apt-get update && ${sudo}apt-get install -y --no-install-recommends kcat`);
  });

  test('start needs neither the test browser nor kcat: the same machine passes, listing what it found', () => {
    const r = preflight(['start'], { PATH, MSK_CHROMIUM: nowhere });
    assert.equal(r.code, 0, r.stderr.join('\n'));
    assert.match(r.stdout, /^preflight \(start\): node 20\.\d+\.\d+, java \d+/);
    for (const name of ['javac', 'mvn', 'openssl', 'rg', 'python3', 'krb5 headers', 'git'])
      assert.ok(r.stdout.includes(`${name} `), `${name} is checked: ${r.stdout}`);
    assert.doesNotMatch(r.stdout, /chromium|kcat/);
  });

  test('.ci/run takes its packages from the preflight (one list, not two)', () => {
    const ci = readFileSync(join(root, '.ci', 'run'), 'utf8');
    assert.match(ci, /node scripts\/preflight\.mjs test/);
    const commands = ci.split('\n').filter((l) => !l.trim().startsWith('#'));
    assert.deepEqual(
      commands.filter((l) => /apt-get|dpkg/.test(l)),
      [],
      '.ci/run runs no apt-get or dpkg of its own',
    );
    const r = spawnSync(process.execPath, [script, '--packages', 'test'], { encoding: 'utf8' });
    assert.deepEqual(r.stdout.trim().split(' ').sort(), [
      'build-essential',
      'ca-certificates',
      'chromium',
      'git',
      'kcat',
      'libkrb5-dev',
      'maven',
      'openjdk-17-jdk-headless',
      'openssh-server',
      'openssl',
      'python3',
      'ripgrep',
    ]);
  });
});
