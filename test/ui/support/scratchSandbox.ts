/**
 * A throwaway sandbox for a test file that would otherwise fill the developer's sandbox (e.g. with
 * 5,000 topics): its own state folder under the OS temp folder and its own free ports, started by
 * `npm run sandbox -- start` in a before hook, stopped and deleted in an after hook. Nothing the
 * file creates there reaches the shared sandbox, and nothing is left when the file ends.
 *
 *   const scratch = useScratchSandbox('explorer-scale');
 *   before(() => withAdmin(…, kafkaConfig(scratch.state(), 'plaintext')));
 *   const ui = useWorkbench({ name: 'x', sandboxDir: scratch.dir });
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before } from 'node:test';
import { PORT_OPTIONS } from '../../../sandbox/lifecycle/settings';
import { readSandboxState, type SandboxState } from '../../../sandbox/state';
import { freePort, repoRoot } from './codeServer';

export interface ScratchSandbox {
  /** Its state folder (pass as `sandboxDir` to useWorkbench). */
  readonly dir: string;
  /** Its sandbox.json (after the before hook ran). */
  state(): SandboxState;
}

function cli(dir: string, args: string[]): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(repoRoot, 'sandbox', 'cli.ts'), ...args], {
      cwd: repoRoot,
      env: { ...process.env, MSK_SANDBOX_DIR: dir },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c.toString('utf8')));
    child.stderr.on('data', (c: Buffer) => (output += c.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
  });
}

/** Eight distinct free ports, one per sandbox port (as flags, which win over MSK_SANDBOX_*_PORT). */
async function portFlags(): Promise<string[]> {
  const taken = new Set<number>();
  const flags: string[] = [];
  for (const { flag } of Object.values(PORT_OPTIONS)) {
    let port = await freePort();
    while (taken.has(port)) port = await freePort();
    taken.add(port);
    flags.push(`--${flag}`, String(port));
  }
  return flags;
}

export function useScratchSandbox(name: string): ScratchSandbox {
  const dir = mkdtempSync(join(tmpdir(), `msk-sandbox-${name}-`));
  let state: SandboxState | undefined;
  before(async () => {
    const started = Date.now();
    const r = await cli(dir, ['start', ...(await portFlags())]);
    if (r.code !== 0) throw new Error(`the throwaway sandbox in ${dir} did not start (exit ${r.code}):\n${r.output}`);
    state = readSandboxState(dir);
    console.log(`${name}: throwaway sandbox ${dir} started in ${Math.round((Date.now() - started) / 1000)} s`);
  });
  after(async () => {
    const started = Date.now();
    const r = await cli(dir, ['stop']);
    if (r.code !== 0) console.error(`${name}: stopping the throwaway sandbox failed:\n${r.output}`);
    rmSync(dir, { recursive: true, force: true });
    if (existsSync(dir)) console.error(`${name}: could not delete ${dir}`);
    else
      console.log(`${name}: throwaway sandbox stopped and deleted in ${Math.round((Date.now() - started) / 1000)} s`);
  });
  return {
    dir,
    state(): SandboxState {
      if (!state) throw new Error('the throwaway sandbox did not start (see the before hook)');
      return state;
    },
  };
}
