/**
 * Broker addresses ("host:port", "[v6]:port"): the one parser the Kafka layer connects with and the
 * connection form validates with, so what the form accepts is what a connection can use.
 */

type Parsed = { host: string; port: number } | { problem: string };

function parse(address: string): Parsed {
  const trimmed = address.trim();
  const m = /^\[([^\]]+)\]:(\d+)$/.exec(trimmed) ?? /^([^:\s]+):(\d+)$/.exec(trimmed);
  if (!m) return { problem: `"${address}" is not a host:port address` };
  const port = Number(m[2]);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    return { problem: `"${address}" has an invalid port: ${m[2]} (ports are 1–65535)` };
  }
  return { host: m[1], port };
}

/** Splits "host:port" (also "[v6]:port"); throws a clear message for anything else (ports 1–65535). */
export function parseHostPort(address: string): { host: string; port: number } {
  const parsed = parse(address);
  if ('problem' in parsed) throw new Error(parsed.problem);
  return parsed;
}

/**
 * What is wrong with a comma-separated bootstrap list (an input box's validation message), naming
 * the first bad entry; undefined when every entry is a host:port a connection can use.
 */
export function bootstrapListProblem(list: string): string | undefined {
  const parts = list
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean);
  if (parts.length === 0) return 'At least one host:port';
  for (const p of parts) {
    const parsed = parse(p);
    if ('problem' in parsed) return parsed.problem;
  }
  return undefined;
}
