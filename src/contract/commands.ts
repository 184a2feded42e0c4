/**
 * Every command the extension contributes, declared once with the arguments it takes. Handlers are
 * registered through `CommandRegistry.register(handle, handler)` (src/ui/commands) and typed by the
 * handle; other code runs a command with `executeCommand(handle, ...args)` and tree items link one
 * with `commandLink(handle, title, ...args)`. No vscode import: views, features and tests share it.
 * test/unit/contract/commands.test.ts checks this table against package.json.
 */
import { PRODUCE_ALL_COMMAND, PRODUCE_BLOCK_COMMAND, SHOW_SEND_COMMAND } from '../language/protocol';
import type {
  DiagnoseConnectionArgs,
  ExportGroupLagArgs,
  ExportGroupsArgs,
  OpenMskConfigurationRevisionArgs,
  ProduceToTopicArgs,
  ResetOffsetsArgs,
  ShowLagArgs,
  TailTopicArgs,
} from './crossFeature';

/** A command id with the arguments its handler takes (the type parameter exists only for the checker). */
export interface CommandHandle<A extends unknown[]> {
  readonly id: string;
  /** Never set: carries the argument types. */
  readonly __args?: (...args: A) => void;
}

export function command<A extends unknown[] = []>(id: string): CommandHandle<A> {
  return { id };
}

/**
 * A node of the Clusters tree as a command argument (VS Code passes the clicked node). Handlers
 * narrow it with `instanceof` on the view's node classes; declared here so the contract does not
 * depend on the view.
 */
export interface TreeNodeArg {
  readonly id: string;
  readonly parent: TreeNodeArg | undefined;
}

/** From the tree (a node), the palette (nothing) or a keybinding. */
type NodeArgs = [node?: TreeNodeArg];

/** A command that takes the clicked tree node (what a tree item's click runs). */
export type NodeCommand = CommandHandle<NodeArgs>;

