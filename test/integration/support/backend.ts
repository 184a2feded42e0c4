/** The explorer's backend as the extension builds it, with settings a test chooses. */
import { MskBackend } from '../../../src/services/mskBackend';
import type { MskSettings } from '../../../src/services/settingsModel';
import { silentLogger } from '../../../src/shared/logger';
import { sandbox } from './sandbox';

/** Settings as a fresh install has them (no AWS profile or files, no connections), plus `overrides`. */
export function defaultSettings(overrides: Partial<MskSettings> = {}): MskSettings {
  return {
    awsProfile: '',
    awsRegions: [],
    awsConfigFile: '',
    awsCredentialsFile: '',
    awsEndpoint: '',
    awsEndpoints: {},
    caFile: '',
    clientCertFile: '',
    clientKeyFile: '',
    preferPublicEndpoints: false,
    preferredAuth: '',
    brokerAddressMap: {},
    connections: [],
    readOnly: false,
    readOnlyClusters: [],
    showInternalTopics: false,
    pageSize: 100,
    ...overrides,
  };
}

/** The sandbox's AWS profile, AWS files and CA, as its README tells a user to set them, plus `overrides`. */
export function sandboxSettings(overrides: Partial<MskSettings> = {}): MskSettings {
  const st = sandbox();
  return defaultSettings({
    awsProfile: st.aws.profile,
    awsConfigFile: st.aws.configFile,
    awsCredentialsFile: st.aws.credentialsFile,
    caFile: st.caFile,
    ...overrides,
  });
}

/** A backend reading `settings` (a value, or a function for settings that change) and `secrets`. */
export function backendWith(
  settings: MskSettings | (() => MskSettings),
  secrets: Record<string, string> = {},
): MskBackend {
  return new MskBackend({
    settings: typeof settings === 'function' ? settings : () => settings,
    secrets: { get: (key) => Promise.resolve(secrets[key]) },
    log: silentLogger,
    userAgent: 'msk-explorer-test',
    env: {},
  });
}
