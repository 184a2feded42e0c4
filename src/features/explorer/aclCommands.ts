/**
 * ACL commands of the Clusters view: Add ACL… (from an ACLs folder, a cluster, topic or group, or
 * the palette), Delete ACL… (from a binding) and Show ACLs (a group's bindings in a quick pick,
 * since groups are leaves of the tree). Changes are refused in read-only mode and on IAM connections.
 */
import * as vscode from 'vscode';
import { Commands, type TreeNodeArg } from '../../contract/commands';
import type { AclOps, AclScope } from '../../services/aclOps';
import type { Backend } from '../../services/backend';
import type { ClusterRef } from '../../services/clusterModel';
import { assertWritable } from '../../services/readOnly';
import type { MskSettings } from '../../services/settingsModel';
import { describeBinding, validateAclBinding, type AclBinding } from '../../shared/aclValidation';
import { CancellationError, UserError } from '../../shared/errors';
import { iamPolicyStatement } from '../../shared/iamPolicy';
import type { CommandRegistry } from '../../ui/commands/registerCommand';
import { askAclBinding, confirmCreate, confirmDelete } from './aclForm';
import { leafData, resolveCluster } from './pickers';
import type { ExplorerView } from './tree/explorerView';
import { AclsNode, ClusterNode, GroupNode, TopicNode, type AclLeafData } from './tree/nodes';
import { matchText } from './tree/nodes/aclNodes';

interface Deps {
  backend: Backend;
  view: ExplorerView;
  settings: () => MskSettings;
}

export function registerAclCommands(commands: CommandRegistry, deps: Deps): void {
  const { backend, view, settings } = deps;
  const opsOf = (cluster: ClusterRef): AclOps => {
    const ops = backend.ops(cluster).acls?.();
    if (!ops) throw new UserError(`${cluster.name} cannot manage ACLs.`);
    return ops;
  };

  const add = async (node: TreeNodeArg | undefined): Promise<void> => {
    const cluster = await resolveCluster(node, backend, view, 'Add an ACL to…');
    assertWritable(cluster, settings(), 'Create ACL');
    await opsOf(cluster).assertAclConnection();
    const binding = await askAclBinding(cluster.name, scopeOf(node));
    const problems = validateAclBinding(binding);
    if (problems.length) {
      void vscode.window.showErrorMessage(`ACL not created: ${problems.join(' ')}`);
      return;
    }
    if (!(await confirmCreate(cluster.name, binding))) throw new CancellationError();
    assertWritable(cluster, settings(), 'Create ACL');
    await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `Creating ACL on ${cluster.name}…` },
      () => opsOf(cluster).create(binding),
    );
    reloadAclFolders(node);
    void vscode.window.showInformationMessage(`ACL created on ${cluster.name}: ${describeBinding(binding)}.`);
  };

  const remove = async (cluster: ClusterRef, binding: AclBinding, node: TreeNodeArg | undefined): Promise<void> => {
    assertWritable(cluster, settings(), 'Delete ACL');
    if (!(await confirmDelete(cluster.name, binding))) throw new CancellationError();
    assertWritable(cluster, settings(), 'Delete ACL');
    const deleted = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `Deleting ACL from ${cluster.name}…` },
      () => opsOf(cluster).delete(binding),
    );
    reloadAclFolders(node);
    void vscode.window.showInformationMessage(
      deleted === 0
        ? `No ACL deleted from ${cluster.name}: the binding was already gone (${describeBinding(binding)}).`
        : `Deleted ${deleted} ACL binding${deleted === 1 ? '' : 's'} from ${cluster.name}: ${describeBinding(binding)}.`,
    );
  };

  commands.register(Commands.addAcl, add);

  commands.register(Commands.deleteAcl, async (node) => {
    const data = leafData<AclLeafData>(node);
    if (!data?.binding) throw new UserError('Choose the ACL to delete in the Clusters view (an ACLs folder).');
    const cluster = await resolveCluster(node, backend, view);
    await remove(cluster, data.binding, node);
  });

  commands.register(Commands.showGroupAcls, async (node) => {
    if (!(node instanceof GroupNode)) throw new UserError('Choose a consumer group in the Clusters view.');
    const cluster = await resolveCluster(node, backend, view);
    const scope: AclScope = { kind: 'group', name: node.groupId };
    const listing = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Window, title: `Reading the ACLs of ${node.groupId}…` },
      () => opsOf(cluster).list(scope),
    );
    if (listing.kind === 'iam') {
      const copy = 'Copy IAM Policy Statement';
      const answer = await vscode.window.showInformationMessage(
        `${cluster.name} signs in with IAM: Kafka ACLs do not govern IAM principals. Grant or deny group access in an IAM policy (${listing.note.actions.join(', ')} on ${listing.note.resource}).`,
        copy,
      );
      if (answer === copy)
        await vscode.env.clipboard.writeText(iamPolicyStatement(listing.note.actions, listing.note.resource));
      return;
    }
    type Item = vscode.QuickPickItem & { binding?: AclBinding; add?: true };
    const items: Item[] = [
      { label: '$(add) Add ACL for this group…', add: true },
      ...listing.bindings.map((b) => ({
        label: `${b.permission} ${b.operation} · ${b.principal}`,
        description: [matchText(b), b.host === '*' ? '' : `host ${b.host}`].filter(Boolean).join(' · '),
        binding: b,
      })),
    ];
    const picked = await vscode.window.showQuickPick(items, {
      title: `ACLs that apply to group ${node.groupId} (${listing.bindings.length})`,
      placeHolder: listing.bindings.length ? 'Pick a binding to delete it, or add one' : 'No ACLs apply to this group',
    });
    if (!picked) throw new CancellationError();
    if (picked.add) return add(node);
    if (picked.binding) await remove(cluster, picked.binding, node);
  });
}

/** The resource the form fills in, from where it was started. */
function scopeOf(node: TreeNodeArg | undefined): AclScope {
  if (node instanceof AclsNode) return node.scope;
  if (node instanceof TopicNode) return { kind: 'topic', name: node.topic.name };
  if (node instanceof GroupNode) return { kind: 'group', name: node.groupId };
  return { kind: 'cluster' };
}

/** Reloads the ACLs folders a change may show in: the cluster's, and the one the command came from. */
function reloadAclFolders(node: TreeNodeArg | undefined): void {
  const folders = new Set<AclsNode>();
  for (let n = node; n; n = n.parent) {
    if (n instanceof AclsNode) folders.add(n);
    if (n instanceof TopicNode) folders.add(n.aclsNode);
    if (n instanceof ClusterNode) for (const f of n.folders) if (f instanceof AclsNode) folders.add(f);
  }
  for (const f of folders) f.reload();
}
