/**
 * Whether a passphrase opens an SSH private key file, checked before the UI keeps it in its secret
 * storage (the tunnel itself reads the key again: ./tunnel/sshAuth.ts). ssh2 is loaded on first use.
 */
import { readFile } from 'node:fs/promises';
import { expandHome } from './tunnel/paths';
import { loadSsh2 } from './tunnel/sshConnect';

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
  const ssh2 = await loadSsh2();
  return ssh2.utils.parseKey(key, passphrase) instanceof Error ? 'wrong' : 'opens';
}
