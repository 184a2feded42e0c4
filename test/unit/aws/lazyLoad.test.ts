import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { test } from 'node:test';

const root = resolve(__dirname, '../../..');

/** Runs a script in a fresh Node (with tsx) and returns the AWS packages it had loaded, per step. */
function loadedPackagesAfter(script: string): Record<string, string[]> {
  const r = spawnSync(process.execPath, ['--import', 'tsx', '-e', script], { cwd: root, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  const line = r.stdout.trim().split('\n').pop() ?? '{}';
  return JSON.parse(line) as Record<string, string[]>;
}

const HELPERS = `
const seen = () => [...new Set(Object.keys(require.cache)
  .map((k) => /node_modules\\/(@(?:aws-sdk|smithy)\\/[^/]+)/.exec(k)?.[1]).filter(Boolean))].sort();
const steps = {};
`;

void test('importing the AWS layer loads no AWS SDK code; the SDK loads on first use', () => {
  const steps = loadedPackagesAfter(`${HELPERS}
    (async () => {
      const aws = require('./src/aws/index.ts');
      steps.import = seen();
      const dir = require('node:fs').mkdtempSync(require('node:path').join(require('node:os').tmpdir(), 'msk-lazy-'));
      require('node:fs').writeFileSync(dir + '/credentials', '[p]\\naws_access_key_id = A\\naws_secret_access_key = B\\n');
      await aws.listProfiles({ configFile: dir + '/config', credentialsFile: dir + '/credentials', env: {} });
      steps.profiles = seen();
      const registry = new aws.CredentialRegistry({ env: {} });
      await registry.provider({ profile: 'p', configFile: dir + '/config', credentialsFile: dir + '/credentials' })();
      steps.credentials = seen();
      require('node:fs').rmSync(dir, { recursive: true });
      console.log(JSON.stringify(steps));
    })().catch((e) => { console.error(e); process.exit(1); });
  `);
  assert.deepEqual(steps.import, []);
  assert.ok(!steps.profiles?.some((p) => p.startsWith('@aws-sdk/')), `profiles loaded ${String(steps.profiles)}`);
  assert.ok(steps.profiles?.includes('@smithy/shared-ini-file-loader'));
  assert.ok(steps.credentials?.includes('@aws-sdk/credential-providers'));
  assert.ok(!steps.credentials?.includes('@aws-sdk/client-kafka'));
});
