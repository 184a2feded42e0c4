/**
 * What a change of `msk.*` settings means for the explorer, by section (no vscode import: the caller
 * passes `affectsConfiguration`). Settings of other features (msk.lag.*, msk.tail.*, msk.produce.*)
 * mean nothing here: they must not touch the explorer's connections or anything running on them.
 */

export interface SettingsImpact {
  /** AWS profile, regions, files or endpoints: the AWS roots and credentials are read again. */
  readonly awsScopes: boolean;
  /**
   * Settings that shape Kafka connections: connections in use are resolved again, and only those
   * whose settings actually changed get new clients.
   */
  readonly connections: boolean;
  /** The manual connections: their root reloads. */
  readonly manualConnections: boolean;
  /** What the lists hold or how they page (internal topics, page size, topic source): the branches are rebuilt. */
  readonly lists: boolean;
  /** How items look only (read-only marks and menus, which registry folders a cluster has): a redraw. */
  readonly redraw: boolean;
}

const AWS = ['msk.aws'];
const CONNECTIONS = [
  'msk.aws',
  'msk.tls',
  'msk.connections',
  'msk.brokerAddressMap',
  'msk.sshTunnels',
  'msk.preferredAuth',
  'msk.preferPublicEndpoints',
];
const MANUAL = ['msk.connections'];
const LISTS = ['msk.explorer', 'msk.topics'];
/** msk.schemaRegistries: a cluster's Schema Registry folder appears, goes or points elsewhere. */
const REDRAW = ['msk.readOnly', 'msk.readOnlyClusters', 'msk.schemaRegistries'];

/** The explorer's share of a settings change; undefined when it does not concern the explorer at all. */
export function settingsImpact(affects: (section: string) => boolean): SettingsImpact | undefined {
  const any = (sections: readonly string[]) => sections.some((s) => affects(s));
  const impact: SettingsImpact = {
    awsScopes: any(AWS),
    connections: any(CONNECTIONS),
    manualConnections: any(MANUAL),
    lists: any(LISTS),
    redraw: any(REDRAW),
  };
  return Object.values(impact).some(Boolean) ? impact : undefined;
}
