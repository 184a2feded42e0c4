#!/usr/bin/env node
// Installs code-server (VS Code 1.100 for the browser, with a Node 20 extension host) from the
// npm registry into a cache folder outside the repository, and prints the path of its entry
// script. A complete install is reused at once. Used by the UI tests, `npm start` and `.ci/run`.
//
//   node scripts/ensure-code-server.mjs           -> prints the path (progress goes to stderr)
//   import { ensureCodeServer } from './ensure-code-server.mjs'
//
// Offline facts this relies on (see docs in the report / .ci/run):
//  - Debian packages libkrb5-dev (native `kerberos`), ripgrep and the build tools are installed
//    (scripts/preflight.mjs checks and installs them; `npm start`, `npm test` and .ci/run run it);
//  - npm_config_unsafe_perm=true when running as root (code-server's postinstall checks it; npm 11
//    no longer knows the flag but the script still reads the variable);
//  - npm_config_yes=true (node-pty's postinstall runs `npx node-gyp`, which would prompt);
//  - @vscode/ripgrep's postinstall downloads rg from GitHub unless a cached archive exists in
//    os.tmpdir(): we point TMPDIR at the cache and put an archive of Debian's /usr/bin/rg there;
//  - npm 11 blocks dependency install scripts unless allowed. code-server's postinstall runs
//    nested `npm install`s (lib/vscode, lib/vscode/extensions) that build native modules, so the
//    allowance has to reach them too: --dangerously-allow-all-scripts, which npm passes on to the
//    nested installs through npm_config_* variables. It only applies to this one pinned,
//    shrinkwrapped package installed into its own folder, never to the project's dependencies.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

export const CODE_SERVER_VERSION = '4.100.3';
const RIPGREP_PACKAGE_VERSION = '1.15.11';
const RIPGREP_ARCHIVE = 'ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz';

export function codeServerCacheDir() {
  const base = process.env.XDG_CACHE_HOME || join(homedir(), '.cache');
  return join(base, 'msk-explorer', `code-server-${CODE_SERVER_VERSION}`);
}

/** The script to run with Node 20: `node <entry> --auth none …`. */
export function codeServerEntry(dir = codeServerCacheDir()) {
  return join(dir, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
}

function isComplete(dir) {
  return existsSync(join(dir, '.complete')) && existsSync(codeServerEntry(dir));
}

function log(message) {
  process.stderr.write(`[code-server] ${message}\n`);
}

function run(cmd, args, opts) {
  const r = spawnSync(cmd, args, { stdio: ['ignore', 'inherit', 'inherit'], ...opts });
  if (r.error) throw r.error;
  return r.status ?? 1;
}

/** Installs code-server when missing; returns the path of its entry script. */
export function ensureCodeServer() {
  const dir = codeServerCacheDir();
  if (isComplete(dir)) return codeServerEntry(dir);
  if (process.versions.node.split('.')[0] !== '20') {
    throw new Error(`code-server ${CODE_SERVER_VERSION} needs Node 20; this is Node ${process.versions.node}`);
  }
  for (const tool of ['rg']) {
    if (run('sh', ['-c', `command -v ${tool} >/dev/null`], { stdio: 'ignore' }) !== 0) {
      throw new Error(`${tool} is not installed (node scripts/preflight.mjs start checks and installs it)`);
    }
  }

  const started = Date.now();
  const partial = `${dir}.partial`;
  rmSync(partial, { recursive: true, force: true });
  const tmp = join(partial, 'tmp');
  mkdirSync(tmp, { recursive: true });
  writeFileSync(
    join(partial, 'package.json'),
    JSON.stringify({ name: 'msk-explorer-code-server', private: true, description: 'cache' }, null, 2),
  );

  // The archive @vscode/ripgrep looks for before downloading: Debian's rg, named `rg`.
  const rgCache = join(tmp, `vscode-ripgrep-cache-${RIPGREP_PACKAGE_VERSION}`);
  mkdirSync(rgCache, { recursive: true });
  if (run('tar', ['-czf', join(rgCache, RIPGREP_ARCHIVE), '-C', '/usr/bin', 'rg']) !== 0) {
    throw new Error('could not pack /usr/bin/rg for @vscode/ripgrep');
  }

  log(`installing code-server ${CODE_SERVER_VERSION} into ${dir} (about a minute, ~300 MB)…`);
  const env = {
    ...process.env,
    TMPDIR: tmp,
    npm_config_yes: 'true',
    npm_config_unsafe_perm: 'true',
    npm_config_dangerously_allow_all_scripts: 'true',
    npm_config_audit: 'false',
    npm_config_fund: 'false',
    npm_config_update_notifier: 'false',
    // node-gyp: build against the installed Node headers, never download them.
    npm_config_nodedir: process.env.npm_config_nodedir || '/usr',
  };
  const code = run(
    'npm',
    [
      'install',
      '--no-save',
      '--dangerously-allow-all-scripts',
      '--foreground-scripts',
      '--loglevel=warn',
      `code-server@${CODE_SERVER_VERSION}`,
    ],
    { cwd: partial, env, stdio: ['ignore', 2, 'inherit'] },
  );
  if (code !== 0) throw new Error(`npm install code-server@${CODE_SERVER_VERSION} failed (exit ${code})`);

  const entry = codeServerEntry(partial);
  const vscodeModules = join(partial, 'node_modules', 'code-server', 'lib', 'vscode', 'node_modules');
  for (const mustExist of [
    entry,
    join(vscodeModules, '@vscode', 'ripgrep', 'bin', 'rg'),
    join(vscodeModules, '..', 'node_modules.asar'),
  ]) {
    if (!existsSync(mustExist)) throw new Error(`code-server's postinstall did not complete: ${mustExist} is missing`);
  }
  // Prove it runs before calling the install complete.
  const version = spawnSync(process.execPath, [entry, '--version'], { encoding: 'utf8', timeout: 60_000 });
  if (version.status !== 0 || !version.stdout.includes(CODE_SERVER_VERSION)) {
    throw new Error(`the installed code-server does not run: ${version.stdout}${version.stderr}`);
  }
  rmSync(tmp, { recursive: true, force: true });
  writeFileSync(join(partial, '.complete'), `${new Date().toISOString()}\n`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(resolve(dir, '..'), { recursive: true });
  renameSync(partial, dir);
  log(`installed in ${Math.round((Date.now() - started) / 1000)} s`);
  return codeServerEntry(dir);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  try {
    console.log(ensureCodeServer());
  } catch (err) {
    console.error(err instanceof Error ? err.message : String(err));
    process.exit(1);
  }
}
