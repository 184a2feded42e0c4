/**
 * The one place that reads `msk.*` settings from VS Code. The defaults and the parsing (clamping,
 * trimming) live in src/services/settingsModel.ts, which runs in plain Node and is unit-tested.
 */
import * as vscode from 'vscode';
import {
  parseLagSettings,
  parseMskSettings,
  parseProduceSettings,
  parseTailSettings,
  type LagSettingsWithNotify,
  type ManualConnectionSetting,
  type MskSettings,
  type ProduceSettings,
  type SettingKey,
  type SettingsReader,
  type TailSettings,
} from '../services/settingsModel';

export type { LagSettingsWithNotify, ManualConnectionSetting, MskSettings, ProduceSettings, SettingKey, TailSettings };

const read: SettingsReader = (key) => vscode.workspace.getConfiguration().get<unknown>(key);

/** Connections, AWS and explorer settings (what the backend and the tree use). */
export function readSettings(): MskSettings {
  return parseMskSettings(read);
}

/** `msk.lag.*`. */
export function readLagSettings(): LagSettingsWithNotify {
  return parseLagSettings(read);
}

/** `msk.tail.*`. */
export function readTailSettings(): TailSettings {
  return parseTailSettings(read);
}

/** `msk.produce.*`. */
export function readProduceSettings(): ProduceSettings {
  return parseProduceSettings(read);
}

/** Writes a setting in the user settings. */
export async function updateSetting(key: SettingKey, value: unknown): Promise<void> {
  await vscode.workspace.getConfiguration().update(key, value, vscode.ConfigurationTarget.Global);
}
