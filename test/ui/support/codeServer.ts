/**
 * Running the extension in a real VS Code: code-server 4.100.3 (VS Code 1.100, Node 20
 * extension host) from the npm cache that scripts/ensure-code-server.mjs fills.
 * Shared by the UI test harness (./workbench.ts) and `npm start` (scripts/start.ts).
 * No `vscode` import: this runs in plain Node.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import type { SandboxState } from '../../../sandbox/state';

export const repoRoot = resolve(__dirname, '..', '..', '..');

function runOrThrow(what: string, cmd: string, args: string[], cwd = repoRoot): string {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  if (r.error) throw new Error(`${what}: ${r.error.message}`);
  if (r.status !== 0) throw new Error(`${what} failed (exit ${String(r.status)}):\n${r.stdout}${r.stderr}`);
  return r.stdout;
}

/** Installs code-server into the cache when missing; returns its entry script (run with Node). */
export function ensureCodeServer(): string {
  const r = spawnSync(process.execPath, [join(repoRoot, 'scripts', 'ensure-code-server.mjs')], {
    cwd: repoRoot,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const entry = r.stdout.trim().split('\n').pop() ?? '';
  if (r.status !== 0 || !existsSync(entry)) throw new Error('scripts/ensure-code-server.mjs failed (see above)');
  return entry;
}

/** Packages the already built extension (dist/) as a .vsix in `outDir`; returns its path. */
export function packageExtension(outDir: string, { build = false } = {}): string {
  const args = [join(repoRoot, 'scripts', 'package.mjs'), '--out', outDir];
  if (!build) args.push('--no-build');
  const out = runOrThrow('npm run package', process.execPath, args);
  const match = /^(\/\S+\.vsix) \(/m.exec(out);
  if (!match?.[1]) throw new Error(`could not find the .vsix path in the packager's output:\n${out}`);
  return match[1];
}

/** Installs a .vsix the way a user would (`code-server --install-extension`). */
export function installExtension(
  entry: string,
  vsix: string,
  dirs: { extensionsDir: string; userDataDir: string },
): void {
  runOrThrow('code-server --install-extension', process.execPath, [
    entry,
    '--extensions-dir',
    dirs.extensionsDir,
    '--user-data-dir',
    dirs.userDataDir,
    '--config',
    join(dirs.userDataDir, 'code-server.yaml'),
    '--force',
    '--install-extension',
    vsix,
  ]);
}

/** Settings that point the extension at the local sandbox's control plane, profiles and CA. */
export function sandboxSettings(state: SandboxState, { readonly = false } = {}): Record<string, unknown> {
  return {
    'msk.aws.profile': readonly ? state.aws.readonlyProfile : state.aws.profile,
    'msk.aws.configFile': state.aws.configFile,
    'msk.aws.credentialsFile': state.aws.credentialsFile,
    'msk.aws.endpoint': state.controlPlaneEndpoint,
    'msk.aws.regions': [state.region],
    'msk.tls.caFile': state.caFile,
  };
}

/** A calm workbench: no welcome page, tips, telemetry, trust prompts, update checks or git. */
export const quietWorkbenchSettings: Readonly<Record<string, unknown>> = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'workbench.enableExperiments': false,
  'workbench.settings.enableNaturalLanguageSearch': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'telemetry.telemetryLevel': 'off',
  'security.workspace.trust.enabled': false,
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'git.enabled': false,
  'git.openRepositoryInParentFolders': 'never',
  'github.gitAuthentication': false,
  'chat.commandCenter.enabled': false,
  'npm.fetchOnlinePackageInfo': false,
  'typescript.surveys.enabled': false,
};

/** Writes `<userDataDir>/User/settings.json` (replacing it). */
export function writeUserSettings(userDataDir: string, settings: Record<string, unknown>): string {
  const dir = join(userDataDir, 'User');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'settings.json');
  writeFileSync(file, `${JSON.stringify(settings, null, 2)}\n`);
  return file;
}

/** A port nobody listens on right now (the OS picks it). */
export async function freePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, host, () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}

