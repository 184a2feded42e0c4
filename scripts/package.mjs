#!/usr/bin/env node
// Packages the extension as a .vsix with @vscode/vsce.
//   npm run package                       -> production build, then <repo>/msk-explorer-<version>.vsix
//   node scripts/package.mjs --no-build --out DIR_OR_FILE
//                                          -> packages the current dist/ as is (the UI tests use
//                                             this right after their own build)
// Everything the extension runs is bundled, so vsce runs with --no-dependencies; .vscodeignore
// keeps sources, tests and tooling out. Prints the .vsix path and its size.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, extname, join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const args = process.argv.slice(2);
const build = !args.includes('--no-build');
const outIndex = args.indexOf('--out');
const outArg = outIndex >= 0 ? args[outIndex + 1] : undefined;
if (outIndex >= 0 && !outArg) fail('--out needs a file or folder');

function fail(message) {
  console.error(`package: ${message}`);
  process.exit(1);
}

function run(cmd, cmdArgs) {
  const r = spawnSync(cmd, cmdArgs, { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
  if (r.error) fail(r.error.message);
  return r.status ?? 1;
}

const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const fileName = `${pkg.name}-${pkg.version}.vsix`;
let out = join(root, fileName);
if (outArg) {
  const resolved = resolve(outArg);
  out = extname(resolved) === '.vsix' ? resolved : join(resolved, fileName);
}
mkdirSync(dirname(out), { recursive: true });

if (build && run(process.execPath, ['scripts/build.mjs', '--production']) !== 0) fail('the production build failed');
if (!existsSync(join(root, pkg.main ?? 'dist/extension.js'))) fail(`${pkg.main} is missing: build first`);

const vsceArgs = ['package', '--no-dependencies', '--out', out];
// Only while the project has none: without these vsce stops at a y/N prompt.
if (!pkg.repository) vsceArgs.push('--allow-missing-repository', '--no-rewrite-relative-links');
if (!['LICENSE', 'LICENSE.md', 'LICENSE.txt'].some((f) => existsSync(join(root, f)))) vsceArgs.push('--skip-license');

const vsce = join(root, 'node_modules', '@vscode', 'vsce', 'vsce');
if (run(process.execPath, [vsce, ...vsceArgs]) !== 0) fail('vsce package failed');

const size = statSync(out).size;
console.log(`${out} (${(size / 1024).toFixed(1)} KiB)`);
