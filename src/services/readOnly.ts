import { UserError } from '../shared/errors';
import type { ClusterRef } from './clusterModel';
import type { MskSettings } from './settingsModel';

/** Read-only mode: globally, or for clusters named (by name, ARN or key) in `msk.readOnlyClusters`. */
export function isReadOnly(cluster: ClusterRef, settings: Pick<MskSettings, 'readOnly' | 'readOnlyClusters'>): boolean {
  if (settings.readOnly) return true;
  return settings.readOnlyClusters.some(
    (entry) => entry === cluster.name || entry === cluster.arn || entry === cluster.key,
  );
}

/** Refuses a destructive action in read-only mode, naming what was refused and how to allow it. */
export function assertWritable(
  cluster: ClusterRef,
  settings: Pick<MskSettings, 'readOnly' | 'readOnlyClusters'>,
  action: string,
): void {
  if (!isReadOnly(cluster, settings)) return;
  const where = settings.readOnly ? 'the `msk.readOnly` setting' : '`msk.readOnlyClusters`';
  throw new UserError(`${action} refused: ${cluster.name} is in read-only mode.`, {
    code: 'ReadOnly',
    hint: `Read-only mode is set by ${where}.`,
  });
}
