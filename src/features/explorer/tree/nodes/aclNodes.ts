/**
 * Kafka ACLs in the tree: an "ACLs" folder under each cluster (every binding) and under each topic
 * (the bindings that apply to it: literal, prefixed and the * wildcard, each saying which pattern
 * matched). On an IAM connection the folder holds one note instead: IAM policies, not ACLs, govern
 * IAM principals. Loads go through the paged branch (no I/O in getChildren).
 */
import * as vscode from 'vscode';
import { Commands, commandLink } from '../../../../contract/commands';
import { treeItemContext } from '../../../../contract/treeItemContext';
import type { AclListing, AclScope, IamAclNote } from '../../../../services/aclOps';
import type { ClusterRef } from '../../../../services/clusterModel';
import {
  bindingKey,
  describeResource,
  matchOf,
  RESOURCE_TYPE_LABEL,
  type AclBinding,
} from '../../../../shared/aclValidation';
import { UserError } from '../../../../shared/errors';
import { iamPolicyStatement } from '../../../../shared/iamPolicy';
import { BranchNode, ExplorerNode } from '../explorerNode';
import { byText, folderItem, isWritable, type ClusterEnv } from './env';
import { LeafNode } from './leafNode';

type AclItem = { kind: 'binding'; binding: AclBinding } | { kind: 'iam'; note: IamAclNote };

/** What an ACL leaf carries for its commands. */
export interface AclLeafData {
  binding: AclBinding;
  scope: AclScope;
}

/** Reads the ACL listing of a scope; a cluster without ACL support in its ops says so. */
export async function loadAcls(env: ClusterEnv, cluster: ClusterRef, scope: AclScope): Promise<AclListing> {
  const acls = env.opsFor(cluster).acls?.();
  if (!acls) throw new UserError(`${cluster.name} cannot list ACLs.`, { hint: 'Reload the window and try again.' });
  return acls.list(scope);
}

/** The "ACLs" folder of a cluster (scope cluster) or a topic (scope topic). */
export class AclsNode extends BranchNode<AclItem, ClusterEnv> {
  readonly id: string;
  constructor(
    parent: ExplorerNode,
    env: ClusterEnv,
    readonly clusterOf: () => ClusterRef,
    readonly scope: AclScope,
  ) {
    super(
      parent,
      env,
      async () => {
        const listing = await loadAcls(env, clusterOf(), scope);
        return {
          items:
            listing.kind === 'iam'
              ? [{ kind: 'iam', note: listing.note }]
              : listing.bindings.map((binding) => ({ kind: 'binding' as const, binding })),
        };
      },
      (item, f) => item.kind === 'iam' || byText(aclSearchText(item.binding), f),
    );
    this.id = `${parent.id}/acls`;
  }
  get cluster(): ClusterRef {
    return this.clusterOf();
  }
  protected keyOf(item: AclItem): string {
    return item.kind === 'iam' ? 'iam' : bindingKey(item.binding);
  }
  protected createChild(item: AclItem): ExplorerNode {
    if (item.kind === 'iam') return new IamAclNoteNode(this, item.note);
    const b = item.binding;
    const data: AclLeafData = { binding: b, scope: this.scope };
    return new LeafNode<AclLeafData>(this, `acl/${bindingKey(b)}`, {
      label: `${b.permission} ${b.operation} · ${b.principal}`,
      description: [this.scope.kind === 'cluster' ? describeResource(b) : matchText(b), hostText(b)]
        .filter(Boolean)
        .join(' · '),
      icon: b.permission === 'DENY' ? 'circle-slash' : 'pass',
      iconColor: b.permission === 'DENY' ? 'errorForeground' : 'testing.iconPassed',
      tooltip: aclTooltip(b, this.scope),
      contextValue: treeItemContext({ kind: 'acl', writable: isWritable(this.env, this.cluster) }),
      data,
    });
  }
  protected emptyLabel(): string {
    return this.scope.kind === 'cluster' ? 'No ACLs' : `No ACLs apply to this ${this.scope.kind}`;
  }
  getTreeItem(): vscode.TreeItem {
    const view = this.list.view();
    const iam = view.status === 'loaded' && view.visible.some((i) => i.kind === 'iam');
    const count = view.status === 'loaded' && !iam ? view.matching : undefined;
    const description = iam
      ? 'IAM governs access'
      : (this.filterDescription() ?? (count === undefined ? undefined : String(count)));
    const item = folderItem(
      this.id,
      'ACLs',
      'shield',
      treeItemContext({
        kind: 'acls',
        variant: iam ? 'iam' : 'kafka',
        filterable: this.scope.kind === 'cluster' && !iam,
        writable: isWritable(this.env, this.cluster),
      }),
      description,
    );
    item.tooltip =
      this.scope.kind === 'cluster'
        ? 'Kafka ACL bindings of the cluster (principal, host, operation, permission, resource pattern)'
        : `Kafka ACL bindings that apply to ${this.scope.kind} “${this.scope.name}”: literal, prefixed and the * wildcard`;
    return item;
  }
}

