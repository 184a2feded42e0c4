/**
 * `msk.setSchemaRegistrySecret`: the password (basic auth) or token (bearer) of a Confluent-compatible
 * registry set in `msk.schemaRegistries`, kept in VS Code's secret storage (never in settings or logs).
 * The registries' caches are cleared so the next record asks again with it.
 */
import * as vscode from 'vscode';
import { Commands } from '../../contract/commands';
import { readSettings } from '../../config/settings';
import type { Backend } from '../../services/backend';
import { schemaRegistrySecretKey } from '../../services/schemaSettings';
import { UserError } from '../../shared/errors';
import type { CommandRegistry } from '../../ui/commands/registerCommand';

export function registerSchemaRegistrySecret(
  commands: CommandRegistry,
  secrets: vscode.SecretStorage,
  backend: Backend,
): void {
  commands.register(Commands.setSchemaRegistrySecret, async () => {
    const registries = (readSettings().schemaRegistries ?? []).filter((r) => r.auth !== 'none');
    if (registries.length === 0) {
      throw new UserError('No schema registry with basic or bearer auth is set.', {
        hint: 'Add one to the setting msk.schemaRegistries (cluster, url, auth, username), then run this again.',
      });
    }
    const picked =
      registries.length === 1
        ? registries[0]
        : (
            await vscode.window.showQuickPick(
              registries.map((r) => ({ label: r.cluster, description: r.url, registry: r })),
              { title: 'Set the secret of which schema registry?' },
            )
          )?.registry;
    if (!picked) return;
    const what = picked.auth === 'basic' ? `password of ${picked.username ?? 'the user'}` : 'bearer token';
    const secret = await vscode.window.showInputBox({
      title: `Schema registry ${picked.url}`,
      prompt: `The ${what} (kept in VS Code’s secret storage)`,
      password: true,
      ignoreFocusOut: true,
    });
    if (!secret) return;
    await secrets.store(schemaRegistrySecretKey(picked.cluster), secret);
    backend.schemaRegistries?.().clear();
    void vscode.window.showInformationMessage(`The ${what} for ${picked.url} is stored.`);
  });
}
