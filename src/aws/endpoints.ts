/**
 * Which endpoint a service client talks to. Pure functions over a profile and an env object.
 *
 * Precedence (the AWS SDKs' documented order, with the extension setting on top):
 *   1. the extension setting (explicit endpoint)
 *   2. AWS_ENDPOINT_URL_<SERVICE> (e.g. AWS_ENDPOINT_URL_KAFKA)
 *   3. AWS_ENDPOINT_URL
 *   4. the profile's `services` section (`kafka = \n  endpoint_url = ...`)
 *   5. the profile's `endpoint_url`
 *   6. the public AWS endpoint of the region
 * AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true or the profile's ignore_configured_endpoint_urls skip 2-5.
 */
import type { AwsEnv, AwsProfile } from './profiles';

export type AwsService = 'kafka' | 'kafkaconnect' | 'secretsmanager' | 'cloudwatch' | 'glue' | 'sts';

interface ServiceNames {
  /** Suffix of AWS_ENDPOINT_URL_<X>: the SDK service id upper-cased, spaces to underscores. */
  envSuffix: string;
  /** Key in a `services` section: the service id lower-cased, spaces to underscores. */
  configKey: string;
  /** Host prefix of the public endpoint. */
  hostPrefix: string;
  label: string;
}

export const SERVICE_NAMES: Record<AwsService, ServiceNames> = {
  kafka: { envSuffix: 'KAFKA', configKey: 'kafka', hostPrefix: 'kafka', label: 'Amazon MSK' },
  kafkaconnect: {
    envSuffix: 'KAFKACONNECT',
    configKey: 'kafkaconnect',
    hostPrefix: 'kafkaconnect',
    label: 'MSK Connect',
  },
  secretsmanager: {
    envSuffix: 'SECRETS_MANAGER',
    configKey: 'secrets_manager',
    hostPrefix: 'secretsmanager',
    label: 'AWS Secrets Manager',
  },
  cloudwatch: {
    envSuffix: 'CLOUDWATCH',
    configKey: 'cloudwatch',
    hostPrefix: 'monitoring',
    label: 'Amazon CloudWatch',
  },
  glue: { envSuffix: 'GLUE', configKey: 'glue', hostPrefix: 'glue', label: 'AWS Glue Schema Registry' },
  sts: { envSuffix: 'STS', configKey: 'sts', hostPrefix: 'sts', label: 'AWS STS' },
};

export type EndpointSource = 'setting' | 'env-service' | 'env-global' | 'config-service' | 'config-profile' | 'default';

export interface ResolvedEndpoint {
  /** The endpoint to pass to the SDK client; undefined means the SDK's regional default. */
  url?: string;
  source: EndpointSource;
  /** Where the URL came from, in words a user recognises (e.g. "AWS_ENDPOINT_URL_KAFKA"). */
  origin: string;
}

export interface EndpointInputs {
  /** The extension's endpoint setting; wins over everything. */
  explicit?: string;
  profile?: AwsProfile;
  env?: AwsEnv;
}

function clean(value: string | undefined): string | undefined {
  const v = value?.trim();
  return v ? v : undefined;
}

export function resolveServiceEndpoint(service: AwsService, inputs: EndpointInputs): ResolvedEndpoint {
  const env = inputs.env ?? process.env;
  const names = SERVICE_NAMES[service];
  const explicit = clean(inputs.explicit);
  if (explicit) return { url: explicit, source: 'setting', origin: 'the endpoint setting' };

  const ignore =
    clean(env.AWS_IGNORE_CONFIGURED_ENDPOINT_URLS)?.toLowerCase() === 'true' ||
    inputs.profile?.ignoreConfiguredEndpointUrls === true;
  if (!ignore) {
    const serviceVar = `AWS_ENDPOINT_URL_${names.envSuffix}`;
    const fromServiceEnv = clean(env[serviceVar]);
    if (fromServiceEnv) return { url: fromServiceEnv, source: 'env-service', origin: serviceVar };
    const fromGlobalEnv = clean(env.AWS_ENDPOINT_URL);
    if (fromGlobalEnv) return { url: fromGlobalEnv, source: 'env-global', origin: 'AWS_ENDPOINT_URL' };
    const profile = inputs.profile;
    const fromSection = profile?.serviceEndpoints[names.configKey];
    if (profile && fromSection) {
      return {
        url: fromSection,
        source: 'config-service',
        origin: `${names.configKey} endpoint_url in [services ${profile.servicesSection ?? ''}] of profile ${profile.name}`,
      };
    }
    if (profile?.endpointUrl) {
      return { url: profile.endpointUrl, source: 'config-profile', origin: `endpoint_url of profile ${profile.name}` };
    }
  }
  return { source: 'default', origin: 'the AWS default endpoint' };
}

/** The public endpoint the SDK uses when nothing overrides it (for messages only). */
export function defaultEndpointUrl(service: AwsService, region: string): string {
  const suffix = region.startsWith('cn-') ? 'amazonaws.com.cn' : 'amazonaws.com';
  return `https://${SERVICE_NAMES[service].hostPrefix}.${region}.${suffix}`;
}
