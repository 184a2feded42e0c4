/**
 * The sandbox's parts run as detached processes (their own process group) with a pid file in
 * .sandbox/run/ and their output in .sandbox/logs/. A pid is only trusted when the process's
 * command line still names this sandbox's state folder, so a reused pid is never signalled.
 */
import { spawn } from 'node:child_process';
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  readSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';

export type PartName = 'broker' | 'connect' | 'controlplane';
export const PARTS: readonly PartName[] = ['broker', 'connect', 'controlplane'];

export function pidFile(runDir: string, part: PartName): string {
  return join(runDir, `${part}.pid`);
}

function cmdline(pid: number): string | undefined {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ');
  } catch {
    return undefined;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The pid of the part when it runs (and really is this sandbox's part), else undefined. */
export function runningPid(runDir: string, part: PartName, marker: string): number | undefined {
  const file = pidFile(runDir, part);
  if (!existsSync(file)) return undefined;
  const pid = Number(readFileSync(file, 'utf8').trim());
  if (!Number.isInteger(pid) || pid <= 0 || !alive(pid)) return undefined;
  const cmd = cmdline(pid);
  // Without /proc (not Linux) the pid file is trusted as it is.
  if (cmd !== undefined && !cmd.includes(marker)) return undefined;
  if (cmd !== undefined && isZombie(pid)) return undefined;
  return pid;
}

function isZombie(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return /\) Z /.test(stat);
  } catch {
    return false;
  }
}

export interface SpawnSpec {
  part: PartName;
  command: string;
  args: string[];
  cwd: string;
  /** File receiving the process's stdout and stderr. */
  outFile: string;
  runDir: string;
  env?: NodeJS.ProcessEnv;
}

export function spawnDetached(spec: SpawnSpec): number {
  mkdirSync(spec.runDir, { recursive: true });
  const fd = openSync(spec.outFile, 'a');
  try {
    const child = spawn(spec.command, spec.args, {
      cwd: spec.cwd,
      detached: true,
      stdio: ['ignore', fd, fd],
      env: spec.env ?? process.env,
    });
    if (child.pid === undefined) throw new Error(`could not start ${spec.command}`);
    child.unref();
    writeFileSync(pidFile(spec.runDir, spec.part), `${child.pid}\n`);
    return child.pid;
  } finally {
    closeSync(fd);
  }
}

async function sleep(ms: number): Promise<void> {
  await new Promise((r) => setTimeout(r, ms));
}

/** SIGTERM to the part's process group, then SIGKILL if it has not ended within graceMs. */
export async function stopPart(runDir: string, part: PartName, marker: string, graceMs = 30_000): Promise<boolean> {
  const pid = runningPid(runDir, part, marker);
  if (pid === undefined) {
    rmSync(pidFile(runDir, part), { force: true });
    return false;
  }
  const signal = (sig: NodeJS.Signals): void => {
    try {
      process.kill(-pid, sig);
    } catch {
      try {
        process.kill(pid, sig);
      } catch {
        /* already gone */
      }
    }
  };
  signal('SIGTERM');
  const deadline = Date.now() + graceMs;
  while (Date.now() < deadline && alive(pid) && !isZombie(pid)) await sleep(200);
  if (alive(pid) && !isZombie(pid)) {
    signal('SIGKILL');
    const killDeadline = Date.now() + 5000;
    while (Date.now() < killDeadline && alive(pid) && !isZombie(pid)) await sleep(100);
  }
  rmSync(pidFile(runDir, part), { force: true });
  return true;
}

export function isAlive(pid: number): boolean {
  return alive(pid) && !isZombie(pid);
}

/** The last lines of a log file, for failure messages. */
export function tailFile(file: string, lines = 30): string {
  if (!existsSync(file)) return `(no ${file})`;
  const size = statSync(file).size;
  const fd = openSync(file, 'r');
  try {
    const len = Math.min(size, 64 * 1024);
    const buf = Buffer.alloc(len);
    readSync(fd, buf, 0, len, size - len);
    return buf
      .toString('utf8')
      .split('\n')
      .slice(-lines - 1)
      .join('\n')
      .trimEnd();
  } finally {
    closeSync(fd);
  }
}
