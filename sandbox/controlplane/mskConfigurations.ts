/**
 * MSK cluster configurations (the `kafka` service's /v1/configurations paths): ListConfigurations,
 * DescribeConfiguration, ListConfigurationRevisions, DescribeConfigurationRevision, and
 * CreateConfiguration / UpdateConfiguration (a new revision) / DeleteConfiguration so tests and the
 * AWS CLI can make revisions. Paths, methods and member names are those of @aws-sdk/client-kafka's
 * schema (`serverProperties` a base64 blob, `latestRevision`, `kafkaVersions`, `state`); errors are
 * MSK's REST-JSON ones (BadRequestException 400, ForbiddenException 403, NotFoundException 404,
 * ConflictException 409, each with `invalidParameter` where MSK names one).
 *
 * IAM as the sandbox models it: admin may do everything; readonly may list and read every
 * configuration except `sandbox-restricted` (so clients meet a real access-denied on a read), and
 * may not create, update or delete any.
 */
import type { Operation, OperationContext } from './api';
import { ApiError, badRequest, forbidden, notFound } from './errors';
import { configurations as seededConfigurations, kafkaVersions, type JsonObject } from './model';
import {
  configurationShape,
  mskConfigurationStore,
  revisionSummary,
  type MskConfigurationStore,
  type StoredConfiguration,
} from './mskConfigurationStore';
import { paginate } from './pagination';
import { base64Text, body, kafkaOp, propertyLines } from './requests';

const LIMIT = 100;
/** The seeded configuration the readonly principal may list but not read. */
export const RESTRICTED_CONFIGURATION = 'sandbox-restricted';
/** MSK's rule for configuration names. */
const NAME = /^[0-9A-Za-z][0-9A-Za-z-]*$/;

type ConfigurationOperation =
  | 'ListConfigurations'
  | 'DescribeConfiguration'
  | 'ListConfigurationRevisions'
  | 'DescribeConfigurationRevision'
  | 'CreateConfiguration'
  | 'UpdateConfiguration'
  | 'DeleteConfiguration';

const READS = new Set<ConfigurationOperation>([
  'ListConfigurations',
  'DescribeConfiguration',
  'ListConfigurationRevisions',
  'DescribeConfigurationRevision',
]);

function store(ctx: OperationContext): MskConfigurationStore {
  return mskConfigurationStore(ctx.view.state, ctx.view.epoch);
}

/** Refuses what the readonly principal may not do, as IAM words it (the action `kafka:<operation>`). */
function authorize(ctx: OperationContext, operation: ConfigurationOperation, resource: string): void {
  if (ctx.principal !== ctx.view.state.principals.readonly.name) return;
  const restricted = resource.includes(`:configuration/${RESTRICTED_CONFIGURATION}/`);
  if (READS.has(operation) && !restricted) return;
  throw forbidden(ctx, `kafka:${operation}`, resource);
}

const op = (name: ConfigurationOperation, handle: (ctx: OperationContext) => JsonObject): Operation =>
  kafkaOp(name, handle);

/** The configuration of the path's {arn}, after the principal's check; NotFoundException when unknown. */
function found(ctx: OperationContext, operation: ConfigurationOperation): StoredConfiguration {
  const arn = ctx.labels[0] ?? '';
  if (!/^arn:aws[\w-]*:kafka:[^:]+:\d{12}:configuration\/.+/.test(arn)) {
    throw badRequest(`The value of arn is not a valid configuration ARN: ${arn}`, 'arn');
  }
  authorize(ctx, operation, arn);
  const config = store(ctx).find(arn);
  if (!config) throw notFound(`The configuration ${arn} does not exist.`, 'arn');
  return config;
}

/** `serverProperties` of a request: base64 of server.properties text with at least one `name=value` line. */
function serverPropertiesOf(raw: unknown): string {
  if (raw === undefined || raw === null || raw === '') {
    throw badRequest('The value of serverProperties is required.', 'serverProperties');
  }
  const text = base64Text(raw, 'serverProperties');
  const settings = propertyLines(text, { member: 'serverProperties', label: 'server.properties', comments: '#!' });
  if (settings.length === 0) throw badRequest('The server.properties contain no property.', 'serverProperties');
  return text;
}

function optionalString(raw: unknown, member: string): string | undefined {
  if (raw === undefined || raw === null) return undefined;
  if (typeof raw !== 'string') throw badRequest(`The value of ${member} must be a string.`, member);
  return raw;
}

const listConfigurations = op('ListConfigurations', (ctx) => {
  authorize(ctx, 'ListConfigurations', '*');
  const page = paginate(store(ctx).all().map(configurationShape), ctx.query, {
    scope: 'ListConfigurations',
    defaultMax: LIMIT,
    limit: LIMIT,
  });
  return { configurations: page.items, nextToken: page.nextToken };
});

const describeConfiguration = op('DescribeConfiguration', (ctx) =>
  configurationShape(found(ctx, 'DescribeConfiguration')),
);

