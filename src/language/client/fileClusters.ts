/**
 * The cluster each producer file sends to, remembered per file in workspaceState (the cluster's
 * reference only: names, ARN, region — no credentials). Default: the first cluster the tree knows.
 */
import type * as vscode from 'vscode';
import type { ClusterRef } from '../../services/clusterModel';

const KEY = 'msk.producerFile.clusters';

export class FileClusters {
  constructor(
    private readonly state: vscode.Memento,
    private readonly known: () => ClusterRef[],
  ) {}

  private map(): Record<string, ClusterRef> {
    const raw = this.state.get<unknown>(KEY);
    return typeof raw === 'object' && raw !== null ? (raw as Record<string, ClusterRef>) : {};
  }

  /** The chosen cluster (refreshed from the tree when it knows it), else the first known one. */
  get(uri: string): ClusterRef | undefined {
    const stored = this.map()[uri];
    const known = this.known();
    if (stored && typeof stored.key === 'string') return known.find((c) => c.key === stored.key) ?? stored;
    return known[0];
  }

  /** Whether the person picked this file's cluster (rather than the default). */
  chosen(uri: string): boolean {
    return this.map()[uri] !== undefined;
  }

  async set(uri: string, cluster: ClusterRef): Promise<void> {
    const { creationTime: _t, ...plain } = cluster;
    await this.state.update(KEY, { ...this.map(), [uri]: plain });
  }
}
