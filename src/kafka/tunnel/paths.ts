/** "~/…" paths against the HOME of the environment passed in (never process.env), else the OS home. */
import { homedir } from 'node:os';
import { join } from 'node:path';

export function expandHome(path: string, env?: Readonly<Record<string, string | undefined>>): string {
  const p = path.trim();
  if (p !== '~' && !p.startsWith('~/')) return p;
  const home = env?.HOME || homedir();
  return p === '~' ? home : join(home, p.slice(2));
}
