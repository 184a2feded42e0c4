import * as vscode from 'vscode';

import type { ManualConnectionSetting, MskSettings } from '../services/settingsModel';

export type { ManualConnectionSetting, MskSettings };

export function readSettings(): MskSettings {
  const c = vscode.workspace.getConfiguration('msk');
  return {
    awsProfile: c.get<string>('aws.profile', '').trim(),
    awsRegions: c
      .get<string[]>('aws.regions', [])
      .map((r) => r.trim())
      .filter(Boolean),
    awsConfigFile: c.get<string>('aws.configFile', '').trim(),
    awsCredentialsFile: c.get<string>('aws.credentialsFile', '').trim(),
    awsEndpoint: c.get<string>('aws.endpoint', '').trim(),
    awsEndpoints: c.get<Record<string, string>>('aws.endpoints', {}),
    caFile: c.get<string>('tls.caFile', '').trim(),
    clientCertFile: c.get<string>('tls.clientCertFile', '').trim(),
    clientKeyFile: c.get<string>('tls.clientKeyFile', '').trim(),
    preferPublicEndpoints: c.get<boolean>('preferPublicEndpoints', false),
    preferredAuth: c.get<MskSettings['preferredAuth']>('preferredAuth', ''),
    brokerAddressMap: c.get<Record<string, Record<string, string>>>('brokerAddressMap', {}),
    connections: c.get<ManualConnectionSetting[]>('connections', []).filter((x) => x && x.id && x.bootstrapServers),
    readOnly: c.get<boolean>('readOnly', false),
    readOnlyClusters: c.get<string[]>('readOnlyClusters', []),
    showInternalTopics: c.get<boolean>('explorer.showInternalTopics', false),
    pageSize: Math.max(10, Math.min(5000, c.get<number>('explorer.pageSize', 100))),
  };
}

export async function updateSetting(key: string, value: unknown): Promise<void> {
  await vscode.workspace.getConfiguration('msk').update(key, value, vscode.ConfigurationTarget.Global);
}
