/**
 * The passphrase of an encrypted SSH tunnel key: read from SecretStorage, else asked once with a
 * password box and kept when it opens the key. A stored one that no longer opens the key (the key
 * changed) is deleted and asked again. One prompt per key at a time.
 */
import * as vscode from 'vscode';
import type { KeyPassphraseCheck } from '../../kafka/sshKeyPassphrase';
import type { TunnelPassphraseProvider, TunnelPassphraseRequest } from '../../services/tunnelSettings';

export function tunnelPassphraseProvider(secrets: vscode.SecretStorage): TunnelPassphraseProvider {
  const asking = new Map<string, Promise<string | undefined>>();
  return (request) => {
    let pending = asking.get(request.secretKey);
    if (!pending) {
      pending = passphraseFor(secrets, request).finally(() => asking.delete(request.secretKey));
      asking.set(request.secretKey, pending);
    }
    return pending;
  };
}

async function passphraseFor(
  secrets: vscode.SecretStorage,
  request: TunnelPassphraseRequest,
): Promise<string | undefined> {
  const stored = await secrets.get(request.secretKey);
  if (stored !== undefined) {
    if ((await request.check(stored)) !== 'wrong') return stored;
    await secrets.delete(request.secretKey);
  }
  // Each check reads and decrypts the key (slow by design for OpenSSH keys): once per value typed.
  const checks = new Map<string, Promise<KeyPassphraseCheck>>();
  const check = (value: string): Promise<KeyPassphraseCheck> => {
    let pending = checks.get(value);
    if (!pending) checks.set(value, (pending = request.check(value)));
    return pending;
  };
  const entered = await vscode.window.showInputBox({
    title: `SSH tunnel of ${request.label} (${request.bastion})`,
    prompt: `Passphrase of the private key ${request.keyFile} (kept in VS Code’s secret storage)`,
    password: true,
    ignoreFocusOut: true,
    validateInput: async (value) =>
      value && (await check(value)) === 'wrong' ? 'This passphrase does not open the key.' : undefined,
  });
  if (!entered) return undefined;
  if ((await check(entered)) === 'opens') await secrets.store(request.secretKey, entered);
  return entered;
}
