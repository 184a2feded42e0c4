/**
 * Broker configuration commands: show a broker's (or the cluster-wide defaults') configuration as a
 * read-only document, set a dynamic value, remove an override. Changes go through
 * IncrementalAlterConfigs (one config at a time; nothing else of the broker is touched).
 */
import * as vscode from 'vscode';
import { Commands, type TreeNodeArg } from '../../contract/commands';
import type { Backend } from '../../services/backend';
import { brokerConfigValueText, type BrokerConfigOps, type BrokerConfigRow } from '../../services/brokerConfigOps';
import type { ClusterRef } from '../../services/clusterModel';
import { assertWritable } from '../../services/readOnly';
import type { MskSettings } from '../../services/settingsModel';
import { CancellationError, UserError } from '../../shared/errors';
import type { CommandRegistry } from '../../ui/commands/registerCommand';
import type { ReadOnlyDocuments } from '../../ui/jsonDocuments';
import { leafData, resolveCluster } from './pickers';
import type { ExplorerView } from './tree/explorerView';
import { BrokerNode, type BrokerConfigLeafData } from './tree/nodes';

interface Deps {
  backend: Backend;
  view: ExplorerView;
  settings: () => MskSettings;
  docs: ReadOnlyDocuments;
}

/** Which configuration: a broker id, or null for the cluster-wide defaults. */
interface Scope {
  cluster: ClusterRef;
  broker: number | null;
  node?: BrokerNode;
}

const scopeText = (broker: number | null): string =>
  broker === null ? 'the cluster-wide defaults' : `broker ${broker}`;

