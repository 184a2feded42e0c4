/**
 * CloudWatch `GetMetricData` and `ListMetrics` for MSK's consumer-lag metrics (lagMetrics.ts), on
 * the two wire protocols CloudWatch clients speak today:
 *  - AWS JSON 1.0 (the AWS SDK for JavaScript v3): `POST /`, `X-Amz-Target:
 *    GraniteServiceVersion20100801.<Op>`, `application/x-amz-json-1.0`, timestamps as epoch seconds;
 *  - Smithy RPC v2 CBOR (botocore / the AWS CLI): `POST /service/GraniteServiceVersion20100801/
 *    operation/<Op>`, `smithy-protocol: rpc-v2-cbor`, `application/cbor`, timestamps as CBOR tag 1.
 * Both are "awsQuery compatible": errors also carry `x-amzn-query-error: <Code>;Sender`.
 * Handlers take and return plain objects with Date timestamps; server.ts encodes them.
 */
import type { Operation } from './api';
import { ApiError } from './errors';
import type { JsonObject } from './model';
import { NAMESPACE, STATISTICS, type Dimension, type LagMetricsStore, type Statistic } from './lagMetrics';

export const CLOUDWATCH_TARGET_PREFIX = 'GraniteServiceVersion20100801';
export const CBOR_PATH = /^\/service\/GraniteServiceVersion20100801\/operation\/([A-Za-z]+)$/;

/** A CloudWatch client error (HTTP 400) with its awsQuery code, e.g. InvalidParameterValue. */
export function cwError(queryCode: string, message: string): ApiError {
  return new ApiError(400, `${queryCode}Exception`, message, {}, `${queryCode};Sender`);
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

function str(v: unknown, name: string, required = false): string | undefined {
  if (v === undefined || v === null) {
    if (required) throw cwError('MissingParameter', `The parameter ${name} is required.`);
    return undefined;
  }
  if (typeof v !== 'string') throw cwError('InvalidParameterValue', `The parameter ${name} must be a string.`);
  return v;
}

/** A timestamp member: a Date (decoded CBOR / JSON epoch seconds), a number of epoch seconds. */
function time(v: unknown, name: string): Date {
  if (v === undefined || v === null) throw cwError('MissingParameter', `The parameter ${name} is required.`);
  const d =
    v instanceof Date
      ? v
      : typeof v === 'number'
        ? new Date(v * 1000)
        : isObj(v) && v.tag === 1 && typeof v.value === 'number'
          ? new Date(v.value * 1000)
          : undefined;
  if (!d || Number.isNaN(d.getTime())) {
    throw cwError('InvalidParameterValue', `The parameter ${name} must be a timestamp.`);
  }
  return d;
}

function dimensionsOf(v: unknown, name: string, valueRequired: boolean): { Name: string; Value?: string }[] {
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) throw cwError('InvalidParameterValue', `The parameter ${name} must be a list.`);
  if (v.length > 30)
    throw cwError('InvalidParameterValue', `The collection ${name} must not have more than 30 members.`);
  return v.map((d, i) => {
    if (!isObj(d)) throw cwError('InvalidParameterValue', `The parameter ${name}.member.${i + 1} must be a structure.`);
    const n = str(d.Name, `${name}.member.${i + 1}.Name`, true) as string;
    const value = str(d.Value, `${name}.member.${i + 1}.Value`, valueRequired);
    return value === undefined ? { Name: n } : { Name: n, Value: value };
  });
}

export interface MetricDataResult {
  Id: string;
  Label: string;
  Timestamps: Date[];
  Values: number[];
  StatusCode: 'Complete';
}

