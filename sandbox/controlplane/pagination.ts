/**
 * `maxResults` / `nextToken` paging as MSK and MSK Connect do it: the token is opaque to the client
 * (here: base64url of the listing it belongs to and the offset), tied to the listing that issued it.
 */
import { badRequest } from './errors';

export interface PageRequest {
  maxResults?: string | undefined;
  nextToken?: string | undefined;
}

export interface PageOptions {
  /** Identifies the listing (operation + its filters); a token from another listing is refused. */
  scope: string;
  /** Page size when maxResults is absent. */
  defaultMax: number;
  /** Largest maxResults the service accepts. */
  limit: number;
}

export interface Page<T> {
  items: T[];
  nextToken?: string;
}

interface TokenBody {
  v: 1;
  s: string;
  o: number;
}

export function encodeToken(scope: string, offset: number): string {
  const body: TokenBody = { v: 1, s: scope, o: offset };
  return Buffer.from(JSON.stringify(body), 'utf8').toString('base64url');
}

export function decodeToken(token: string, scope: string): number {
  let body: unknown;
  try {
    body = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
  } catch {
    body = undefined;
  }
  const t = body as Partial<TokenBody> | undefined;
  if (
    !t ||
    typeof t !== 'object' ||
    t.v !== 1 ||
    t.s !== scope ||
    typeof t.o !== 'number' ||
    !Number.isInteger(t.o) ||
    t.o < 0
  ) {
    throw badRequest('The specified nextToken is not valid.', 'nextToken');
  }
  return t.o;
}

export function parseMaxResults(raw: string | undefined, opts: Pick<PageOptions, 'defaultMax' | 'limit'>): number {
  if (raw === undefined || raw === '') return opts.defaultMax;
  const n = Number(raw);
  if (!/^\d+$/.test(raw) || !Number.isSafeInteger(n) || n < 1 || n > opts.limit) {
    throw badRequest(`maxResults must be an integer between 1 and ${opts.limit}.`, 'maxResults');
  }
  return n;
}

export function paginate<T>(all: readonly T[], req: PageRequest, opts: PageOptions): Page<T> {
  const max = parseMaxResults(req.maxResults, opts);
  const offset = req.nextToken ? decodeToken(req.nextToken, opts.scope) : 0;
  if (offset > all.length) throw badRequest('The specified nextToken is not valid.', 'nextToken');
  const items = all.slice(offset, offset + max);
  const next = offset + items.length;
  return next < all.length ? { items, nextToken: encodeToken(opts.scope, next) } : { items };
}
