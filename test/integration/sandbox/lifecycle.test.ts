/**
 * The sandbox CLI against the running sandbox: status reports it up, and a second start reuses
 * every running part (same processes) instead of starting new ones.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { repoRoot } from '../../../sandbox/state';
import { sandbox } from '../support/sandbox';

function cli(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(repoRoot, 'sandbox', 'cli.ts'), ...args], {
    cwd: repoRoot,
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function pids(): Record<string, string> {
  const runDir = join(sandbox().stateDir, 'run');
  const out: Record<string, string> = {};
  for (const part of ['broker', 'connect', 'controlplane'])
    out[part] = readFileSync(join(runDir, `${part}.pid`), 'utf8').trim();
  return out;
}

void test('status --quiet prints nothing and exits 0 while the sandbox is up', () => {
  const r = cli('status', '--quiet');
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, '');
});

void test('status lists every part as UP with its pid', () => {
  const r = cli('status');
  assert.equal(r.code, 0, r.stdout + r.stderr);
  const current = pids();
  for (const part of ['broker', 'connect', 'controlplane']) {
    assert.match(r.stdout, new RegExp(`^${part}\\s+UP\\s+pid ${current[part]}`, 'm'));
  }
});

void test('a second start reuses the running parts and reports the same endpoints', () => {
  const before = pids();
  const r = cli('start');
  assert.equal(r.code, 0, r.stdout + r.stderr);
  for (const part of ['broker', 'connect', 'controlplane'])
    assert.match(r.stdout, new RegExp(`${part}: already running \\(pid ${before[part]}\\)`));
  assert.deepEqual(pids(), before);
  assert.match(r.stdout, new RegExp(`IAM\\s+${sandbox().listeners.iam}`));
  assert.match(
    r.stdout,
    new RegExp(`description\\s+${join(sandbox().stateDir, 'sandbox.json').replace(/\./g, '\\.')}`),
  );
  // Where the keys are, never the keys: no secret key or SCRAM password in the terminal.
  const { admin, readonly } = sandbox().principals;
  assert.match(r.stdout, /IAM keys, SCRAM passwords and mTLS certificates in/);
  for (const secret of [admin.secretAccessKey, admin.scramPassword, readonly.secretAccessKey, readonly.scramPassword])
    assert.equal(r.stdout.includes(secret), false, 'the start printed a secret key or password');
});
