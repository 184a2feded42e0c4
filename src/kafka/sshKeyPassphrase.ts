/**
 * Whether a passphrase opens an SSH private key file, checked before the UI keeps it in its secret
 * storage (the tunnel itself reads the key again: ./tunnel/sshAuth.ts). ssh2 is loaded on first use.
 */
import { readFile } from 'node:fs/promises';
import { expandHome } from './tunnel/paths';

type Ssh2 = typeof import('ssh2');

export type KeyPassphraseCheck = 'opens' | 'wrong' | 'unreadable';

export async function checkKeyPassphrase(
  privateKeyPath: string,
  passphrase: string,
  env?: Readonly<Record<string, string | undefined>>,
): Promise<KeyPassphraseCheck> {
  let key: Buffer;
  try {
    key = await readFile(expandHome(privateKeyPath, env));
  } catch {
    return 'unreadable';
  }
  const m = await import('ssh2');
  const ssh2 = typeof (m as Partial<Ssh2>).utils === 'object' ? m : (m as unknown as { default: Ssh2 }).default;
  return ssh2.utils.parseKey(key, passphrase) instanceof Error ? 'wrong' : 'opens';
}
