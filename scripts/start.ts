/**
 * `npm start`: the extension in a real VS Code (code-server in your browser) against the local
 * sandbox.
 *   0. checks the system prerequisites (scripts/preflight.mjs start: JDK, Maven, openssl, the
 *      build tools code-server needs…) and installs the missing ones with apt-get when it may,
 *   1. builds (dev build, with source maps),
 *   2. starts the sandbox (`npm run sandbox`; a running one is reused),
 *   3. links this checkout into a persistent extensions folder (.sandbox/code-server/extensions),
 *      so `npm run watch` + "Developer: Reload Window" picks up changes,
 *   4. writes the sandbox settings into a persistent user-data folder (.sandbox/code-server/user-data),
 *   5. runs code-server on http://127.0.0.1:${PORT:-3000} and prints the URL.
 * Stays in the foreground; Ctrl-C stops code-server. The sandbox keeps running
 * (`npm run sandbox -- stop` stops it).
 *
 *   npm start                 # opens .sandbox/code-server/workspace
 *   npm start -- ~/my-folder  # opens another folder
 *   PORT=3100 npm start
 */
import { spawnSync } from 'node:child_process';
import {
  existsSync,
  lstatSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { readSandboxState } from '../sandbox/state';
import {
  ensureCodeServer,
  quietWorkbenchSettings,
  repoRoot,
  sandboxSettings,
  startCodeServer,
  writeUserSettings,
} from '../test/ui/support/codeServer';

const host = '127.0.0.1';
const port = Number(process.env.PORT ?? 3000);
const devDir = join(repoRoot, '.sandbox', 'code-server');
const extensionsDir = join(devDir, 'extensions');
const userDataDir = join(devDir, 'user-data');
const folder = resolve(process.argv[2] ?? join(devDir, 'workspace'));

function step(title: string): void {
  console.log(`\n== ${title} ==`);
}

function runOrExit(what: string, cmd: string, args: string[]): void {
  const r = spawnSync(cmd, args, { cwd: repoRoot, stdio: ['ignore', 'inherit', 'inherit'] });
  if (r.status !== 0) {
    console.error(`\nnpm start: ${what} failed`);
    process.exit(1);
  }
}

async function portIsFree(): Promise<boolean> {
  return new Promise((done) => {
    const server = createServer();
    server.once('error', () => done(false));
    server.listen(port, host, () => server.close(() => done(true)));
  });
}

/** This checkout, linked as the installed extension (removing older versions of it). */
function linkExtension(): void {
  const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as {
    publisher: string;
    name: string;
    version: string;
  };
  const id = `${pkg.publisher}.${pkg.name}`;
  mkdirSync(extensionsDir, { recursive: true });
  for (const entry of readdirSync(extensionsDir)) {
    if (entry.startsWith(`${id}-`)) rmSync(join(extensionsDir, entry), { recursive: true, force: true });
  }
  // VS Code's own bookkeeping of installed extensions; the folder scan finds the link.
  rmSync(join(extensionsDir, 'extensions.json'), { force: true });
  const link = join(extensionsDir, `${id}-${pkg.version}`);
  symlinkSync(repoRoot, link, 'dir');
  if (!lstatSync(link).isSymbolicLink()) throw new Error(`could not link ${link}`);
}

/** Sandbox settings always win; the quiet defaults only fill keys you have not set yourself. */
function updateSettings(sandbox: Record<string, unknown>): void {
  const file = join(userDataDir, 'User', 'settings.json');
  let current: Record<string, unknown> = {};
  if (existsSync(file)) {
    try {
      current = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    } catch {
      writeFileSync(`${file}.bak`, readFileSync(file));
      console.log(`(settings.json was not plain JSON; kept a copy as ${file}.bak)`);
    }
  }
  writeUserSettings(userDataDir, { ...quietWorkbenchSettings, ...current, ...sandbox });
}

async function main(): Promise<void> {
  // Before anything else: stops with one line per missing piece when it cannot install it.
  const preflight = spawnSync(process.execPath, [join(repoRoot, 'scripts', 'preflight.mjs'), 'start'], {
    cwd: repoRoot,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  if (preflight.status !== 0) process.exit(preflight.status ?? 1);
  if (!Number.isInteger(port) || port <= 0 || port > 65535) throw new Error(`PORT=${process.env.PORT} is not a port`);
  if (!(await portIsFree())) {
    throw new Error(`${host}:${port} is in use (another npm start?). Pick another port: PORT=3100 npm start`);
  }

  step('build');
  runOrExit('the build', 'npm', ['run', '--silent', 'build']);

  step('sandbox');
  runOrExit('starting the sandbox', process.execPath, ['--import', 'tsx', 'sandbox/cli.ts', 'start']);
  const state = readSandboxState();

  step('code-server');
  const entry = ensureCodeServer();
  linkExtension();
  updateSettings(sandboxSettings(state));
  mkdirSync(folder, { recursive: true });
  const server = await startCodeServer({
    entry,
    userDataDir,
    extensionsDir,
    folder,
    host,
    port,
    logFile: join(devDir, 'code-server.log'),
  });

  console.log(`
VS Code (code-server) is running with the extension from this checkout:

    ${server.url}

  AWS profile      ${state.aws.profile} (read-only: ${state.aws.readonlyProfile}) in ${state.aws.configFile}
  control plane    ${state.controlPlaneEndpoint} (region ${state.region})
  clusters         ${state.clusters.provisioned.name}, ${state.clusters.serverless.name}
  settings         ${join(userDataDir, 'User', 'settings.json')}
  code-server log  ${server.logFile}

Rebuild with \`npm run watch\` and run "Developer: Reload Window" to pick up changes.
Ctrl-C stops code-server; the sandbox keeps running (npm run sandbox -- stop).`);

  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    console.log('\nstopping code-server…');
    void server.stop().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  const code = await server.exited;
  if (!stopping) {
    console.error(`code-server exited (${String(code)}); see ${server.logFile}`);
    process.exit(1);
  }
}

main().catch((err: unknown) => {
  console.error(`npm start: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
