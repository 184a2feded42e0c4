import * as vscode from 'vscode';
import type { AwsScope, Backend } from '../../../services/backend';
import type { ClusterRef } from '../../../services/clusterModel';
import { ContextKeys } from '../../../contract/contextKeys';
import { isReadOnly } from '../../../services/readOnly';
import type { MskSettings } from '../../../services/settingsModel';
import type { Logger } from '../../../shared/logger';
import { setContextKey } from '../../../ui/commands/registerCommand';
import { ErrorNode, ExplorerNode, MessageNode } from './explorerNode';
import { ExplorerTreeProvider } from './explorerTree';
import {
  AwsScopeNode,
  ClusterNode,
  GroupsNode,
  ManualConnectionsNode,
  TopicsNode,
  type ClusterEnv,
  type GroupLagSource,
} from './nodes';
import { RefreshManager } from './refreshManager';
import type { SchemaBrowseSource } from './nodes/schemaEnv';
import type { SettingsImpact } from './settingsImpact';

export const EXPLORER_VIEW_ID = 'msk.explorer';

/** Placeholder root shown while the AWS scopes are read from the profile files. */
class RootsNode extends ExplorerNode {
  readonly id = 'roots';
  constructor() {
    super(undefined);
  }
  getTreeItem(): vscode.TreeItem {
    return new vscode.TreeItem('roots');
  }
}

/**
 * The Clusters view: roots are one node per AWS profile × region plus the manual connections.
 * Scopes are read again when AWS settings change. Refresh and settings changes redraw and reload
 * the tree; they never close Kafka clients in use: the backend re-resolves connections and
 * replaces only those whose settings changed (open tails and lag views go on).
 */
export class ExplorerView implements vscode.Disposable {
  readonly refresh: RefreshManager;
  readonly treeView: vscode.TreeView<ExplorerNode>;
  private scopes: AwsScope[] | undefined;
  private scopeError: unknown;
  private scopesLoading = false;
  private scopeNodes = new Map<string, AwsScopeNode>();
  private manualNode: ManualConnectionsNode | undefined;
  private readonly rootsPlaceholder = new RootsNode();
  private readonly env: ClusterEnv;
  /** Last value of msk.explorerState (the welcome text shows only once nothing is known to be configured). */
  private explorerState: 'empty' | 'configured' | undefined;

  constructor(
    private readonly backend: Backend,
    private readonly settings: () => MskSettings,
    log: Logger,
  ) {
    this.refresh = new RefreshManager(EXPLORER_VIEW_ID, log, (impact) => this.applySettings(impact));
    this.env = {
      scheduler: this.refresh,
      pageSize: () => this.settings().pageSize,
      opsFor: (cluster) => this.backend.ops(cluster),
      isReadOnly: (cluster) => isReadOnly(cluster, this.settings()),
      showInternalTopics: () => this.settings().showInternalTopics,
      mskConfigurations: this.backend.mskConfigurations?.(),
    };
    const provider = new ExplorerTreeProvider(this.refresh, () => this.roots());
    this.treeView = vscode.window.createTreeView(EXPLORER_VIEW_ID, {
      treeDataProvider: provider,
      showCollapseAll: true,
    });
  }

  /** What a settings change concerns (see settingsImpact.ts), and only that, is reloaded. */
  applySettings(impact: SettingsImpact): void {
    if (impact.connections) this.reconnect(impact.awsScopes);
    if (impact.awsScopes || impact.lists) {
      // Roots (and with them every branch) are made again; for AWS changes the scopes are re-read.
      if (impact.awsScopes) {
        this.scopes = undefined;
        this.scopeError = undefined;
      }
      this.scopeNodes.clear();
      this.manualNode = undefined;
    } else if (impact.connections) {
      this.refreshRoots();
    }
    this.refresh.refresh();
  }

  /** Refresh everything (the view's Refresh button): reload the tree, keep working connections. */
  refreshAll(): void {
    this.reconnect(true);
    if (this.scopes === undefined) {
      this.scopeError = undefined;
      this.refresh.refresh();
      return;
    }
    this.refreshRoots();
    this.refresh.refresh();
  }

  private reconnect(rereadAws: boolean): void {
    void this.backend.reconnect({ rereadAws });
  }

  /** Reloads everything under the roots, keeping the nodes on screen (and so what is expanded) meanwhile. */
  private refreshRoots(): void {
    for (const node of this.scopeNodes.values()) node.refreshTree();
    this.manualNode?.refreshTree();
  }

  /** Every cluster currently known to the tree (loaded pages only). */
  knownClusters(): ClusterRef[] {
    return this.clusterNodes().map((node) => node.cluster);
  }