export function registerBrokerConfigCommands(commands: CommandRegistry, deps: Deps): void {
  const { backend, view, settings, docs } = deps;

  const opsOf = (cluster: ClusterRef): BrokerConfigOps => {
    const ops = backend.ops(cluster).brokerConfigs?.();
    if (!ops)
      throw new UserError(`Broker configuration is not available for ${cluster.name}.`, { code: 'Unsupported' });
    return ops;
  };

  /** The scope of the clicked node, or the one picked (a broker, or the cluster-wide defaults). */
  const resolveScope = async (node: TreeNodeArg | undefined, title: string): Promise<Scope> => {
    const brokerNode = findBrokerNode(node);
    const cluster = await resolveCluster(brokerNode ?? node, backend, view, title);
    if (brokerNode) return { cluster, broker: brokerNode.brokerId, node: brokerNode };
    const brokers = await backend.ops(cluster).brokers();
    const picked = await vscode.window.showQuickPick(
      [
        { label: 'Cluster-wide defaults', description: 'dynamic configs every broker inherits', broker: null },
        ...brokers.map((b) => ({
          label: `Broker ${b.id}`,
          description: `${b.host}:${b.port}${b.isController ? ' · controller' : ''}`,
          broker: b.id,
        })),
      ],
      { title: `${title} ${cluster.name}`, placeHolder: 'Broker, or the cluster-wide defaults' },
    );
    if (!picked) throw new CancellationError();
    return { cluster, broker: picked.broker };
  };

  /** After a change: the scope's node, and for a cluster-wide change every broker (they inherit it). */
  const reloadAfter = (scope: Scope) => {
    const node = scope.node;
    if (!node) return;
    node.reload();
    if (scope.broker === null) node.brokersNode.reload();
  };

  const change = async (scope: Scope, row: BrokerConfigRow, value: string | null) => {
    const where = scopeText(scope.broker);
    const result = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `Updating ${row.name} on ${where}…` },
      () => opsOf(scope.cluster).set(scope.broker, row.name, value),
    );
    reloadAfter(scope);
    const done =
      value === null
        ? `Override of ${row.name} removed from ${where}`
        : `${row.name} = ${row.isSensitive ? '(sensitive)' : value} set on ${where}`;
    void vscode.window.showInformationMessage(
      result.applied
        ? `${done}.`
        : `${done}: Kafka accepted it, but the broker had not applied it after 10 s. Refresh the Brokers folder in a moment.`,
    );
  };

  commands.register(Commands.showBrokerConfig, async (node) => {
    const scope = await resolveScope(node, 'Show the broker configuration of');
    const rows = await opsOf(scope.cluster).read(scope.broker);
    const name = scope.broker === null ? 'cluster-defaults' : `broker-${scope.broker}`;
    await docs.show(`${scope.cluster.name}/${name}.config.properties`, formatBrokerConfig(scope, rows));
  });

  commands.register(Commands.editBrokerConfig, async (node) => {
    const entry = leafData<BrokerConfigLeafData>(node);
    const scope = await resolveScope(node, 'Edit a broker config of');
    assertWritable(scope.cluster, settings(), 'Edit broker configuration');
    const rows = await opsOf(scope.cluster).read(scope.broker);
    let name = entry?.row.name;
    if (!name) {
      const picked = await vscode.window.showQuickPick(
        rows
          .filter((r) => !r.readOnly)
          .map((r) => ({
            label: r.name,
            description: `${brokerConfigValueText(r)} · ${r.source}`,
          })),
        {
          title: `Dynamic configs of ${scopeText(scope.broker)} (${scope.cluster.name})`,
          placeHolder: 'Config to set (only dynamically updatable ones are listed)',
        },
      );
      if (!picked) throw new CancellationError();
      name = picked.label;
    }
    const row = rows.find((r) => r.name === name);
    if (!row) throw new UserError(`${scopeText(scope.broker)} has no config named ${name}.`, { code: 'NotFound' });
    if (row.readOnly) {
      throw new UserError(`${name} cannot be changed while the broker runs: it is not a dynamic config.`, {
        code: 'ReadOnlyConfig',
        hint:
          scope.cluster.source === 'msk'
            ? "Set it in the cluster's MSK configuration (a new revision, applied with a rolling restart)."
            : 'Set it in server.properties and restart the broker.',
      });
    }
    const value = await vscode.window.showInputBox({
      title: `${scopeText(scope.broker)}: ${name}`,
      prompt: row.isOverride
        ? `Set dynamically here: ${brokerConfigValueText(row)}, overriding ${brokerConfigValueText({ ...row.overrides!, isSensitive: row.isSensitive })} (${row.overrides!.source}). Leave empty to remove the override.`
        : `Now ${brokerConfigValueText(row)} (${row.source}). Enter the value to set dynamically for ${scope.broker === null ? 'every broker' : `broker ${scope.broker}`}.`,
      value: row.isOverride && !row.isSensitive ? (row.value ?? '') : '',
      password: row.isSensitive,
    });
    if (value === undefined) throw new CancellationError();
    const next = value.trim() === '' ? null : value.trim();
    if (next === null && !row.isOverride) throw new CancellationError();
    const confirm = next === null ? 'Remove Override' : 'Set';
    const answer = await vscode.window.showWarningMessage(
      next === null
        ? `Remove the override of ${name} on ${scopeText(scope.broker)}?`
        : `Set ${name} = ${row.isSensitive ? '(sensitive)' : next} on ${scopeText(scope.broker)}?`,
      {
        modal: true,
        detail:
          next === null
            ? `It goes back to ${brokerConfigValueText({ ...row.overrides!, isSensitive: row.isSensitive })} (${row.overrides!.source}).`
            : `Applied at once, without a restart${scope.broker === null ? ', by every broker without its own value' : ''}. It replaces ${brokerConfigValueText(row)} (${row.source}) until the override is removed.`,
      },
      confirm,
    );
    if (answer !== confirm) throw new CancellationError();
    await change(scope, row, next);
  });

  commands.register(Commands.removeBrokerConfigOverride, async (node) => {
    const entry = leafData<BrokerConfigLeafData>(node);
    if (!entry?.row.isOverride) throw new UserError('Pick an overridden broker config in the Brokers folder.');
    const scope = await resolveScope(node, 'Remove a broker config override of');
    assertWritable(scope.cluster, settings(), 'Remove broker config override');
    const row = entry.row;
    const below = `${brokerConfigValueText({ ...row.overrides!, isSensitive: row.isSensitive })} (${row.overrides!.source})`;
    const confirm = 'Remove Override';
    const answer = await vscode.window.showWarningMessage(
      `Remove the override of ${row.name} on ${scopeText(scope.broker)}?`,
      { modal: true, detail: `${row.name} goes back to ${below}, at once.` },
      confirm,
    );
    if (answer !== confirm) throw new CancellationError();
    await change(scope, row, null);
  });
}

function findBrokerNode(node: TreeNodeArg | undefined): BrokerNode | undefined {
  for (let n = node; n; n = n.parent) if (n instanceof BrokerNode) return n;
  return undefined;
}

function formatBrokerConfig(scope: Scope, rows: BrokerConfigRow[]): string {
  const line = (r: BrokerConfigRow) => `${r.name}=${brokerConfigValueText(r)}`;
  const overrides = rows.filter((r) => r.isOverride);
  const rest = rows.filter((r) => !r.isOverride);
  return [
    `# Configuration of ${scopeText(scope.broker)} on ${scope.cluster.name} (read-only view)`,
    '',
    `# Dynamic overrides (${overrides.length}), each with the value it overrides`,
    ...overrides.map(
      (r) =>
        `${line(r)}    # overrides ${brokerConfigValueText({ ...r.overrides!, isSensitive: r.isSensitive })} (${r.overrides!.source})`,
    ),
    '',
    '# Every other config, with where its value comes from ("read-only": not dynamically updatable, only server.properties and a restart change it)',
    ...rest.map((r) => `${line(r)}    # ${r.source}${r.readOnly ? ', read-only' : ''}`),
    '',
  ].join('\n');
}