/** The note an IAM connection shows instead of bindings; its click copies an IAM policy statement. */
export class IamAclNoteNode extends ExplorerNode {
  readonly id: string;
  constructor(
    parent: ExplorerNode,
    readonly note: IamAclNote,
  ) {
    super(parent);
    this.id = `${parent.id}/iam-note`;
  }
  getTreeItem(): vscode.TreeItem {
    const n = this.note;
    const item = new vscode.TreeItem(n.message, vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    item.iconPath = new vscode.ThemeIcon('info');
    item.description = 'use kafka-cluster:* actions in an IAM policy';
    item.tooltip = new vscode.MarkdownString()
      .appendText(
        `This connection signs in with IAM. Amazon MSK authorizes IAM principals with IAM policies, not Kafka ACLs: ACL bindings never apply to them, and this extension lists none here.`,
      )
      .appendMarkdown('\n\n')
      .appendText(`Grant or deny in the IAM policy of the role or user, e.g. ${n.actions.join(', ')} on ${n.resource}.`)
      .appendMarkdown('\n\n')
      .appendText(
        'ACLs still govern the SCRAM and mTLS principals of a cluster that has those too: to manage them, connect with SCRAM or mTLS (the msk.preferredAuth setting, or a Kafka connection).',
      )
      .appendMarkdown('\n\n')
      .appendText('Click to copy an IAM policy statement with these actions.');
    item.contextValue = treeItemContext({ kind: 'message' });
    item.command = commandLink(
      Commands.copyIamPolicyStatement,
      'Copy IAM Policy Statement',
      iamPolicyStatement(n.actions, n.resource),
    );
    return item;
  }
}

/** How the binding's pattern covers the topic/group: the exact name, every name, or a prefix. */
export function matchText(b: AclBinding): string {
  switch (matchOf(b)) {
    case 'wildcard':
      return 'wildcard *';
    case 'prefixed':
      return `prefixed “${b.resourceName}”`;
    case 'literal':
      return 'literal';
  }
}

function hostText(b: AclBinding): string {
  return b.host === '*' ? '' : `host ${b.host}`;
}

function aclSearchText(b: AclBinding): string {
  return `${b.permission} ${b.operation} ${b.principal} ${b.host} ${b.resourceType} ${b.resourceName} ${b.patternType}`;
}

function aclTooltip(b: AclBinding, scope: AclScope): string {
  return [
    `${b.permission} ${b.operation}`,
    `Principal: ${b.principal}`,
    `Host: ${b.host === '*' ? '* (any host)' : b.host}`,
    `Resource: ${RESOURCE_TYPE_LABEL[b.resourceType]} ${b.resourceName}`,
    `Pattern: ${b.patternType}`,
    ...(scope.kind === 'cluster' ? [] : [`Applies to ${scope.kind} “${scope.name}” by: ${matchText(b)}`]),
  ].join('\n');
}