const listConfigurationRevisions = op('ListConfigurationRevisions', (ctx) => {
  const config = found(ctx, 'ListConfigurationRevisions');
  const page = paginate(config.revisions.map(revisionSummary), ctx.query, {
    scope: `ListConfigurationRevisions|${config.arn}`,
    defaultMax: LIMIT,
    limit: LIMIT,
  });
  return { revisions: page.items, nextToken: page.nextToken };
});

const describeConfigurationRevision = op('DescribeConfigurationRevision', (ctx) => {
  const config = found(ctx, 'DescribeConfigurationRevision');
  const raw = ctx.labels[1] ?? '';
  if (!/^\d+$/.test(raw) || Number(raw) < 1) {
    throw badRequest('The value of revision must be a positive integer.', 'revision');
  }
  const rev = config.revisions.find((r) => r.revision === Number(raw));
  if (!rev) throw notFound(`Revision ${raw} of the configuration ${config.arn} does not exist.`, 'revision');
  return {
    arn: config.arn,
    creationTime: rev.creationTime,
    description: rev.description,
    revision: rev.revision,
    serverProperties: Buffer.from(rev.serverProperties, 'utf8').toString('base64'),
  };
});

const createConfiguration = op('CreateConfiguration', (ctx) => {
  const b = body(ctx);
  const name = b.name;
  if (typeof name !== 'string' || !name) throw badRequest('The value of name is required.', 'name');
  if (!NAME.test(name)) {
    throw badRequest(
      'The value of name is not valid: start with a letter or digit; use only letters, digits and hyphens.',
      'name',
    );
  }
  const resource = `arn:aws:kafka:${ctx.view.state.region}:${ctx.view.state.accountId}:configuration/${name}/*`;
  authorize(ctx, 'CreateConfiguration', resource);
  const versions = b.kafkaVersions ?? [];
  if (!Array.isArray(versions) || versions.some((v) => typeof v !== 'string')) {
    throw badRequest('The value of kafkaVersions must be a list of strings.', 'kafkaVersions');
  }
  const known = new Set(kafkaVersions(ctx.view.state).map((v) => (typeof v.version === 'string' ? v.version : '')));
  const unknown = (versions as string[]).find((v) => !known.has(v));
  if (unknown !== undefined) throw badRequest(`Unsupported KafkaVersion: ${unknown}.`, 'kafkaVersions');
  const description = optionalString(b.description, 'description');
  const serverProperties = serverPropertiesOf(b.serverProperties);
  const s = store(ctx);
  if (s.findByName(name)) {
    throw new ApiError(409, 'ConflictException', `A configuration named ${name} already exists.`, {
      invalidParameter: 'name',
    });
  }
  const config = s.create({
    name,
    ...(description !== undefined ? { description } : {}),
    kafkaVersions: versions as string[],
    serverProperties,
  });
  const shape = configurationShape(config);
  return {
    arn: shape.arn,
    creationTime: shape.creationTime,
    latestRevision: shape.latestRevision,
    name: shape.name,
    state: shape.state,
  };
});

const updateConfiguration = op('UpdateConfiguration', (ctx) => {
  const config = found(ctx, 'UpdateConfiguration');
  const b = body(ctx);
  const description = optionalString(b.description, 'description');
  const serverProperties = serverPropertiesOf(b.serverProperties);
  const rev = store(ctx).addRevision(config, {
    ...(description !== undefined ? { description } : {}),
    serverProperties,
  });
  return { arn: config.arn, latestRevision: revisionSummary(rev) };
});

const deleteConfiguration = op('DeleteConfiguration', (ctx) => {
  const config = found(ctx, 'DeleteConfiguration');
  const inUse = configurationInUse(ctx, config.arn);
  if (inUse) {
    throw badRequest(`The configuration ${config.arn} is in use by the cluster ${inUse}.`, 'arn');
  }
  store(ctx).remove(config.arn);
  return { arn: config.arn, state: 'DELETING' };
});

/** The cluster that runs a configuration (the provisioned cluster and its Express twin run the first seeded one). */
function configurationInUse(ctx: OperationContext, arn: string): string | undefined {
  const used = seededConfigurations(ctx.view.state, ctx.view.epoch)[0];
  return used?.arn === arn ? ctx.view.state.clusters.provisioned.arn : undefined;
}

export const CONFIGURATION_ROUTES: { method: string; template: string; op: Operation }[] = [
  { method: 'GET', template: '/v1/configurations', op: listConfigurations },
  { method: 'POST', template: '/v1/configurations', op: createConfiguration },
  { method: 'GET', template: '/v1/configurations/{arn}', op: describeConfiguration },
  { method: 'PUT', template: '/v1/configurations/{arn}', op: updateConfiguration },
  { method: 'DELETE', template: '/v1/configurations/{arn}', op: deleteConfiguration },
  { method: 'GET', template: '/v1/configurations/{arn}/revisions', op: listConfigurationRevisions },
  { method: 'GET', template: '/v1/configurations/{arn}/revisions/{revision}', op: describeConfigurationRevision },
];
