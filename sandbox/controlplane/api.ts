/**
 * The operations the control plane answers, keyed by the real REST paths of MSK (`kafka`) and
 * MSK Connect (`kafkaconnect`), plus the JSON 1.1 `secretsmanager.GetSecretValue` target.
 * Paths and member names follow the AWS SDK's own (de)serializers.
 */
import { ApiError, badRequest, notFound, type WireProtocol } from './errors';
import {
  bootstrapBrokers,
  brokerNodes,
  clusterOperations,
  connectors,
  customPlugins,
  findSecret,
  kafkaVersions,
  provisionedClusterInfoV1,
  provisionedClusterV2,
  scramSecrets,
  secretValue,
  serverlessClusterV2,
  workerConfigurations,
  type ClusterOptions,
  type JsonObject,
} from './model';
import { CLOUDWATCH_OPERATIONS, CLOUDWATCH_TARGET_PREFIX } from './cloudwatch';
import { GLUE_OPERATIONS } from './glue';
import { paginate } from './pagination';
import { privateBootstrapBrokers, privateBrokerNodes, privateClusterInfoV1, privateClusterV2 } from './privateCluster';
import { expressBrokerNodes, expressClusterInfoV1, expressClusterV2 } from './expressCluster';
import { kafkaOp } from './requests';
import { TOPIC_ROUTES } from './topics';
import { CONFIGURATION_ROUTES } from './mskConfigurations';
import { findCluster } from './findCluster';
import type { BrokerNode, SandboxView } from './view';

export type SigningService = 'kafka' | 'kafkaconnect' | 'secretsmanager' | 'monitoring' | 'glue';

export interface OperationContext {
  view: SandboxView;
  /** Decoded path labels, in path order. */
  labels: string[];
  /** Decoded query parameters (first value of each). */
  query: Record<string, string>;
  /** Parsed JSON body (JSON 1.1 operations, and REST operations that send one). */
  body: unknown;
  /** The SigV4-verified principal's name (e.g. "admin", "readonly"). */
  principal?: string;
}

export interface Operation {
  name: string;
  service: SigningService;
  protocol: WireProtocol;
  handle(ctx: OperationContext): Promise<JsonObject>;
}

interface RestRoute {
  method: string;
  /** Path template; `{x}` is one label segment. */
  template: string;
  op: Operation;
}

// ---------------------------------------------------------------------------------------------
// Helpers

const MSK_LIMIT = 100;
const MSKC_LIMIT = 100;

async function brokersOrUndefined(view: SandboxView): Promise<{ brokers?: BrokerNode[]; error?: string }> {
  try {
    return { brokers: await view.brokers() };
  } catch (err) {
    return { error: err instanceof Error ? err.message : String(err) };
  }
}

async function clusterOptions(view: SandboxView): Promise<ClusterOptions> {
  const { brokers, error } = await brokersOrUndefined(view);
  return { state: view.state, epoch: view.epoch, brokers, ...(error ? { brokerError: error } : {}) };
}

function serverlessUnsupported(op: string): ApiError {
  return badRequest(`${op} is not supported for serverless clusters.`, 'clusterArn');
}

function label(ctx: OperationContext, i: number): string {
  return ctx.labels[i] ?? '';
}

const pageReq = (ctx: OperationContext): { maxResults?: string; nextToken?: string } => ({
  maxResults: ctx.query.maxResults,
  nextToken: ctx.query.nextToken,
});

function connectOp(name: string, handle: Operation['handle']): Operation {
  return { name, service: 'kafkaconnect', protocol: 'rest-json', handle };
}

// ---------------------------------------------------------------------------------------------
// MSK (kafka)

const listClustersV2 = kafkaOp('ListClustersV2', async (ctx) => {
  const nameFilter = ctx.query.clusterNameFilter ?? '';
  const typeFilter = ctx.query.clusterTypeFilter ?? '';
  if (typeFilter && typeFilter !== 'PROVISIONED' && typeFilter !== 'SERVERLESS') {
    throw badRequest(`The value of clusterTypeFilter must be PROVISIONED or SERVERLESS.`, 'clusterTypeFilter');
  }
  const o = await clusterOptions(ctx.view);
  const all = [provisionedClusterV2(o), serverlessClusterV2(o), privateClusterV2(o), expressClusterV2(o)].filter(
    (c) =>
      typeof c.clusterName === 'string' &&
      c.clusterName.startsWith(nameFilter) &&
      (typeFilter === '' || c.clusterType === typeFilter),
  );
  const page = paginate(all, pageReq(ctx), {
    scope: `ListClustersV2|${nameFilter}|${typeFilter}`,
    defaultMax: MSK_LIMIT,
    limit: MSK_LIMIT,
  });
  return { clusterInfoList: page.items, nextToken: page.nextToken };
});