export function getMetricData(
  store: LagMetricsStore,
  input: unknown,
): { MetricDataResults: MetricDataResult[]; Messages: [] } {
  const body = isObj(input) ? input : {};
  const queries = body.MetricDataQueries;
  if (!Array.isArray(queries) || queries.length === 0) {
    throw cwError('MissingParameter', 'The parameter MetricDataQueries is required.');
  }
  if (queries.length > 500) {
    throw cwError('InvalidParameterValue', 'The collection MetricDataQueries must not have more than 500 members.');
  }
  const start = time(body.StartTime, 'StartTime');
  const end = time(body.EndTime, 'EndTime');
  if (start.getTime() >= end.getTime()) {
    throw cwError('InvalidParameterValue', 'The parameter StartTime must be less than the parameter EndTime.');
  }
  const scanBy = str(body.ScanBy, 'ScanBy') ?? 'TimestampDescending';
  if (scanBy !== 'TimestampDescending' && scanBy !== 'TimestampAscending') {
    throw cwError('InvalidParameterValue', `The value ${scanBy} for parameter ScanBy is not valid.`);
  }
  const ids = new Set<string>();
  const results = queries.map((q, i): MetricDataResult => {
    const at = `MetricDataQueries.member.${i + 1}`;
    if (!isObj(q)) throw cwError('InvalidParameterValue', `The parameter ${at} must be a structure.`);
    const id = str(q.Id, `${at}.Id`, true) as string;
    if (!/^[a-z][a-zA-Z0-9_]*$/.test(id)) {
      throw cwError(
        'ValidationError',
        `The value ${id} for parameter ${at}.Id is not valid: it must start with a lowercase letter and contain only letters, numbers and underscores.`,
      );
    }
    if (ids.has(id))
      throw cwError('ValidationError', `The values for parameter id in MetricDataQueries are not unique.`);
    ids.add(id);
    if (q.Expression !== undefined) {
      throw cwError(
        'InvalidParameterValue',
        `${at}.Expression: the sandbox does not evaluate metric math expressions.`,
      );
    }
    const ms = q.MetricStat;
    if (!isObj(ms)) {
      throw cwError('InvalidParameterCombination', `Exactly one of ${at}.MetricStat and ${at}.Expression must be set.`);
    }
    const metric = isObj(ms.Metric) ? ms.Metric : undefined;
    if (!metric) throw cwError('MissingParameter', `The parameter ${at}.MetricStat.Metric is required.`);
    const namespace = str(metric.Namespace, `${at}.MetricStat.Metric.Namespace`, true) as string;
    const metricName = str(metric.MetricName, `${at}.MetricStat.Metric.MetricName`, true) as string;
    const dims = dimensionsOf(metric.Dimensions, `${at}.MetricStat.Metric.Dimensions`, true) as Dimension[];
    const period = ms.Period;
    if (typeof period !== 'number' || !Number.isInteger(period) || period <= 0) {
      throw cwError('MissingParameter', `The parameter ${at}.MetricStat.Period is required.`);
    }
    if (period % 60 !== 0 && ![1, 5, 10, 20, 30].includes(period)) {
      throw cwError('InvalidParameterValue', `The parameter ${at}.MetricStat.Period must be a multiple of 60.`);
    }
    const stat = str(ms.Stat, `${at}.MetricStat.Stat`, true) as string;
    if (!STATISTICS.includes(stat as Statistic)) {
      throw cwError('InvalidParameterValue', `The value ${stat} for parameter ${at}.MetricStat.Stat is not valid.`);
    }
    const label = str(q.Label, `${at}.Label`) ?? metricName;
    // A unit other than the metric's own selects nothing, as in CloudWatch.
    const unit = str(ms.Unit, `${at}.MetricStat.Unit`);
    const unitMatches = unit === undefined || unit === store.unit(metricName);
    // MSK publishes one-minute data: a finer period holds the same one value per minute.
    const points =
      namespace === NAMESPACE && unitMatches
        ? store.query(
            { MetricName: metricName, Dimensions: dims },
            start.getTime(),
            end.getTime(),
            Math.max(60, period),
            stat as Statistic,
          )
        : [];
    if (scanBy === 'TimestampDescending') points.reverse();
    return {
      Id: id,
      Label: label,
      Timestamps: points.map((p) => new Date(p.time)),
      Values: points.map((p) => p.value),
      StatusCode: 'Complete',
    };
  });
  return { MetricDataResults: results.filter((_, i) => (queries[i] as Obj).ReturnData !== false), Messages: [] };
}

const PAGE = 500;

export function listMetrics(
  store: LagMetricsStore,
  input: unknown,
  now = Date.now(),
): { Metrics: { Namespace: string; MetricName: string; Dimensions: Dimension[] }[]; NextToken?: string } {
  const body = isObj(input) ? input : {};
  const namespace = str(body.Namespace, 'Namespace');
  const metricName = str(body.MetricName, 'MetricName');
  const filters = dimensionsOf(body.Dimensions, 'Dimensions', false);
  if (filters.length > 10)
    throw cwError('InvalidParameterValue', 'The collection Dimensions must not have more than 10 members.');
  const recently = str(body.RecentlyActive, 'RecentlyActive');
  if (recently !== undefined && recently !== 'PT3H') {
    throw cwError('InvalidParameterValue', `The value ${recently} for parameter RecentlyActive is not valid.`);
  }
  const token = str(body.NextToken, 'NextToken');
  let from = 0;
  if (token !== undefined) {
    const decoded = /^sandbox-(\d+)$/.exec(Buffer.from(token, 'base64').toString('utf8'));
    if (!decoded) throw cwError('InvalidNextToken', 'The service returned an invalid NextToken.');
    from = Number(decoded[1]);
  }
  const all =
    namespace !== undefined && namespace !== NAMESPACE
      ? []
      : store
          .metrics(recently ? now - 3 * 3600_000 : 0)
          .filter((m) => metricName === undefined || m.MetricName === metricName)
          .filter((m) =>
            filters.every((f) =>
              m.Dimensions.some((d) => d.Name === f.Name && (f.Value === undefined || d.Value === f.Value)),
            ),
          );
  const page = all.slice(from, from + PAGE).map((m) => ({ Namespace: NAMESPACE, ...m }));
  return from + PAGE < all.length
    ? { Metrics: page, NextToken: Buffer.from(`sandbox-${from + PAGE}`).toString('base64') }
    : { Metrics: page };
}

const operation = (name: string, run: (store: LagMetricsStore, body: unknown) => object): Operation => ({
  name,
  service: 'monitoring',
  protocol: 'json-1.0',
  async handle(ctx) {
    return run(await ctx.view.lagMetrics(), ctx.body) as unknown as JsonObject;
  },
});

/** The CloudWatch operations by name (JSON 1.0 targets and RPC v2 CBOR paths). */
export const CLOUDWATCH_OPERATIONS: Record<string, Operation> = {
  GetMetricData: operation('GetMetricData', (store, body) => getMetricData(store, body)),
  ListMetrics: operation('ListMetrics', (store, body) => listMetrics(store, body)),
};
