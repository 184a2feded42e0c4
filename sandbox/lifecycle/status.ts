/**
 * `npm run sandbox -- status`: each part's pid and whether it answers (broker metadata, Connect REST,
 * the control plane's health check).
 */
import { existsSync } from 'node:fs';
import { readSandboxState, type SandboxState } from '../state';
import { LISTENER_KINDS } from './clients';
import { connectUrl } from './connect';
import { describeCluster, httpRequest } from './probes';
import type { PartName } from './process';
import { controlPlaneHealthy, effectiveSettings, pidOf, type Out } from './running';
import { ADVERTISED_HOST, controlPlaneMain, pathsFor, type Flags } from './settings';
import { controlPlaneEndpoint } from './stateFiles';

export interface PartStatus {
  part: PartName;
  pid?: number;
  up: boolean;
  skipped?: boolean;
  detail: string;
}

export async function partStatuses(flags: Flags): Promise<PartStatus[]> {
  const settings = effectiveSettings(flags, () => undefined, false);
  const paths = pathsFor(settings);
  let state: SandboxState | undefined;
  try {
    state = readSandboxState(paths.stateDir);
  } catch {
    state = undefined;
  }
  const out: PartStatus[] = [];
  const brokerPid = pidOf('broker', paths);
  const brokerUp =
    brokerPid !== undefined &&
    state !== undefined &&
    (await describeCluster(state, 'plaintext', 2000).catch(() => false));
  out.push({
    part: 'broker',
    pid: brokerPid,
    up: brokerUp,
    detail: LISTENER_KINDS.map((l) => `${ADVERTISED_HOST}:${settings.ports[l]}`).join(' '),
  });
  const connectPid = pidOf('connect', paths);
  const url = connectUrl(settings);
  const connectUp =
    connectPid !== undefined &&
    (await httpRequest(`${url}/connectors`, { timeoutMs: 2000 }).then(
      (r) => r.status === 200,
      () => false,
    ));
  out.push({ part: 'connect', pid: connectPid, up: connectUp, detail: url });
  if (!existsSync(controlPlaneMain)) {
    out.push({
      part: 'controlplane',
      up: true,
      skipped: true,
      detail: `not installed (${controlPlaneMain} is missing)`,
    });
  } else {
    const cpPid = pidOf('controlplane', paths);
    const cpUp = cpPid !== undefined && (await controlPlaneHealthy(settings));
    out.push({ part: 'controlplane', pid: cpPid, up: cpUp, detail: controlPlaneEndpoint(settings) });
  }
  return out;
}

export async function status(flags: Flags, out: Out, quiet: boolean): Promise<number> {
  const statuses = await partStatuses(flags);
  const allUp = statuses.every((s) => s.up);
  if (!quiet) {
    const settings = effectiveSettings(flags, () => undefined, false);
    const paths = pathsFor(settings);
    for (const s of statuses) {
      const state = s.skipped ? 'SKIPPED' : s.up ? 'UP' : s.pid !== undefined ? 'NOT READY' : 'DOWN';
      out(
        `${s.part.padEnd(13)} ${state.padEnd(10)} ${s.pid !== undefined ? `pid ${s.pid}`.padEnd(11) : ''.padEnd(11)} ${s.detail}`,
      );
    }
    out(`state: ${paths.stateFile}${existsSync(paths.stateFile) ? '' : ' (missing)'}   logs: ${paths.logDir}`);
    out(allUp ? 'sandbox: up' : 'sandbox: not (fully) up; start it with: npm run sandbox');
  }
  return allUp ? 0 : 1;
}