const listClustersV1 = kafkaOp('ListClusters', async (ctx) => {
  const nameFilter = ctx.query.clusterNameFilter ?? '';
  const o = await clusterOptions(ctx.view);
  const all = [provisionedClusterInfoV1(o), privateClusterInfoV1(o), expressClusterInfoV1(o)].filter(
    (c) => typeof c.clusterName === 'string' && c.clusterName.startsWith(nameFilter),
  );
  const page = paginate(all, pageReq(ctx), {
    scope: `ListClusters|${nameFilter}`,
    defaultMax: MSK_LIMIT,
    limit: MSK_LIMIT,
  });
  return { clusterInfoList: page.items, nextToken: page.nextToken };
});

const describeClusterV2 = kafkaOp('DescribeClusterV2', async (ctx) => {
  const kind = findCluster(ctx.view.state, label(ctx, 0));
  const o = await clusterOptions(ctx.view);
  const info = {
    provisioned: provisionedClusterV2,
    serverless: serverlessClusterV2,
    private: privateClusterV2,
    express: expressClusterV2,
  }[kind];
  return { clusterInfo: info(o) };
});

const describeCluster = kafkaOp('DescribeCluster', async (ctx) => {
  const kind = findCluster(ctx.view.state, label(ctx, 0));
  if (kind === 'serverless') throw serverlessUnsupported('DescribeCluster');
  const o = await clusterOptions(ctx.view);
  const info = { provisioned: provisionedClusterInfoV1, private: privateClusterInfoV1, express: expressClusterInfoV1 }[
    kind
  ];
  return { clusterInfo: info(o) };
});

const getBootstrapBrokers = kafkaOp('GetBootstrapBrokers', (ctx) => {
  const kind = findCluster(ctx.view.state, label(ctx, 0));
  if (kind === 'private') return Promise.resolve(privateBootstrapBrokers(ctx.view.privateBrokers));
  return Promise.resolve(bootstrapBrokers(ctx.view.state, kind === 'serverless'));
});

const listNodes = kafkaOp('ListNodes', async (ctx) => {
  const arn = label(ctx, 0);
  const kind = findCluster(ctx.view.state, arn);
  if (kind === 'serverless') throw serverlessUnsupported('ListNodes');
  if (kind === 'private') {
    const o: ClusterOptions = { state: ctx.view.state, epoch: ctx.view.epoch, brokers: [] };
    const page = paginate(privateBrokerNodes(o, ctx.view.privateBrokers), pageReq(ctx), {
      scope: `ListNodes|${arn}`,
      defaultMax: MSK_LIMIT,
      limit: MSK_LIMIT,
    });
    return { nodeInfoList: page.items, nextToken: page.nextToken };
  }
  const brokers = await ctx.view.brokers();
  const o: ClusterOptions = { state: ctx.view.state, epoch: ctx.view.epoch, brokers };
  const nodes = kind === 'express' ? expressBrokerNodes(o, brokers) : brokerNodes(o, brokers);
  const page = paginate(nodes, pageReq(ctx), {
    scope: `ListNodes|${arn}`,
    defaultMax: MSK_LIMIT,
    limit: MSK_LIMIT,
  });
  return { nodeInfoList: page.items, nextToken: page.nextToken };
});

const listScramSecrets = kafkaOp('ListScramSecrets', (ctx) => {
  const arn = label(ctx, 0);
  const kind = findCluster(ctx.view.state, arn);
  if (kind === 'serverless') throw serverlessUnsupported('ListScramSecrets');
  const page = paginate(
    kind === 'private' ? [] : scramSecrets(ctx.view.state, ctx.view.epoch).map((s) => s.arn),
    pageReq(ctx),
    { scope: `ListScramSecrets|${arn}`, defaultMax: MSK_LIMIT, limit: MSK_LIMIT },
  );
  return Promise.resolve({ secretArnList: page.items, nextToken: page.nextToken });
});

const listClusterOperationsV2 = kafkaOp('ListClusterOperationsV2', (ctx) => {
  const arn = label(ctx, 0);
  const kind = findCluster(ctx.view.state, arn);
  const ops =
    kind === 'private' || kind === 'express'
      ? []
      : clusterOperations(ctx.view.state, ctx.view.epoch, kind === 'serverless');
  const page = paginate(
    ops.map((o) => o.summary),
    pageReq(ctx),
    { scope: `ListClusterOperationsV2|${arn}`, defaultMax: MSK_LIMIT, limit: MSK_LIMIT },
  );
  return Promise.resolve({ clusterOperationInfoList: page.items, nextToken: page.nextToken });
});

