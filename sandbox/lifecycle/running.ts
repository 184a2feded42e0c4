/**
 * Which sandbox is running (its settings, else the requested ones) and the pids and health of its
 * parts, for start, stop, status and restart.
 */
import { javaMarker } from './broker';
import { httpRequest } from './probes';
import { runningPid, type PartName } from './process';
import {
  explicitSettings,
  pathsFor,
  readRunningSettings,
  resolveSettings,
  type Flags,
  type Paths,
  type Settings,
} from './settings';
import { controlPlaneEndpoint } from './stateFiles';

export type Out = (line: string) => void;

export function markerFor(part: PartName, paths: Paths): string {
  return part === 'controlplane' ? `controlplane/main.ts --state ${paths.stateFile}` : javaMarker(paths, part);
}

export function pidOf(part: PartName, paths: Paths): number | undefined {
  return runningPid(paths.runDir, part, markerFor(part, paths));
}

export function controlPlaneHealthy(settings: Settings): Promise<boolean> {
  return httpRequest(`${controlPlaneEndpoint(settings)}/_sandbox/health`, { timeoutMs: 2000 }).then(
    (r) => r.status === 200,
    () => false,
  );
}

/** The settings to act on: those of the running broker when there is one, else flags/env/defaults. */
export function effectiveSettings(flags: Flags, out: Out, warn: boolean): Settings {
  const requested = resolveSettings(flags);
  const running = readRunningSettings(requested.stateDir);
  if (!running || pidOf('broker', pathsFor(running)) === undefined) return requested;
  if (warn) {
    const explicit = explicitSettings(flags);
    const diffs: string[] = [];
    if (explicit.kafkaVersion && explicit.kafkaVersion !== running.kafkaVersion)
      diffs.push(`Kafka ${running.kafkaVersion} (asked ${explicit.kafkaVersion})`);
    if (
      explicit.iamSessionLifetimeSeconds &&
      explicit.iamSessionLifetimeSeconds !== running.iamSessionLifetimeSeconds
    ) {
      diffs.push(`IAM session ${running.iamSessionLifetimeSeconds}s (asked ${explicit.iamSessionLifetimeSeconds}s)`);
    }
    for (const [k, v] of Object.entries(explicit.ports)) {
      const cur = running.ports[k as keyof Settings['ports']];
      if (v !== cur) diffs.push(`${k} port ${cur} (asked ${v})`);
    }
    if (diffs.length)
      out(
        `note: the running sandbox keeps its settings: ${diffs.join(', ')}. Use "npm run sandbox -- restart ..." to apply new ones.`,
      );
  }
  return running;
}
