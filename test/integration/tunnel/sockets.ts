/**
 * Which TCP connections a process holds, read from /proc (Linux): proves where a process's broker
 * traffic really goes, independent of what the code under test says about itself.
 */
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';

export interface TcpConnection {
  localPort: number;
  remotePort: number;
  /** e.g. "127.0.0.1" or "::1" (v4-mapped v6 shown as v4). */
  remoteHost: string;
}

function parseAddress(hex: string): { host: string; port: number } {
  const [ip, port] = hex.split(':');
  let host: string;
  if (ip.length === 8) {
    host = [3, 2, 1, 0].map((i) => parseInt(ip.slice(i * 2, i * 2 + 2), 16)).join('.');
  } else {
    const words: string[] = [];
    for (let w = 0; w < 4; w++) {
      const chunk = ip.slice(w * 8, w * 8 + 8);
      const bytes = [3, 2, 1, 0].map((i) => chunk.slice(i * 2, i * 2 + 2)).join('');
      words.push(bytes.slice(0, 4), bytes.slice(4));
    }
    host = words.map((x) => parseInt(x, 16).toString(16)).join(':');
    const mapped = /^0:0:0:0:0:ffff:([0-9a-f]+):([0-9a-f]+)$/.exec(host);
    if (mapped) {
      const n = (parseInt(mapped[1], 16) << 16) | parseInt(mapped[2], 16);
      host = [24, 16, 8, 0].map((s) => (n >>> s) & 255).join('.');
    } else if (host === '0:0:0:0:0:0:0:1') host = '::1';
  }
  return { host, port: parseInt(port, 16) };
}

/** Established TCP connections of `pid`. */
export function tcpConnectionsOf(pid: number): TcpConnection[] {
  const inodes = new Set<string>();
  let fds: string[];
  try {
    fds = readdirSync(`/proc/${pid}/fd`);
  } catch {
    return [];
  }
  for (const fd of fds) {
    try {
      const m = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`));
      if (m) inodes.add(m[1]);
    } catch {
      // closed meanwhile
    }
  }
  const out: TcpConnection[] = [];
  for (const table of ['tcp', 'tcp6']) {
    let text: string;
    try {
      text = readFileSync(`/proc/${pid}/net/${table}`, 'utf8');
    } catch {
      continue;
    }
    for (const line of text.split('\n').slice(1)) {
      const f = line.trim().split(/\s+/);
      if (f.length < 10 || f[3] !== '01' || !inodes.has(f[9])) continue;
      const local = parseAddress(f[1]);
      const remote = parseAddress(f[2]);
      out.push({ localPort: local.port, remotePort: remote.port, remoteHost: remote.host });
    }
  }
  return out;
}
