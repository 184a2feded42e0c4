#!/usr/bin/env node
// `npm run test:desktop`: runs test/desktop/suite.ts inside a downloaded desktop VS Code with
// @vscode/test-electron. Needs internet (it downloads VS Code into .vscode-test/) and a display
// (use xvfb-run on a headless Linux). CI cannot download VS Code, so it runs the UI layer in
// code-server instead (node scripts/test.mjs ui).
//   VSCODE_VERSION=1.90.0 npm run test:desktop     # default: stable
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import * as esbuild from 'esbuild';
import { runTests } from '@vscode/test-electron';

const root = resolve(import.meta.dirname, '..');
const outDir = join(root, 'test-output', 'desktop');

const build = spawnSync('npm', ['run', '--silent', 'build'], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) process.exit(1);

mkdirSync(outDir, { recursive: true });
await esbuild.build({
  entryPoints: [join(root, 'test', 'desktop', 'suite.ts')],
  outfile: join(outDir, 'suite.js'),
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  external: ['vscode'],
  sourcemap: 'inline',
  logLevel: 'warning',
});

const scratch = mkdtempSync(join(tmpdir(), 'msk-desktop-'));
let code = 1;
try {
  code = await runTests({
    version: process.env.VSCODE_VERSION ?? 'stable',
    extensionDevelopmentPath: root,
    extensionTestsPath: join(outDir, 'suite.js'),
    launchArgs: [
      join(scratch, 'workspace'),
      '--disable-extensions',
      '--disable-workspace-trust',
      '--skip-welcome',
      '--skip-release-notes',
      '--user-data-dir',
      join(scratch, 'user-data'),
    ],
  });
} catch (err) {
  console.error(`desktop tests failed: ${err instanceof Error ? err.message : String(err)}`);
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
process.exit(code);
