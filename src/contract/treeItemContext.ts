/**
 * The `contextValue` of every Clusters-tree item, built from declared words: package.json menus
 * match it with `viewItem` clauses (e.g. `viewItem =~ /^group empty\b/ && viewItem =~ /\bwritable\b/`).
 * The string is always `<kind> [<variant>] [filterable] [writable|readonly]`, in that order, so a
 * clause may anchor on the kind and the kind's variant. Code never edits the string: it builds a new
 * one. No vscode import. test/unit/contract/commands.test.ts checks the words against package.json.
 */

/** The kinds of tree item, each with the variants (second word) it must name, if any. */
export const TreeItemKinds = {
  awsScope: [],
  manualConnections: [],
  cluster: ['msk', 'manual'],
  brokers: [],
  broker: [],
  /** The Brokers folder's "Cluster-wide defaults" entry (dynamic configs for every broker). */
  brokerDefaults: [],
  /** One config of a broker or of the cluster-wide defaults: set dynamically at that scope, or not. */
  brokerConfigEntry: ['override', 'default'],
  topics: [],
  topic: [],
  topicConfig: [],
  configEntry: ['override', 'default'],
  partition: [],
  groups: [],
  /** An empty group (no members) can have its offsets reset or be deleted. */
  group: ['empty', 'active'],
  /** An "ACLs" folder (of a cluster or a topic): bindings, or (`iam`) the note that IAM governs access. */
  acls: ['kafka', 'iam'],
  /** One ACL binding in an ACLs folder. */
  acl: [],
  connectors: [],
  connector: [],
  /** A cluster's Schema Registry folder. */
  schemaRegistries: [],
  /** The Glue registries folder, a Glue registry, or a Confluent-compatible registry. */
  schemaRegistry: [],
  schema: [],
  schemaVersion: [],
  /** An AWS scope's MSK configurations folder, one configuration, one of its revisions. */
  mskConfigurations: [],
  mskConfiguration: [],
  mskConfigurationRevision: [],
  /** Under an MSK provisioned cluster: the configuration revision it runs. */
  clusterConfiguration: [],
  message: [],
  error: [],
  loadMore: [],
} as const satisfies Record<string, readonly string[]>;

export type TreeItemKind = keyof typeof TreeItemKinds;
type VariantOf<K extends TreeItemKind> = (typeof TreeItemKinds)[K][number];

/** The words after the kind and variant. */
export const TreeItemFlags = ['filterable', 'writable', 'readonly'] as const;

/** What a tree item says about itself to the menus. */
export type TreeItemContext<K extends TreeItemKind> = {
  kind: K;
  /** The item's branch has a filter (the Filter… action). */
  filterable?: boolean;
  /** Cluster data that may be changed (`writable`) or not (`readonly`); unset for items without actions that change. */
  writable?: boolean;
} & ([VariantOf<K>] extends [never] ? { variant?: never } : { variant: VariantOf<K> });

/** The contextValue string for an item (see the order above). */
export function treeItemContext<K extends TreeItemKind>(c: TreeItemContext<K>): string {
  const words: string[] = [c.kind];
  if (c.variant) words.push(c.variant);
  if (c.filterable) words.push('filterable');
  if (c.writable !== undefined) words.push(c.writable ? 'writable' : 'readonly');
  return words.join(' ');
}

/** Every word a contextValue can contain (kinds, variants, flags). */
export function treeItemContextWords(): string[] {
  return [...Object.keys(TreeItemKinds), ...Object.values(TreeItemKinds).flat(), ...TreeItemFlags];
}
