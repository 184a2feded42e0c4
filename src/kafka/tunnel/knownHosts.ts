/**
 * OpenSSH's known_hosts format (sshd(8) "SSH_KNOWN_HOSTS FILE FORMAT"): one key per line as
 * `[@marker] hostpatterns keytype base64-key [comment]`. Host patterns are comma-separated, may use
 * `*` and `?` wildcards and `!` negation, name non-standard ports as `[host]:port`, or be hashed
 * (`|1|base64 salt|base64 HMAC-SHA1(salt, name)`, written by HashKnownHosts / `ssh-keygen -H`).
 * `@revoked` keys are never accepted; `@cert-authority` lines (host certificates) are kept but not
 * used for plain host keys.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { keyTypeOf } from './fingerprint';

export type KnownHostMarker = 'cert-authority' | 'revoked';

export interface KnownHostEntry {
  /** 1-based line number in the file, for messages. */
  line: number;
  marker?: KnownHostMarker;
  /** Plain patterns (lower-cased), or undefined for a hashed entry. */
  patterns?: string[];
  /** A hashed entry: HMAC-SHA1 key (salt) and digest. */
  hashed?: { salt: Buffer; hash: Buffer };
  keyType: string;
  key: Buffer;
}

export interface KnownHostsParse {
  entries: KnownHostEntry[];
  /** Lines that could not be read, with why (the rest of the file still counts, as in OpenSSH). */
  problems: { line: number; problem: string }[];
}

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/** Parses the text of a known_hosts file. */
export function parseKnownHosts(text: string): KnownHostsParse {
  const entries: KnownHostEntry[] = [];
  const problems: KnownHostsParse['problems'] = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const lineNo = i + 1;
    const raw = lines[i].trim();
    if (!raw || raw.startsWith('#')) continue;
    const fields = raw.split(/\s+/);
    let marker: KnownHostMarker | undefined;
    if (fields[0].startsWith('@')) {
      const m = fields.shift()!.toLowerCase();
      if (m !== '@cert-authority' && m !== '@revoked') {
        problems.push({ line: lineNo, problem: `unknown marker "${m}"` });
        continue;
      }
      marker = m.slice(1) as KnownHostMarker;
    }
    if (fields.length < 3) {
      problems.push({ line: lineNo, problem: 'expected host patterns, key type and key' });
      continue;
    }
    const [hosts, keyType, keyText] = fields;
    if (!BASE64.test(keyText)) {
      problems.push({ line: lineNo, problem: 'the key is not base64' });
      continue;
    }
    const key = Buffer.from(keyText, 'base64');
    const inner = keyTypeOf(key);
    if (inner !== keyType) {
      problems.push({ line: lineNo, problem: `the key does not hold a ${keyType} key` });
      continue;
    }
    const entry: KnownHostEntry = { line: lineNo, keyType, key };
    if (marker) entry.marker = marker;
    if (hosts.startsWith('|')) {
      const m = /^\|1\|([A-Za-z0-9+/=]+)\|([A-Za-z0-9+/=]+)$/.exec(hosts);
      if (!m) {
        problems.push({ line: lineNo, problem: 'unreadable hashed host name' });
        continue;
      }
      entry.hashed = { salt: Buffer.from(m[1], 'base64'), hash: Buffer.from(m[2], 'base64') };
    } else {
      entry.patterns = hosts
        .toLowerCase()
        .split(',')
        .filter((p) => p.length > 0);
    }
    entries.push(entry);
  }
  return { entries, problems };
}

/** The name OpenSSH looks a host up by: "host" on port 22, "[host]:port" otherwise. */
export function knownHostsName(host: string, port: number): string {
  const h = host.toLowerCase();
  return port === 22 ? h : `[${h}]:${port}`;
}

/** Shell-style wildcard match (`*`, `?`), whole string. */
function wildcardMatch(pattern: string, text: string): boolean {
  const re = new RegExp(
    `^${pattern
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '.*')
      .replace(/\?/g, '.')}$`,
  );
  return re.test(text);
}

/** Whether one entry's host field names `host` on `port`. */
export function entryMatches(entry: KnownHostEntry, host: string, port: number): boolean {
  const name = knownHostsName(host, port);
  if (entry.hashed) {
    const digest = createHmac('sha1', entry.hashed.salt).update(name).digest();
    return digest.length === entry.hashed.hash.length && timingSafeEqual(digest, entry.hashed.hash);
  }
  let matched = false;
  for (const p of entry.patterns ?? []) {
    if (p.startsWith('!')) {
      if (wildcardMatch(p.slice(1), name)) return false; // a negated match rules the line out
    } else if (wildcardMatch(p, name)) {
      matched = true;
    }
  }
  return matched;
}

export interface KnownHostsLookup {
  /** Plain host keys listed for the host (not revoked, not CA lines). */
  keys: KnownHostEntry[];
  /** Revoked keys that apply to the host. */
  revoked: KnownHostEntry[];
}

/** The entries of a parsed file that apply to `host`:`port`. */
export function lookupKnownHosts(entries: readonly KnownHostEntry[], host: string, port: number): KnownHostsLookup {
  const keys: KnownHostEntry[] = [];
  const revoked: KnownHostEntry[] = [];
  for (const e of entries) {
    if (!entryMatches(e, host, port)) continue;
    if (e.marker === 'revoked') revoked.push(e);
    else if (!e.marker) keys.push(e);
  }
  return { keys, revoked };
}
