/**
 * MSK: Find Topic or Consumer Group… — one quick pick over the topic and group names of every
 * cluster the Clusters view knows (each AWS profile and region it lists, and the Kafka connections).
 * Names stream in as each cluster answers (src/services/find/clusterSearch.ts: bounded concurrency,
 * cached for this quick pick), grouped by cluster; a cluster that fails shows one item with the
 * reason. The quick pick filters by itself. Choosing an item reveals and selects it in the tree and
 * opens it as its click would: a topic expands, a group opens its lag view.
 */
import * as vscode from 'vscode';
import { Commands } from '../../contract/commands';
import type { Backend } from '../../services/backend';
import type { ClusterRef } from '../../services/clusterModel';
import { ClusterSearch, type ClusterAnswer, type FoundItem } from '../../services/find/clusterSearch';
import type { MskSettings } from '../../services/settingsModel';
import { errorMessage, UserError } from '../../shared/errors';
import { executeCommand, type CommandRegistry } from '../../ui/commands/registerCommand';
import { allClusters } from './pickers';
import type { ExplorerView } from './tree/explorerView';

interface Deps {
  backend: Backend;
  view: ExplorerView;
  settings: () => MskSettings;
}

type PickItem = vscode.QuickPickItem & {
  found?: FoundItem;
  failure?: { cluster: ClusterRef; text: string; hint?: string };
};

/** Where a cluster lives, for descriptions: "orders · dev · eu-west-1" or "local · Kafka connection". */
export function clusterPlace(c: ClusterRef): string {
  const where = c.source === 'manual' ? ['Kafka connection'] : [c.profile ?? 'default chain', c.region];
  return [c.name, ...where].filter(Boolean).join(' · ');
}

/** One item per reason a cluster was not (fully) searched: topics and groups failing alike make one. */
function failureItems(a: ClusterAnswer): PickItem[] {
  const byMessage = new Map<string, ClusterAnswer['failures']>();
  for (const f of a.failures) byMessage.set(f.message, [...(byMessage.get(f.message) ?? []), f]);
  return [...byMessage.values()].map((fails) => {
    const what =
      fails.length === a.failures.length && fails.length > 1
        ? 'not searched'
        : `${fails.map((f) => f.what).join(', ')} not searched`;
    const { message, hint } = fails[0];
    return {
      label: `$(error) ${a.cluster.name}: ${what}`,
      description: message,
      detail: hint,
      alwaysShow: true,
      failure: { cluster: a.cluster, text: `${a.cluster.name}: ${what}: ${message}`, hint },
    };
  });
}

function itemsOf(answers: readonly ClusterAnswer[]): PickItem[] {
  const items: PickItem[] = [];
  for (const a of answers) {
    items.push({ label: clusterPlace(a.cluster), kind: vscode.QuickPickItemKind.Separator });
    for (const f of a.items) {
      items.push({
        label: `$(${f.kind === 'topic' ? 'symbol-event' : 'organization'}) ${f.name}`,
        description: `${f.kind === 'topic' ? 'topic' : 'consumer group'} · ${clusterPlace(f.cluster)}`,
        detail: f.detail,
        found: f,
      });
    }
    items.push(...failureItems(a));
  }
  return items;
}

const sameItem = (a: FoundItem, b: FoundItem): boolean =>
  a.kind === b.kind && a.name === b.name && a.cluster.key === b.cluster.key;

export function registerFindCommand(commands: CommandRegistry, deps: Deps): void {
  const { backend, view, settings } = deps;

  commands.register(Commands.findTopicOrGroup, async () => {
    const qp = vscode.window.createQuickPick<PickItem>();
    qp.title = 'Find Topic or Consumer Group';
    qp.placeholder = 'Part of a topic or consumer group name';
    qp.matchOnDescription = false;
    qp.matchOnDetail = false;
    qp.keepScrollPosition = true;
    qp.busy = true;
    qp.show();
    const chosen = new Promise<PickItem | undefined>((resolve) => {
      qp.onDidAccept(() => resolve(qp.selectedItems[0] ?? qp.activeItems[0]));
      qp.onDidHide(() => resolve(undefined));
    });
    let closed = false;
    void chosen.then(() => (closed = true));
    const answers: ClusterAnswer[] = [];
    const search = new ClusterSearch({
      ops: (c) => backend.ops(c),
      showInternalTopics: () => settings().showInternalTopics,
    });
    const searching = (async () => {
      const clusters = await allClusters(backend, view);
      if (clusters.length === 0) {
        qp.items = [{ label: 'No clusters: select an AWS profile and region, or add a Kafka connection.' }];
        return;
      }
      qp.title = `Find Topic or Consumer Group — 0 of ${clusters.length} clusters answered`;
      await search.search(clusters, (answer) => {
        if (closed) return;
        answers.push(answer);
        qp.title = `Find Topic or Consumer Group — ${answers.length} of ${clusters.length} clusters answered`;
        // Keep what the person has moved to while more clusters answer.
        const active = qp.activeItems[0]?.found;
        qp.items = itemsOf(answers);
        const same = active && qp.items.find((i) => i.found && sameItem(i.found, active));
        if (same) qp.activeItems = [same];
      });
    })()
      .catch((err: unknown) => {
        if (!closed)
          qp.items = [{ label: `$(error) Could not list the clusters: ${errorMessage(err)}`, alwaysShow: true }];
      })
      .finally(() => {
        if (!closed) qp.busy = false;
      });
    const picked = await chosen;
    qp.dispose();
    void searching;
    if (!picked) return;
    if (picked.failure) {
      const { cluster, text, hint } = picked.failure;
      throw new UserError(text, {
        hint: hint ?? 'Diagnose the connection to see which step fails.',
        actions: [
          {
            title: 'Diagnose Connection',
            command: Commands.diagnoseConnection.id,
            args: [{ kind: 'diagnoseConnection', cluster }],
          },
        ],
      });
    }
    if (picked.found) await open(view, picked.found);
  });
}

/** Reveals and selects the item in the tree, then opens it as its click would. */
async function open(view: ExplorerView, found: FoundItem): Promise<void> {
  const node = await view.itemNode(found.cluster, found.kind, found.name);
  if (!node) {
    throw new UserError(`${found.name} is not shown in the Clusters view under ${found.cluster.name}.`, {
      hint:
        found.kind === 'topic'
          ? 'Internal topics show only with msk.showInternalTopics; otherwise Refresh the view and try again.'
          : 'Refresh the view and try again.',
    });
  }
  await view.treeView.reveal(node, { select: true, focus: true, expand: found.kind === 'topic' });
  if (found.kind === 'group') await executeCommand(Commands.showGroupLag, node);
}