const describeClusterOperationV2 = kafkaOp('DescribeClusterOperationV2', (ctx) => {
  const arn = label(ctx, 0);
  const { state, epoch } = ctx.view;
  const op = [...clusterOperations(state, epoch, false), ...clusterOperations(state, epoch, true)].find(
    (o) => o.arn === arn,
  );
  if (!op) throw notFound(`The cluster operation ${arn} does not exist.`, 'clusterOperationArn');
  return Promise.resolve({ clusterOperationInfo: op.detail });
});

const listKafkaVersions = kafkaOp('ListKafkaVersions', (ctx) => {
  const page = paginate(kafkaVersions(ctx.view.state), pageReq(ctx), {
    scope: 'ListKafkaVersions',
    defaultMax: MSK_LIMIT,
    limit: MSK_LIMIT,
  });
  return Promise.resolve({ kafkaVersions: page.items, nextToken: page.nextToken });
});

// ---------------------------------------------------------------------------------------------
// MSK Connect (kafkaconnect)

const listConnectors = connectOp('ListConnectors', async (ctx) => {
  const prefix = ctx.query.connectorNamePrefix ?? '';
  const all = connectors(ctx.view.state, ctx.view.epoch, await ctx.view.connectors()).filter((c) =>
    c.name.startsWith(prefix),
  );
  const page = paginate(
    all.map((c) => c.summary),
    pageReq(ctx),
    { scope: `ListConnectors|${prefix}`, defaultMax: MSKC_LIMIT, limit: MSKC_LIMIT },
  );
  return { connectors: page.items, nextToken: page.nextToken };
});

const describeConnector = connectOp('DescribeConnector', async (ctx) => {
  const arn = label(ctx, 0);
  const found = connectors(ctx.view.state, ctx.view.epoch, await ctx.view.connectors()).find((c) => c.arn === arn);
  if (!found) throw notFound(`The connector ${arn} does not exist.`);
  return found.detail;
});

const listCustomPlugins = connectOp('ListCustomPlugins', (ctx) => {
  const prefix = ctx.query.namePrefix ?? '';
  const page = paginate(
    customPlugins(ctx.view.state, ctx.view.epoch)
      .filter((p) => p.name.startsWith(prefix))
      .map((p) => p.summary),
    pageReq(ctx),
    { scope: `ListCustomPlugins|${prefix}`, defaultMax: MSKC_LIMIT, limit: MSKC_LIMIT },
  );
  return Promise.resolve({ customPlugins: page.items, nextToken: page.nextToken });
});

const describeCustomPlugin = connectOp('DescribeCustomPlugin', (ctx) => {
  const arn = label(ctx, 0);
  const found = customPlugins(ctx.view.state, ctx.view.epoch).find((p) => p.arn === arn);
  if (!found) throw notFound(`The custom plugin ${arn} does not exist.`);
  return Promise.resolve(found.summary);
});

const listWorkerConfigurations = connectOp('ListWorkerConfigurations', (ctx) => {
  const prefix = ctx.query.namePrefix ?? '';
  const page = paginate(
    workerConfigurations(ctx.view.state, ctx.view.epoch)
      .filter((w) => w.name.startsWith(prefix))
      .map((w) => w.summary),
    pageReq(ctx),
    { scope: `ListWorkerConfigurations|${prefix}`, defaultMax: MSKC_LIMIT, limit: MSKC_LIMIT },
  );
  return Promise.resolve({ workerConfigurations: page.items, nextToken: page.nextToken });
});

const describeWorkerConfiguration = connectOp('DescribeWorkerConfiguration', (ctx) => {
  const arn = label(ctx, 0);
  const found = workerConfigurations(ctx.view.state, ctx.view.epoch).find((w) => w.arn === arn);
  if (!found) throw notFound(`The worker configuration ${arn} does not exist.`);
  const latest = found.summary.latestRevision as JsonObject;
  return Promise.resolve({
    ...found.summary,
    latestRevision: { ...latest, propertiesFileContent: Buffer.from(found.properties, 'utf8').toString('base64') },
  });
});

// ---------------------------------------------------------------------------------------------
// Secrets Manager (JSON 1.1)

