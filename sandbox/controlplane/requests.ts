/**
 * What the REST-JSON operations of the `kafka` service share: their Operation, the JSON body of a
 * request, and base64 members holding server.properties lines (MSK's topic `configs` and
 * configuration `serverProperties`), refused with MSK's BadRequestException naming the member.
 */
import type { Operation, OperationContext } from './api';
import { badRequest } from './errors';
import type { JsonObject } from './model';

/** An MSK (`kafka`) REST-JSON operation. */
export function kafkaOp(name: string, handle: (ctx: OperationContext) => JsonObject | Promise<JsonObject>): Operation {
  return { name, service: 'kafka', protocol: 'rest-json', handle: async (ctx) => handle(ctx) };
}

/** The request's JSON object body; {} when it sent none (or not an object). */
export function body(ctx: OperationContext): Record<string, unknown> {
  return ctx.body && typeof ctx.body === 'object' && !Array.isArray(ctx.body)
    ? (ctx.body as Record<string, unknown>)
    : {};
}

/** The UTF-8 text of a base64 member; BadRequestException when it is not base64. */
export function base64Text(raw: unknown, member: string): string {
  if (typeof raw !== 'string' || !/^[A-Za-z0-9+/]*={0,2}$/.test(raw)) {
    throw badRequest(`The value of ${member} must be Base64-encoded.`, member);
  }
  return Buffer.from(raw, 'base64').toString('utf8');
}

/**
 * The `name=value` lines of server.properties text, in order (blank lines and lines starting with
 * one of `comments` skipped); BadRequestException naming `member` for any other line, e.g.
 * `The configs line "x" is not name=value.` (`label` "configs").
 */
export function propertyLines(
  text: string,
  opts: { member: string; label: string; comments: string },
): [name: string, value: string][] {
  const out: [string, string][] = [];
  for (const line of text.split(/\r?\n/)) {
    const t = line.trim();
    if (!t || opts.comments.includes(t[0])) continue;
    const eq = t.indexOf('=');
    if (eq <= 0) throw badRequest(`The ${opts.label} line "${t}" is not name=value.`, opts.member);
    out.push([t.slice(0, eq).trim(), t.slice(eq + 1).trim()]);
  }
  return out;
}