export const Commands = {
  // ---- explorer
  refresh: command<NodeArgs>('msk.refresh'),
  retry: command<NodeArgs>('msk.retry'),
  loadMore: command<NodeArgs>('msk.loadMore'),
  filter: command<NodeArgs>('msk.filter'),
  showLog: command('msk.showLog'),
  selectProfile: command('msk.selectProfile'),
  selectRegions: command('msk.selectRegions'),
  addConnection: command('msk.addConnection'),
  editConnection: command<NodeArgs>('msk.editConnection'),
  removeConnection: command<NodeArgs>('msk.removeConnection'),
  openClusterOverview: command<NodeArgs>('msk.openClusterOverview'),
  describeCluster: command<NodeArgs>('msk.describeCluster'),
  copyArn: command<NodeArgs>('msk.copyArn'),
  copyBootstrap: command<NodeArgs>('msk.copyBootstrap'),
  copyName: command<NodeArgs>('msk.copyName'),
  /** From an access-denied error's button: the statement (JSON text) to put on the clipboard. */
  copyIamPolicyStatement: command<[statement?: unknown]>('msk.copyIamPolicyStatement'),
  showConnectorDetails: command<NodeArgs>('msk.showConnectorDetails'),
  // ---- schema registries
  /** A schema version node's click: its definition as a read-only document. */
  openSchemaVersion: command<NodeArgs>('msk.openSchemaVersion'),
  /** From a schema version node: pick another version of the same schema and show the diff. */
  compareSchemaVersions: command<NodeArgs>('msk.compareSchemaVersions'),
  // ---- MSK cluster configurations
  /** A configuration revision node's click (or a cluster's configuration node, or the revision a cluster runs from its overview): its server.properties, read-only. */
  openMskConfigurationRevision: command<[arg?: TreeNodeArg | OpenMskConfigurationRevisionArgs]>(
    'msk.openMskConfigurationRevision',
  ),
  /** From a revision node (or a cluster's configuration node): pick another revision and show the diff. */
  compareMskConfigurationRevisions: command<NodeArgs>('msk.compareMskConfigurationRevisions'),
  /** Stores the password/token of a Confluent-compatible registry of msk.schemaRegistries in secret storage. */
  setSchemaRegistrySecret: command('msk.setSchemaRegistrySecret'),
  createTopic: command<NodeArgs>('msk.createTopic'),
  deleteTopic: command<NodeArgs>('msk.deleteTopic'),
  showTopicConfig: command<NodeArgs>('msk.showTopicConfig'),
  editTopicConfig: command<NodeArgs>('msk.editTopicConfig'),
  deleteConsumerGroup: command<NodeArgs>('msk.deleteConsumerGroup'),
  // ---- partitions and broker configuration
  /** From a topic node (or the palette: asks cluster and topic): grow the partition count after a warning. */
  addPartitions: command<NodeArgs>('msk.addPartitions'),
  /** From a broker config entry (or a broker / the cluster-wide defaults node: pick the config): set a dynamic value. */
  editBrokerConfig: command<NodeArgs>('msk.editBrokerConfig'),
  /** From an overridden broker config entry: remove the dynamic value (back to the value below it). */
  removeBrokerConfigOverride: command<NodeArgs>('msk.removeBrokerConfigOverride'),
  /** From a broker or the cluster-wide defaults node: the whole configuration as a read-only document. */
  showBrokerConfig: command<NodeArgs>('msk.showBrokerConfig'),
  // ---- ACLs
  /** From an ACLs folder, a cluster, topic or group node (the resource filled in), or the palette. */
  addAcl: command<NodeArgs>('msk.addAcl'),
  /** From an ACL binding node: deletes exactly that binding after a confirmation. */
  deleteAcl: command<NodeArgs>('msk.deleteAcl'),
  /** From a group node: the bindings that apply to the group, to add or delete. */
  showGroupAcls: command<NodeArgs>('msk.showGroupAcls'),
  // ---- exports and find
  /** From the Topics folder (or the palette: asks which cluster): topics to CSV or JSON. */
  exportTopics: command<NodeArgs>('msk.exportTopics'),
  /** From the Consumer groups folder (or the palette): groups with members and lag to CSV or JSON. */
  exportGroups: command<[arg?: ExportGroupsArgs | TreeNodeArg]>('msk.exportGroups'),
  /** From a group node, the palette, or the lag view (args): one group's lag table to CSV or JSON. */
  exportGroupLag: command<[arg?: ExportGroupLagArgs | TreeNodeArg]>('msk.exportGroupLag'),
  /** One quick pick over the topic and group names of every cluster the Clusters view knows. */
  findTopicOrGroup: command('msk.findTopicOrGroup'),
  // ---- connection doctor
  /** From a cluster/connection node, the palette (asks which), or an error's button (args). */
  diagnoseConnection: command<[arg?: DiagnoseConnectionArgs | TreeNodeArg]>('msk.diagnoseConnection'),
  // ---- lag
  showConsumerLag: command<[arg?: ShowLagArgs | TreeNodeArg]>('msk.showConsumerLag'),
  showGroupLag: command<NodeArgs>('msk.showGroupLag'),
  resetOffsets: command<[arg?: ResetOffsetsArgs | TreeNodeArg]>('msk.resetOffsets'),
  // ---- tail
  tailTopic: command<[arg?: TailTopicArgs | TreeNodeArg]>('msk.tailTopic'),
  // ---- produce
  produceToTopic: command<[arg?: ProduceToTopicArgs | TreeNodeArg]>('msk.produceToTopic'),
  produceSelection: command('msk.produceSelection'),
  produceDocument: command('msk.produceDocument'),
  newProducerFile: command('msk.newProducerFile'),
  /** From the status bar item (no argument) or with a producer file's URI. */
  selectProducerFileCluster: command<[uri?: string]>('msk.selectProducerFileCluster'),
  /** The producer-file language server's codelenses run these (ids shared through language/protocol). */
  produceAllBlocks: command<[uri?: string]>(PRODUCE_ALL_COMMAND),
  produceBlock: command<[uri: string, block: number]>(PRODUCE_BLOCK_COMMAND),
  showLastSend: command<[uri: string, block: number]>(SHOW_SEND_COMMAND),
} as const;

/** The shape of vscode.Command (tree items, status bar items), built from a handle. */
export interface CommandLink {
  command: string;
  title: string;
  tooltip?: string;
  arguments?: unknown[];
}

/** A `vscode.Command` for a tree item or status bar item that runs `handle` with `args`. */
export function commandLink<A extends unknown[]>(handle: CommandHandle<A>, title: string, ...args: A): CommandLink {
  return args.length ? { command: handle.id, title, arguments: args } : { command: handle.id, title };
}