export interface CodeServerLaunch {
  entry: string;
  userDataDir: string;
  extensionsDir: string;
  /** The folder the workbench opens. */
  folder: string;
  /** code-server's stdout and stderr go here. */
  logFile: string;
  host?: string;
  /** Default: a free port. */
  port?: number;
  /** How long to wait for it to answer. Default 60 s. */
  readyTimeoutMs?: number;
  env?: NodeJS.ProcessEnv;
}

export interface RunningCodeServer {
  /** e.g. http://127.0.0.1:40123/?folder=/tmp/x */
  url: string;
  origin: string;
  port: number;
  pid: number;
  logFile: string;
  /** Settles with the exit code (or signal name) when code-server ends, for whatever reason. */
  exited: Promise<number | string>;
  /** Stops code-server and its extension host (the whole process group). Safe to call twice. */
  stop(): Promise<void>;
}

const running = new Set<ChildProcess>();
process.on('exit', () => {
  // Last resort when a test process dies without its after hooks: no orphaned servers.
  for (const child of running) killGroup(child, 'SIGKILL');
});

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // Already gone.
  }
}

/** Thrown by a `waitFor` check to stop waiting at once (the condition can no longer come true). */
export class WaitAborted extends Error {}

/** Polls `check` until it returns true or the deadline passes; other errors are retried. */
export async function waitFor(
  what: string,
  check: () => boolean | Promise<boolean>,
  { timeoutMs = 30_000, intervalMs = 200 } = {},
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      if (await check()) return;
    } catch (err) {
      if (err instanceof WaitAborted) throw err;
      lastError = err;
    }
    if (Date.now() > deadline) {
      const detail = lastError instanceof Error ? ` (last error: ${lastError.message})` : '';
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${detail}`);
    }
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

/** Starts code-server in its own process group and waits until its health check answers. */
export async function startCodeServer(launch: CodeServerLaunch): Promise<RunningCodeServer> {
  const host = launch.host ?? '127.0.0.1';
  const port = launch.port ?? (await freePort(host));
  mkdirSync(launch.userDataDir, { recursive: true });
  mkdirSync(launch.extensionsDir, { recursive: true });
  const logFd = openSync(launch.logFile, 'a');
  const child = spawn(
    process.execPath,
    [
      launch.entry,
      '--auth',
      'none',
      '--bind-addr',
      `${host}:${port}`,
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
      '--disable-getting-started-override',
      '--ignore-last-opened',
      '--config',
      join(launch.userDataDir, 'code-server.yaml'),
      '--user-data-dir',
      launch.userDataDir,
      '--extensions-dir',
      launch.extensionsDir,
      launch.folder,
    ],
    { detached: true, stdio: ['ignore', logFd, logFd], env: launch.env ?? process.env },
  );
  closeSync(logFd);
  running.add(child);
  const exited = new Promise<number | string>((r) => child.once('exit', (code, signal) => r(code ?? signal ?? -1)));
  void exited.then(() => running.delete(child));

  const stop = async (): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    killGroup(child, 'SIGTERM');
    const timer = setTimeout(() => killGroup(child, 'SIGKILL'), 5_000);
    await exited;
    clearTimeout(timer);
    killGroup(child, 'SIGKILL'); // the extension host may outlive its parent
  };

  const origin = `http://${host}:${port}`;
  try {
    await waitFor(
      `code-server to answer on ${origin} (log: ${launch.logFile})`,
      async () => {
        if (child.exitCode !== null || child.signalCode !== null) {
          throw new WaitAborted(`code-server exited early:\n${readFileSync(launch.logFile, 'utf8').slice(-2000)}`);
        }
        const res = await fetch(`${origin}/healthz`, { signal: AbortSignal.timeout(2_000) });
        return res.ok;
      },
      { timeoutMs: launch.readyTimeoutMs ?? 60_000 },
    );
  } catch (err) {
    await stop();
    throw err;
  }
  return {
    url: `${origin}/?folder=${encodeURIComponent(launch.folder)}`,
    origin,
    port,
    pid: child.pid ?? -1,
    logFile: launch.logFile,
    exited,
    stop,
  };
}
