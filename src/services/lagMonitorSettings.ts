/** The `msk.lag.*` settings, parsed and clamped (no vscode import: the caller passes a reader). */
import { DEFAULT_LAG_SETTINGS, type LagSettings } from './lagMonitor';

export interface LagSettingsWithNotify extends LagSettings {
  /** Notify when a group moves to WARN or ERR. */
  notifications: boolean;
}

function int(value: unknown, fallback: number, min: number, max: number): number {
  return typeof value === 'number' && Number.isFinite(value)
    ? Math.min(max, Math.max(min, Math.round(value)))
    : fallback;
}

export function parseLagSettings(c: { get(key: string): unknown }): LagSettingsWithNotify {
  const d = DEFAULT_LAG_SETTINGS;
  const windowSamples = int(c.get('windowSamples'), d.windowSamples, 2, 1000);
  return {
    refreshSeconds: int(c.get('refreshSeconds'), d.refreshSeconds, 1, 3600),
    windowSamples,
    minSamples: Math.min(windowSamples, int(c.get('minSamples'), d.minSamples, 2, 1000)),
    historySamples: int(c.get('historySamples'), d.historySamples, windowSamples, 10_000),
    concurrency: d.concurrency,
    notifications: c.get('notifications') === true,
  };
}
