/**
 * What `npm test` runs against which Kafka version (scripts/test.mjs --plan prints it and runs
 * nothing): a whole run tests the integration and ui layers on 3.9.2 and then 4.1.2 — the whole
 * integration layer on both, the broker-facing ui files on the second — and one version can be
 * chosen with --kafka or MSK_TEST_KAFKA_VERSIONS. Runs the real script.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, test } from 'node:test';

const root = resolve(__dirname, '..', '..', '..');

interface Plan {
  unit: string[];
  versions: { version: string | null; integration?: string[]; ui?: string[] }[];
}

function plan(args: string[], env: Record<string, string> = {}): Plan {
  const base = { ...process.env };
  delete base.MSK_TEST_KAFKA_VERSIONS;
  const r = spawnSync(process.execPath, [join(root, 'scripts', 'test.mjs'), '--plan', ...args], {
    cwd: root,
    env: { ...base, ...env },
    encoding: 'utf8',
  });
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout) as Plan;
}

const uiFiles = readdirSync(join(root, 'test', 'ui'))
  .filter((f) => f.endsWith('.test.ts'))
  .map((f) => `test/ui/${f}`)
  .sort();

void describe('scripts/test.mjs: Kafka versions', () => {
  test('a whole run: unit once, then integration + ui on 3.9.2, then integration + the broker-facing ui files on 4.1.2', () => {
    const p = plan([]);
    assert.ok(p.unit.length > 0);
    assert.deepEqual(
      p.versions.map((v) => v.version),
      ['3.9.2', '4.1.2'],
    );
    const [first, second] = p.versions;
    assert.deepEqual(first?.integration, second?.integration, 'the whole integration layer on both versions');
    assert.deepEqual(first?.ui, uiFiles, 'the whole ui layer on the first version');
    assert.deepEqual(second?.ui, [
      'test/ui/explorer.test.ts',
      'test/ui/express.test.ts',
      'test/ui/lag.test.ts',
      'test/ui/produce.test.ts',
      'test/ui/tail.test.ts',
    ]);
    for (const f of second?.ui ?? []) assert.ok(uiFiles.includes(f), `${f} exists`);
  });

  test('one version: MSK_TEST_KAFKA_VERSIONS or --kafka (which wins), with the whole ui layer', () => {
    const env = plan(['ui'], { MSK_TEST_KAFKA_VERSIONS: '4.1.2' });
    assert.deepEqual(
      env.versions.map((v) => [v.version, v.ui]),
      [['4.1.2', uiFiles]],
    );
    const flag = plan(['--kafka', '3.9.2', 'integration'], { MSK_TEST_KAFKA_VERSIONS: '4.1.2' });
    assert.deepEqual(
      flag.versions.map((v) => v.version),
      ['3.9.2'],
    );
    assert.deepEqual(
      plan(['--kafka=4.1.2,3.9.2', 'integration']).versions.map((v) => v.version),
      ['4.1.2', '3.9.2'],
    );
  });

  test('files alone run against the sandbox that runs (no version switch)', () => {
    const p = plan(['test/integration/aws/express.test.ts']);
    assert.deepEqual(p, {
      unit: [],
      versions: [{ version: null, integration: ['test/integration/aws/express.test.ts'] }],
    });
  });

  test('a version that is not one is refused before anything runs, saying what is expected', () => {
    const r = spawnSync(process.execPath, [join(root, 'scripts', 'test.mjs'), '--kafka', '4.x', 'unit'], {
      cwd: root,
      encoding: 'utf8',
    });
    assert.equal(r.status, 2);
    assert.match(r.stderr, /not a Kafka version: "4\.x" \(expected e\.g\. 3\.9\.2 or 4\.1\.2/);
  });
});
