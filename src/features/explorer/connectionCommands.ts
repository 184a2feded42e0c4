import { randomUUID } from 'node:crypto';
import * as vscode from 'vscode';
import { Commands, type TreeNodeArg } from '../../contract/commands';
import { readSettings, updateSetting } from '../../config/settings';
import { manualPasswordKey } from '../../services/mskBackend';
import type { ManualAuthKind, ManualConnectionSetting } from '../../services/settingsModel';
import { CancellationError, UserError } from '../../shared/errors';
import { bootstrapListProblem } from '../../shared/hostPort';
import { connectionTunnelPassphraseKey } from '../../services/tunnelSettings';
import { clusterOfNode } from './pickers';
import { askTunnel } from './tunnelStep';
import { askText } from '../../ui/askText';
import type { CommandRegistry } from '../../ui/commands/registerCommand';

const AUTH_CHOICES: { authKind: ManualAuthKind; label: string; detail: string }[] = [
  {
    authKind: 'plaintext',
    label: 'Plaintext',
    detail: 'No encryption, no authentication (local or trusted networks only)',
  },
  { authKind: 'tls', label: 'TLS', detail: 'Encrypted, no client authentication' },
  { authKind: 'mtls', label: 'Mutual TLS', detail: 'Encrypted, with a client certificate and key (PEM files)' },
  { authKind: 'scram-sha-512', label: 'SASL/SCRAM-SHA-512', detail: 'User name and password over TLS (as MSK uses)' },
  { authKind: 'scram-sha-256', label: 'SASL/SCRAM-SHA-256', detail: 'User name and password over TLS' },
  { authKind: 'iam', label: 'AWS IAM', detail: 'SASL/OAUTHBEARER tokens signed with an AWS profile (MSK IAM)' },
];

export function registerConnectionCommands(commands: CommandRegistry, secrets: vscode.SecretStorage): void {
  commands.register(Commands.addConnection, async () => {
    const conn = await askConnection(undefined, secrets);
    const list = readSettings().connections.filter((c) => c.id !== conn.id);
    await updateSetting('msk.connections', [...list, conn]);
    void vscode.window.showInformationMessage(`Kafka connection “${conn.name}” added.`);
  });

  commands.register(Commands.editConnection, async (node) => {
    const existing = await pickConnection(node, 'Edit Kafka connection');
    const conn = await askConnection(existing, secrets);
    await updateSetting(
      'msk.connections',
      readSettings().connections.map((c) => (c.id === conn.id ? conn : c)),
    );
  });

  commands.register(Commands.removeConnection, async (node) => {
    const existing = await pickConnection(node, 'Remove Kafka connection');
    const answer = await vscode.window.showWarningMessage(
      `Remove the Kafka connection “${existing.name}”? Its stored password is deleted too; the cluster is not touched.`,
      { modal: true },
      'Remove',
    );
    if (answer !== 'Remove') throw new CancellationError();
    await secrets.delete(manualPasswordKey(existing.id));
    await secrets.delete(connectionTunnelPassphraseKey(existing.id));
    await updateSetting(
      'msk.connections',
      readSettings().connections.filter((c) => c.id !== existing.id),
    );
  });
}

async function pickConnection(node: TreeNodeArg | undefined, title: string): Promise<ManualConnectionSetting> {
  const connections = readSettings().connections;
  const cluster = clusterOfNode(node);
  const fromNode = cluster?.source === 'manual' ? connections.find((c) => `manual:${c.id}` === cluster.key) : undefined;
  if (fromNode) return fromNode;
  if (connections.length === 0)
    throw new UserError('There are no Kafka connections yet.', { hint: 'Add one with “MSK: Add Kafka Connection…”.' });
  const picked = await vscode.window.showQuickPick(
    connections.map((c) => ({ label: c.name, description: `${c.auth} · ${c.bootstrapServers}`, conn: c })),
    { title },
  );
  if (!picked) throw new CancellationError();
  return picked.conn;
}

async function askConnection(
  existing: ManualConnectionSetting | undefined,
  secrets: vscode.SecretStorage,
): Promise<ManualConnectionSetting> {
  const title = existing ? `Edit ${existing.name}` : 'Add Kafka connection';
  const name = await input(title, 'A name for this connection', existing?.name, (v) =>
    v.trim() ? undefined : 'A name is required',
  );
  const bootstrapServers = await input(
    title,
    'Bootstrap servers: host:port, comma-separated',
    existing?.bootstrapServers,
    bootstrapListProblem,
  );
  const auth = await vscode.window.showQuickPick(
    AUTH_CHOICES.map((a) => ({ ...a, picked: a.authKind === existing?.auth })),
    { title, placeHolder: 'Authentication' },
  );
  if (!auth) throw new CancellationError();
  const conn: ManualConnectionSetting = {
    id: existing?.id ?? randomUUID(),
    name: name.trim(),
    bootstrapServers: bootstrapServers.trim(),
    auth: auth.authKind,
  };
  if (auth.authKind !== 'plaintext' && auth.authKind !== 'iam') {
    const ca = await input(
      title,
      'CA bundle file (PEM), or empty to trust the system CAs',
      existing?.caFile,
      () => undefined,
      true,
    );
    if (ca.trim()) conn.caFile = ca.trim();
  }
  if (auth.authKind === 'mtls') {
    conn.certFile = (await input(title, 'Client certificate file (PEM)', existing?.certFile, required)).trim();
    conn.keyFile = (await input(title, 'Client private key file (PEM)', existing?.keyFile, required)).trim();
  }
  if (auth.authKind === 'scram-sha-512' || auth.authKind === 'scram-sha-256') {
    conn.username = (await input(title, 'SCRAM user name', existing?.username, required)).trim();
    const password = await vscode.window.showInputBox({
      title,
      prompt: existing
        ? 'SCRAM password (leave empty to keep the stored one)'
        : 'SCRAM password (kept in VS Code’s secret storage)',
      password: true,
      ignoreFocusOut: true,
    });
    if (password === undefined) throw new CancellationError();
    if (password) await secrets.store(manualPasswordKey(conn.id), password);
    else if (!existing) throw new UserError('A SCRAM password is required.');
  }
  if (auth.authKind === 'iam') {
    const profile = await input(
      title,
      'AWS profile that signs the tokens (empty: the explorer’s profile)',
      existing?.awsProfile,
      () => undefined,
      true,
    );
    if (profile.trim()) conn.awsProfile = profile.trim();
    conn.region = (await input(title, 'AWS region of the cluster', existing?.region ?? 'us-east-1', required)).trim();
  }
  const tunnel = await askTunnel(title, existing?.sshTunnel);
  if (tunnel) conn.sshTunnel = tunnel;
  return conn;
}

function required(v: string): string | undefined {
  return v.trim() ? undefined : 'Required';
}

function input(
  title: string,
  prompt: string,
  value: string | undefined,
  validate: (v: string) => string | undefined,
  optional = false,
): Promise<string> {
  return askText(title, prompt, value, validate, { optional });
}