const getSecretValue: Operation = {
  name: 'GetSecretValue',
  service: 'secretsmanager',
  protocol: 'json-1.1',
  handle(ctx) {
    const body = (ctx.body ?? {}) as { SecretId?: unknown; VersionStage?: unknown; VersionId?: unknown };
    if (typeof body.SecretId !== 'string' || body.SecretId.length === 0) {
      throw new ApiError(400, 'InvalidParameterException', 'You must specify a SecretId.');
    }
    const secret = findSecret(scramSecrets(ctx.view.state, ctx.view.epoch), body.SecretId, ctx.view.state);
    if (!secret) {
      throw new ApiError(400, 'ResourceNotFoundException', "Secrets Manager can't find the specified secret.");
    }
    const value = secretValue(secret);
    if (
      (body.VersionStage !== undefined && body.VersionStage !== 'AWSCURRENT') ||
      (body.VersionId !== undefined && body.VersionId !== value.VersionId)
    ) {
      throw new ApiError(
        400,
        'ResourceNotFoundException',
        "Secrets Manager can't find the specified secret value for the requested version or staging label.",
      );
    }
    return Promise.resolve(value);
  },
};

export const JSON_TARGETS: Record<string, Operation> = {
  'secretsmanager.GetSecretValue': getSecretValue,
  ...Object.fromEntries(
    Object.entries(CLOUDWATCH_OPERATIONS).map(([name, op]) => [`${CLOUDWATCH_TARGET_PREFIX}.${name}`, op]),
  ),
  ...GLUE_OPERATIONS,
};

// ---------------------------------------------------------------------------------------------
// Route table

export const REST_ROUTES: RestRoute[] = [
  { method: 'GET', template: '/api/v2/clusters', op: listClustersV2 },
  { method: 'GET', template: '/api/v2/clusters/{clusterArn}', op: describeClusterV2 },
  { method: 'GET', template: '/api/v2/clusters/{clusterArn}/operations', op: listClusterOperationsV2 },
  { method: 'GET', template: '/api/v2/operations/{clusterOperationArn}', op: describeClusterOperationV2 },
  { method: 'GET', template: '/v1/clusters', op: listClustersV1 },
  { method: 'GET', template: '/v1/clusters/{clusterArn}', op: describeCluster },
  { method: 'GET', template: '/v1/clusters/{clusterArn}/bootstrap-brokers', op: getBootstrapBrokers },
  { method: 'GET', template: '/v1/clusters/{clusterArn}/nodes', op: listNodes },
  { method: 'GET', template: '/v1/clusters/{clusterArn}/scram-secrets', op: listScramSecrets },
  ...TOPIC_ROUTES,
  { method: 'GET', template: '/v1/kafka-versions', op: listKafkaVersions },
  ...CONFIGURATION_ROUTES,
  { method: 'GET', template: '/v1/connectors', op: listConnectors },
  { method: 'GET', template: '/v1/connectors/{connectorArn}', op: describeConnector },
  { method: 'GET', template: '/v1/custom-plugins', op: listCustomPlugins },
  { method: 'GET', template: '/v1/custom-plugins/{customPluginArn}', op: describeCustomPlugin },
  { method: 'GET', template: '/v1/worker-configurations', op: listWorkerConfigurations },
  { method: 'GET', template: '/v1/worker-configurations/{workerConfigurationArn}', op: describeWorkerConfiguration },
];

export interface RestMatch {
  op: Operation;
  /** Path labels as received (still percent-encoded); see decodeLabels. */
  rawLabels: string[];
}

/** Matches a raw (percent-encoded) request path against the route table. */
export function matchRestRoute(method: string, rawPath: string): RestMatch | undefined {
  const segments = rawPath.split('/');
  for (const route of REST_ROUTES) {
    if (route.method !== method) continue;
    const parts = route.template.split('/');
    if (parts.length !== segments.length) continue;
    const rawLabels: string[] = [];
    let ok = true;
    for (let i = 0; i < parts.length && ok; i++) {
      const part = parts[i] ?? '';
      const seg = segments[i] ?? '';
      if (part.startsWith('{')) {
        if (seg.length === 0) ok = false;
        else rawLabels.push(seg);
      } else if (part !== seg) ok = false;
    }
    if (ok) return { op: route.op, rawLabels };
  }
  return undefined;
}

/** Decodes path labels; a malformed percent-encoding is a BadRequestException. */
export function decodeLabels(rawLabels: string[]): string[] {
  try {
    return rawLabels.map((l) => decodeURIComponent(l));
  } catch {
    throw badRequest('The request path contains a malformed percent-encoding.');
  }
}

/** The service a path belongs to, for requests that match no operation (error shape and scope check). */
export function serviceOfPath(rawPath: string): SigningService | undefined {
  if (/^\/v1\/(connectors|custom-plugins|worker-configurations)(\/|$)/.test(rawPath)) return 'kafkaconnect';
  if (/^\/(v1|api\/v2)\//.test(rawPath)) return 'kafka';
  return undefined;
}
