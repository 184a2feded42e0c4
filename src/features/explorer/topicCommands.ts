import * as vscode from 'vscode';
import { Commands, type TreeNodeArg } from '../../contract/commands';
import type { Backend, CreateTopicInput } from '../../services/backend';
import type { ClusterRef, ConfigRow } from '../../services/clusterModel';
import { assertExpressAllows, expressReadOnly } from '../../services/expressRules';
import { assertWritable } from '../../services/readOnly';
import type { MskSettings } from '../../services/settingsModel';
import { CancellationError } from '../../shared/errors';
import type { ExplorerView } from './tree/explorerView';
import { TopicConfigNode, TopicNode } from './tree/nodes';
import type { ReadOnlyDocuments } from '../../ui/jsonDocuments';
import { leafData, resolveCluster, resolveTopic } from './pickers';
import type { CommandRegistry } from '../../ui/commands/registerCommand';

interface Deps {
  backend: Backend;
  view: ExplorerView;
  settings: () => MskSettings;
  docs: ReadOnlyDocuments;
}

export function registerTopicCommands(commands: CommandRegistry, deps: Deps): void {
  const { backend, view, settings, docs } = deps;

  commands.register(Commands.createTopic, async (node) => {
    const cluster = await resolveCluster(node, backend, view, 'Create a topic in…');
    assertWritable(cluster, settings(), 'Create topic');
    const input = await askCreateTopic(cluster.name);
    const problems = await backend.validateTopic(cluster, input);
    if (problems.length) {
      void vscode.window.showErrorMessage(`Topic not created: ${problems.join(' ')}`);
      return;
    }
    await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `Creating topic ${input.name}…` },
      () => backend.createTopic(cluster, input),
    );
    view.reloadTopics(cluster);
    void vscode.window.showInformationMessage(
      `Topic “${input.name}” created in ${cluster.name}${viaApiNote(backend, cluster, 'list')}.`,
    );
  });

  commands.register(Commands.deleteTopic, async (node) => {
    const cluster = await resolveCluster(node, backend, view, 'Delete a topic from…');
    assertWritable(cluster, settings(), 'Delete topic');
    const topic = await resolveTopic(node, cluster, backend);
    assertWritable(cluster, settings(), `Delete topic “${topic}”`);
    const typed = await vscode.window.showInputBox({
      title: `Delete topic “${topic}” from ${cluster.name}`,
      prompt: `This deletes the topic and all its messages. Type the topic name to confirm.`,
      placeHolder: topic,
      validateInput: (v) => (v === topic ? undefined : 'Type the exact topic name to confirm'),
    });
    if (typed !== topic) throw new CancellationError();
    await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `Deleting topic ${topic}…` },
      () => backend.deleteTopic(cluster, topic),
    );
    view.reloadTopics(cluster);
    void vscode.window.showInformationMessage(
      `Topic “${topic}” deleted from ${cluster.name}${viaApiNote(backend, cluster, 'list')}.`,
    );
  });

  commands.register(Commands.showTopicConfig, async (node) => {
    const target = node instanceof TopicConfigNode ? node.topicNode : node;
    const cluster = await resolveCluster(target, backend, view);
    const topic = await resolveTopic(target, cluster, backend);
    const rows = await backend.ops(cluster).topicConfig(topic);
    await docs.show(`${cluster.name}/${topic}.config.properties`, formatConfig(cluster.name, topic, rows));
  });

  commands.register(Commands.editTopicConfig, async (node) => {
    const entry = leafData<ConfigRow>(node);
    const topicNode = findTopicNode(node);
    const cluster = await resolveCluster(topicNode ?? node, backend, view, 'Edit a topic config in…');
    assertWritable(cluster, settings(), 'Edit topic configuration');
    const topic = await resolveTopic(topicNode, cluster, backend);
    const rows = await backend.ops(cluster).topicConfig(topic);
    let key = entry?.name;
    if (!key) {
      const picked = await vscode.window.showQuickPick(
        rows
          .filter((r) => !r.readOnly)
          .map((r) => ({
            label: r.name,
            description: `${r.isSensitive ? '(sensitive)' : (r.value ?? '')} · ${r.source}${expressReadOnly(cluster, r.name) ? ' · read-only on Express brokers' : ''}`,
          })),
        { title: `Configuration of ${topic}`, placeHolder: 'Config to override' },
      );
      if (!picked) throw new CancellationError();
      key = picked.label;
    }
    // An Express cluster refuses most topic configs: say so before asking for a value.
    assertExpressAllows(cluster, key);
    const current = rows.find((r) => r.name === key);
    const value = await vscode.window.showInputBox({
      title: `${topic}: ${key}`,
      prompt: current?.isOverride
        ? `Current override: ${current.value ?? ''}. Leave empty to remove the override (back to ${key}'s default).`
        : `Default: ${current?.value ?? ''}. Enter the override value.`,
      value: current?.isOverride ? (current.value ?? '') : '',
    });
    if (value === undefined) throw new CancellationError();
    await backend.setTopicConfig(cluster, topic, key, value.trim() === '' ? null : value.trim());
    if (topicNode) topicNode.configNode.reload();
    void vscode.window.showInformationMessage(
      (value.trim() === '' ? `Override of ${key} removed from ${topic}` : `${key} = ${value.trim()} set on ${topic}`) +
        `${viaApiNote(backend, cluster, 'configuration')}.`,
    );
  });
}

