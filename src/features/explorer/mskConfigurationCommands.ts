/**
 * MSK cluster configuration commands: open a revision's server.properties (from a revision node or
 * a cluster's configuration node) as a read-only document, and compare it with another revision of
 * the same configuration (quick pick, the previous revision first).
 */
import * as vscode from 'vscode';
import { Commands, type TreeNodeArg } from '../../contract/commands';
import { isOpenMskConfigurationRevisionArgs, type OpenMskConfigurationRevisionArgs } from '../../contract/crossFeature';
import type { ClusterRef } from '../../services/clusterModel';
import type { Backend } from '../../services/backend';
import type { MskConfigurations } from '../../services/mskConfigurations';
import { UserError } from '../../shared/errors';
import type { CommandRegistry } from '../../ui/commands/registerCommand';
import {
  ClusterConfigurationNode,
  clusterRevisionTarget,
  MskConfigurationRevisionNode,
  type MskConfigurationRevisionTarget,
} from './tree/nodes';
import { MskConfigurationDocuments, type RevisionDocContent } from './mskConfigurationDocuments';

export function registerMskConfigurationCommands(
  commands: CommandRegistry,
  deps: { backend: Backend; subscriptions: vscode.Disposable[] },
): void {
  const configurations = deps.backend.mskConfigurations?.();
  const docs = new MskConfigurationDocuments();
  deps.subscriptions.push(docs);
  const api = (): MskConfigurations => {
    if (!configurations) throw new UserError('MSK configurations need the AWS layer, which this window lacks.');
    return configurations;
  };
  const loading = <T>(title: string, work: () => Promise<T>): Thenable<T> =>
    vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title }, work);
  const content = async (t: MskConfigurationRevisionTarget, revision = t.revision): Promise<RevisionDocContent> => {
    const rev = await api().revision(t.scope, t.arn, revision);
    return { arn: t.arn, name: t.name, revision: rev.revision, serverProperties: rev.serverProperties };
  };

  commands.register(Commands.openMskConfigurationRevision, async (node) => {
    const target = targetOf(node);
    await docs.show(await loading('Reading MSK configuration…', () => content(target)));
  });

  commands.register(Commands.compareMskConfigurationRevisions, async (node) => {
    const target = targetOf(node);
    const revisions = await loading('Reading MSK configuration revisions…', () =>
      api().revisions(target.scope, target.arn),
    );
    const others = revisions.filter((r) => r.revision !== target.revision);
    if (others.length === 0) {
      throw new UserError(`The MSK configuration “${target.name}” has no other revision to compare with.`);
    }
    // The previous revision first (Enter picks it); then the rest, newest first.
    const previous =
      others.filter((r) => r.revision < target.revision).sort((a, b) => b.revision - a.revision)[0] ?? others[0];
    const ordered = [previous, ...others.filter((r) => r !== previous)];
    const picked = await vscode.window.showQuickPick(
      ordered.map((r) => ({
        label: `Revision ${r.revision}`,
        description: [
          r === previous ? 'previous' : undefined,
          r.description,
          r.creationTime?.toISOString().slice(0, 10),
        ]
          .filter(Boolean)
          .join(' · '),
        revision: r.revision,
      })),
      { title: `Compare ${target.name} revision ${target.revision} with…`, placeHolder: 'Another revision' },
    );
    if (!picked) return;
    const [older, newer] = [picked.revision, target.revision].sort((a, b) => a - b) as [number, number];
    const [left, right] = await loading('Reading MSK configurations…', () =>
      Promise.all([content(target, older), content(target, newer)]),
    );
    await docs.diff(left, right);
  });
}

function targetOf(node: TreeNodeArg | OpenMskConfigurationRevisionArgs | undefined): MskConfigurationRevisionTarget {
  if (node instanceof MskConfigurationRevisionNode) return node.target;
  if (node instanceof ClusterConfigurationNode) return runningRevision(node.cluster);
  if (isOpenMskConfigurationRevisionArgs(node)) return runningRevision(node.cluster);
  throw new UserError(
    'Pick an MSK configuration revision in the Amazon MSK view (the MSK configurations folder of a region, or a provisioned cluster’s MSK configuration item). Serverless clusters have no MSK configurations.',
  );
}

/** The revision a cluster runs (from its tree item or its overview). */
function runningRevision(cluster: ClusterRef): MskConfigurationRevisionTarget {
  const target = clusterRevisionTarget(cluster);
  if (target) return target;
  throw new UserError(`The cluster ${cluster.name} runs MSK’s default configuration: there is no revision to open.`, {
    hint: 'Clusters on a custom MSK configuration show its name and revision here.',
  });
}
