/**
 * A real OpenSSH server (Debian's /usr/sbin/sshd) for the tunnel tests: started on a free loopback
 * port with throwaway host and user keys in a temporary folder, stopped by its pid. See
 * shared note "real-sshd-on-loopback".
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as net from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';

export const SSHD = '/usr/sbin/sshd';

export interface KeyPair {
  /** Private key file. */
  file: string;
  /** "ssh-ed25519 AAAA… comment" */
  publicLine: string;
  /** The base64 key blob of the public key. */
  blob: Buffer;
}

/** Makes an ed25519 key pair with ssh-keygen (encrypted when a passphrase is given). */
export function makeKey(dir: string, name: string, passphrase = ''): KeyPair {
  const file = join(dir, name);
  const r = spawnSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', passphrase, '-C', name, '-f', file]);
  if (r.status !== 0) throw new Error(`ssh-keygen failed: ${r.stderr.toString()}`);
  const publicLine = readFileSync(`${file}.pub`, 'utf8').trim();
  return { file, publicLine, blob: Buffer.from(publicLine.split(/\s+/)[1], 'base64') };
}

/** A port nobody listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

/** Resolves when `host:port` answers with an SSH banner. */
async function waitForBanner(port: number, child: ChildProcess, log: () => string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`sshd exited (${child.exitCode}): ${log()}`);
    const banner = await new Promise<string>((resolve) => {
      const s = net.connect({ host: '127.0.0.1', port });
      let text = '';
      s.on('data', (d) => {
        text += d.toString('latin1');
        if (text.includes('\n')) s.destroy();
      });
      s.on('error', () => resolve(''));
      s.on('close', () => resolve(text));
    });
    if (banner.startsWith('SSH-2.0-')) return;
    if (Date.now() > deadline) throw new Error(`sshd on port ${port} did not answer: ${log()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** All descendants of a pid (sshd forks one process tree per connection). */
export function descendants(pid: number): number[] {
  const children = new Map<number, number[]>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      const list = children.get(ppid) ?? [];
      list.push(Number(name));
      children.set(ppid, list);
    } catch {
      // gone meanwhile
    }
  }
  const out: number[] = [];
  const walk = (p: number) => {
    for (const c of children.get(p) ?? []) {
      out.push(c);
      walk(c);
    }
  };
  walk(pid);
  return out;
}

export interface SshdOptions {
  port: number;
  hostKey: KeyPair;
  /** Public key lines allowed to sign in. */
  authorized: KeyPair[];
  allowForwarding?: boolean;
}

export class Sshd {
  private stderr = '';
  private constructor(
    readonly port: number,
    private readonly child: ChildProcess,
    private readonly dir: string,
  ) {}

  static async start(options: SshdOptions): Promise<Sshd> {
    const dir = mkdtempSync(join(tmpdir(), 'sshd-'));
    const authorizedKeys = join(dir, 'authorized_keys');
    writeFileSync(authorizedKeys, options.authorized.map((k) => k.publicLine).join('\n') + '\n', { mode: 0o600 });
    mkdirSync('/run/sshd', { recursive: true });
    const args = [
      '-D',
      '-e',
      '-f',
      '/dev/null',
      '-p',
      String(options.port),
      '-h',
      options.hostKey.file,
      '-o',
      'ListenAddress=127.0.0.1',
      '-o',
      `AuthorizedKeysFile=${authorizedKeys}`,
      '-o',
      'PasswordAuthentication=no',
      '-o',
      'KbdInteractiveAuthentication=no',
      '-o',
      'StrictModes=no',
      '-o',
      'PermitRootLogin=prohibit-password',
      '-o',
      `AllowTcpForwarding=${options.allowForwarding === false ? 'no' : 'yes'}`,
      '-o',
      `PidFile=${join(dir, 'pid')}`,
    ];
    const child = spawn(SSHD, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    const sshd = new Sshd(options.port, child, dir);
    child.stderr.on('data', (d: Buffer) => {
      sshd.stderr = (sshd.stderr + d.toString('utf8')).slice(-20_000);
    });
    try {
      await waitForBanner(options.port, child, () => sshd.stderr);
    } catch (err) {
      await sshd.stop();
      throw err;
    }
    return sshd;
  }

  get pid(): number {
    return this.child.pid!;
  }

  /** sshd's log so far (for failure messages). */
  log(): string {
    return this.stderr;
  }

  /** Kills the listener and every connection it serves (as a crashed or rebooted bastion would go). */
  async stop(): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null) {
      for (const p of descendants(this.pid)) {
        try {
          process.kill(p, 'SIGKILL');
        } catch {
          // already gone
        }
      }
      const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
      this.child.kill('SIGKILL');
      await exited;
    }
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** The user the tests sign in as (the one running them: sshd checks its authorized keys file we give it). */
export function currentUser(): string {
  return userInfo().username;
}