/** When the cluster's topics go through the MSK API: changes show there after about a minute. */
function viaApiNote(backend: Backend, cluster: ClusterRef, what: string): string {
  return backend.ops(cluster).topicSource?.()?.kind === 'mskApi'
    ? ` through the MSK API (its topic ${what} shows the change within about a minute)`
    : '';
}

function findTopicNode(node: TreeNodeArg | undefined): TopicNode | undefined {
  for (let n = node; n; n = n.parent) if (n instanceof TopicNode) return n;
  return undefined;
}

async function askCreateTopic(clusterName: string): Promise<CreateTopicInput> {
  const title = `Create topic in ${clusterName}`;
  const name = await vscode.window.showInputBox({
    title: `${title} (1/4)`,
    prompt: 'Topic name: letters, digits, “.”, “_” and “-”, at most 249 characters',
    validateInput: (v) =>
      !v.trim()
        ? 'A name is required'
        : /^[a-zA-Z0-9._-]+$/.test(v.trim())
          ? v.trim().length > 249
            ? 'At most 249 characters'
            : v.trim() === '.' || v.trim() === '..'
              ? '“.” and “..” are not allowed'
              : undefined
          : 'Only letters, digits, “.”, “_” and “-”',
  });
  if (name === undefined) throw new CancellationError();
  const partitions = await askInt(`${title} (2/4)`, 'Number of partitions', '3', 1, 100_000);
  const replicationFactor = await askInt(`${title} (3/4)`, 'Replication factor', '1', 1, 32);
  const configText = await vscode.window.showInputBox({
    title: `${title} (4/4)`,
    prompt:
      'Topic configs (optional): key=value, separated by commas, e.g. retention.ms=86400000, cleanup.policy=compact',
    validateInput: (v) => parseConfigs(v).error,
  });
  if (configText === undefined) throw new CancellationError();
  return { name: name.trim(), partitions, replicationFactor, configs: parseConfigs(configText).configs };
}

async function askInt(title: string, prompt: string, value: string, min: number, max: number): Promise<number> {
  const text = await vscode.window.showInputBox({
    title,
    prompt,
    value,
    validateInput: (v) => {
      const n = Number(v);
      return Number.isInteger(n) && n >= min && n <= max ? undefined : `A whole number from ${min} to ${max}`;
    },
  });
  if (text === undefined) throw new CancellationError();
  return Number(text);
}

export function parseConfigs(text: string): { configs: Record<string, string>; error?: string } {
  const configs: Record<string, string> = {};
  for (const part of text
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const eq = part.indexOf('=');
    if (eq <= 0 || eq === part.length - 1) return { configs, error: `“${part}” is not key=value` };
    const key = part.slice(0, eq).trim();
    if (!/^[a-z0-9.]+$/.test(key)) return { configs, error: `“${key}” is not a config name` };
    configs[key] = part.slice(eq + 1).trim();
  }
  return { configs };
}

function formatConfig(cluster: string, topic: string, rows: ConfigRow[]): string {
  const overrides = rows.filter((r) => r.isOverride).sort((a, b) => a.name.localeCompare(b.name));
  const rest = rows.filter((r) => !r.isOverride).sort((a, b) => a.name.localeCompare(b.name));
  const line = (r: ConfigRow) => `${r.name}=${r.isSensitive ? '(sensitive)' : (r.value ?? '')}`;
  if (rows.length > 0 && rows.every((r) => r.source === 'MSK API')) {
    return [
      `# Configuration of topic ${topic} on ${cluster} (read-only view)`,
      '# Read through the MSK API: it may be about a minute old, and it does not say which values are overrides.',
      '',
      ...[...rows].sort((a, b) => a.name.localeCompare(b.name)).map(line),
      '',
    ].join('\n');
  }
  return [
    `# Configuration of topic ${topic} on ${cluster} (read-only view)`,
    '',
    `# Overrides set on the topic (${overrides.length})`,
    ...overrides.map(line),
    '',
    '# Defaults (from the broker or Kafka), with where each comes from',
    ...rest.map((r) => `${line(r)}    # ${r.source}`),
    '',
  ].join('\n');
}