  /**
   * Reloads the Topics folder of a cluster the tree shows (after a topic was created or deleted),
   * keeping the rest of the tree and what is expanded.
   */
  reloadTopics(cluster: ClusterRef): void {
    for (const folder of this.foldersOf(cluster, TopicsNode)) folder.reload();
  }

  /**
   * The node of a topic or consumer group, for TreeView.reveal: reached from the cluster's root (its
   * profile and region, or the Kafka connections), loading each branch on the way and widening its
   * shown window (or clearing a filter hiding it) as needed, even when the view has not drawn it yet;
   * undefined when the tree does not list it.
   */
  async itemNode(cluster: ClusterRef, kind: 'topic' | 'group', name: string): Promise<ExplorerNode | undefined> {
    const root = await this.rootOf(cluster);
    const node = await root?.childShowing(cluster.key);
    if (!(node instanceof ClusterNode)) return undefined;
    const type = kind === 'topic' ? TopicsNode : GroupsNode;
    const folder = node.folders.find((f): f is TopicsNode | GroupsNode => f instanceof type);
    return folder?.childShowing(name);
  }

  /** The root listing a cluster: the scope of its profile and region (the scopes read first if need be), or the connections. */
  private async rootOf(cluster: ClusterRef): Promise<AwsScopeNode | ManualConnectionsNode | undefined> {
    if (cluster.source === 'manual') return this.manualRoot();
    if (this.scopes === undefined) {
      this.scopes = await this.backend.scopes();
      this.scopeError = undefined;
      this.refresh.refresh();
    }
    const scope = this.scopes.find((s) => s.profile === cluster.profile && s.region === cluster.region);
    return scope && this.scopeNode(scope);
  }

  /** The Groups folders the tree shows for a cluster (to reload after a change, or redraw their lag). */
  groupsFolders(cluster: ClusterRef): GroupsNode[] {
    return this.foldersOf(cluster, GroupsNode);
  }

  /** Installs (or removes, with undefined) what group items show of their lag. */
  setGroupLagSource(source: GroupLagSource | undefined): void {
    this.env.groupLag = source;
  }

  /** Installs (or removes, with undefined) the schema registries cluster nodes show. */
  setSchemaSource(source: SchemaBrowseSource | undefined): void {
    this.env.schemas = source;
  }

  private foldersOf<T extends ExplorerNode>(cluster: ClusterRef, type: abstract new (...args: never[]) => T): T[] {
    return this.clusterNodes()
      .filter((node) => node.cluster.key === cluster.key)
      .flatMap((node) => node.folders.filter((f): f is T => f instanceof type));
  }

  private clusterNodes(): ClusterNode[] {
    const roots = [...this.scopeNodes.values(), ...(this.manualNode ? [this.manualNode] : [])];
    return roots.flatMap((root) => root.getChildren()).filter((n): n is ClusterNode => n instanceof ClusterNode);
  }

  private roots(): ExplorerNode[] {
    const settings = this.settings();
    const manual = settings.connections.length ? [this.manualRoot()] : [];
    if (this.scopes === undefined) {
      if (this.scopeError !== undefined) return [new ErrorNode(this.rootsPlaceholder, this.scopeError), ...manual];
      this.loadScopes();
      return [new MessageNode(this.rootsPlaceholder, 'Reading AWS profiles…', 'loading~spin'), ...manual];
    }
    const scopeNodes = this.scopes.map((scope) => this.scopeNode(scope));
    const roots = [...scopeNodes, ...manual];
    this.setExplorerState(roots.length ? 'configured' : 'empty');
    return roots;
  }

  private setExplorerState(state: 'empty' | 'configured'): void {
    if (this.explorerState === state) return;
    this.explorerState = state;
    void setContextKey(ContextKeys.explorerState, state);
  }

  private loadScopes(): void {
    if (this.scopesLoading) return;
    this.scopesLoading = true;
    this.refresh.load(this.rootsPlaceholder, async () => {
      try {
        this.scopes = await this.backend.scopes();
        this.scopeError = undefined;
      } catch (err) {
        this.scopeError = err;
      } finally {
        this.scopesLoading = false;
        this.refresh.refresh();
      }
    });
  }

  private scopeNode(scope: AwsScope): AwsScopeNode {
    let node = this.scopeNodes.get(scope.id);
    if (!node) {
      node = new AwsScopeNode(
        this.env,
        scope.profileLabel,
        scope.region,
        (token) => this.backend.listClusters(scope, token, this.settings().pageSize),
        scope.endpoint,
        scope.profile,
      );
      this.scopeNodes.set(scope.id, node);
    }
    return node;
  }

  private manualRoot(): ManualConnectionsNode {
    this.manualNode ??= new ManualConnectionsNode(this.env, () => Promise.resolve(this.backend.manualClusters()));
    return this.manualNode;
  }

  dispose(): void {
    this.treeView.dispose();
    this.refresh.dispose();
  }
}
