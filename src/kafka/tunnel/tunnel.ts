/**
 * One SSH connection to a bastion, and one local loopback port per forwarded broker address: every
 * connection accepted on a local port becomes an SSH `direct-tcpip` channel to that address, dialed
 * from the bastion. Local ports stay the same for the tunnel's life, so after a dropped SSH
 * connection (re-opened with backoff) kafkajs simply reconnects through them. `dispose` closes the
 * SSH connection, the local ports and every connection on them.
 */
import * as net from 'node:net';
import type { Client, ClientChannel } from 'ssh2';
import { errorMessage } from '../../shared/errors';
import { parseHostPort } from '../connection';
import { forwardError, type SshTunnelError } from './errors';
import { closeClient, connectSsh } from './sshConnect';
import { tunnelLabel, type SshTunnelConfig, type SshTunnelOptions, type TunnelLogger } from './types';

const DEFAULTS: Required<SshTunnelOptions> = {
  readyTimeoutMs: 20_000,
  initialBackoffMs: 500,
  maxBackoffMs: 15_000,
  keepaliveMs: 15_000,
  pendingTimeoutMs: 20_000,
};

/** Failures that another attempt cannot fix: the tunnel stops reconnecting and reports them. */
const FATAL = new Set([
  'HostKeyChanged',
  'HostKeyUnknown',
  'HostKeyRevoked',
  'KnownHostsUnreadable',
  'BadFingerprint',
  'AuthFailed',
  'KeyUnreadable',
  'PassphraseNeeded',
  'PassphraseWrong',
  'NoAgent',
]);

export interface LocalAddress {
  host: string;
  port: number;
}

interface Forward {
  /** The advertised address, as given ("host:port"). */
  address: string;
  target: { host: string; port: number };
  server: net.Server;
  local: LocalAddress;
  sockets: Set<net.Socket>;
}

type TunnelState = 'idle' | 'connecting' | 'ready' | 'down' | 'failed' | 'disposed';

export interface SshTunnelDeps {
  logger: TunnelLogger;
  options?: SshTunnelOptions;
  /** Told once when the tunnel gives up (a changed host key or refused sign-in on reconnect). */
  onFatal?: (err: SshTunnelError) => void;
}

/** Normalised key of an address: lower-case host + port. */
export function addressKey(host: string, port: number): string {
  return `${host.toLowerCase()}:${port}`;
}

export class SshTunnel {
  readonly label: string;
  private readonly o: Required<SshTunnelOptions>;
  private readonly logger: TunnelLogger;
  private state: TunnelState = 'idle';
  private client: Client | undefined;
  private fatal: SshTunnelError | undefined;
  private started: Promise<void> | undefined;
  private reconnectTimer: NodeJS.Timeout | undefined;
  private backoffMs: number;
  private readonly waiters = new Set<{ resolve: (c: Client) => void; reject: (e: Error) => void }>();
  private readonly forwards = new Map<string, Forward>();
  private readonly opening = new Map<string, Promise<Forward>>();
  private forwardedCount = 0;
  private connectCount = 0;

  constructor(
    private readonly config: SshTunnelConfig,
    private readonly deps: SshTunnelDeps,
  ) {
    this.label = tunnelLabel(config);
    this.o = { ...DEFAULTS, ...deps.options };
    this.logger = deps.logger;
    this.backoffMs = this.o.initialBackoffMs;
  }

  /**
   * Opens the SSH connection and a local port for each bootstrap address, and checks the bastion
   * forwards to them (a refused forward fails here, with its reason). Runs once; later calls wait
   * for the first. Rejects with an SshTunnelError.
   */
  start(bootstrap: readonly string[]): Promise<void> {
    return (this.started ??= this.doStart(bootstrap));
  }

  private async doStart(bootstrap: readonly string[]): Promise<void> {
    this.state = 'connecting';
    try {
      this.attach(await connectSsh(this.config, this.o));
    } catch (err) {
      if ((this.state as TunnelState) !== 'disposed') this.state = 'failed';
      throw err;
    }
    const failures: SshTunnelError[] = [];
    for (const address of bootstrap.map((b) => b.trim()).filter((b) => b.length > 0)) {
      const { host, port } = parseHostPort(address);
      await this.forward(host, port);
      try {
        await this.probe(host, port);
      } catch (err) {
        failures.push(err as SshTunnelError);
        this.logger.warn(`ssh tunnel ${this.label}: ${errorMessage(err)}`);
      }
    }
    if (failures.length && failures.length === bootstrap.length) throw failures[0];
  }

  /** The local address of an already forwarded broker address, if any (synchronous). */
  localFor(host: string, port: number): LocalAddress | undefined {
    return this.forwards.get(addressKey(host, port))?.local;
  }

  /** The local address for a broker address, opening a local port for it on first use. */
  async forward(host: string, port: number): Promise<LocalAddress> {
    const key = addressKey(host, port);
    const existing = this.forwards.get(key);
    if (existing) return existing.local;
    let pending = this.opening.get(key);
    if (!pending) {
      pending = this.listen(host, port);
      this.opening.set(key, pending);
      void pending.finally(() => this.opening.delete(key)).catch(() => undefined);
    }
    return (await pending).local;
  }

  /** Advertised "host:port" → "127.0.0.1:localPort", for every forwarded address. */
  addressMap(): Record<string, string> {
    const map: Record<string, string> = {};
    for (const f of this.forwards.values()) map[f.address] = `${f.local.host}:${f.local.port}`;
    return map;
  }

  /** How many local connections were carried through SSH channels so far, and SSH connections made. */
  stats(): { forwardedConnections: number; sshConnections: number; state: TunnelState } {
    return { forwardedConnections: this.forwardedCount, sshConnections: this.connectCount, state: this.state };
  }

  /** Closes the SSH connection, every local port and every connection on them. */
  async dispose(): Promise<void> {
    if (this.state === 'disposed') return;
    this.state = 'disposed';
    clearTimeout(this.reconnectTimer);
    const closed = new Error(`the SSH tunnel ${this.label} was closed`);
    for (const w of [...this.waiters]) w.reject(closed);
    this.waiters.clear();
    const servers = [...this.forwards.values()].map(
      (f) =>
        new Promise<void>((resolve) => {
          for (const s of f.sockets) s.destroy();
          f.server.close(() => resolve());
        }),
    );
    this.forwards.clear();
    const client = this.client;
    this.client = undefined;
    await Promise.all([...servers, client ? closeClient(client) : undefined]);
    this.logger.info(`ssh tunnel ${this.label}: closed`);
  }

  /** Adopts a connected client: drops are noticed and re-opened. */
  private attach(client: Client): void {
    if (this.state === 'disposed') {
      client.end();
      return;
    }
    this.client = client;
    this.state = 'ready';
    this.connectCount++;
    this.backoffMs = this.o.initialBackoffMs;
    client.on('error', (err) => this.logger.warn(`ssh tunnel ${this.label}: ${errorMessage(err)}`));
    client.once('close', () => {
      if (this.client !== client) return;
      this.client = undefined;
      if (this.state === 'disposed') return;
      this.state = 'down';
      this.logger.warn(`ssh tunnel ${this.label}: the SSH connection dropped; reconnecting`);
      this.scheduleReconnect();
    });
    for (const w of [...this.waiters]) w.resolve(client);
    this.waiters.clear();
    this.logger.info(`ssh tunnel ${this.label}: connected`);
  }

  private scheduleReconnect(): void {
    if (this.state !== 'down' || this.reconnectTimer) return;
    const wait = this.backoffMs;
    this.backoffMs = Math.min(this.backoffMs * 2, this.o.maxBackoffMs);
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = undefined;
      if (this.state !== 'down') return;
      this.state = 'connecting';
      connectSsh(this.config, this.o).then(
        (client) => this.attach(client),
        (err: SshTunnelError) => {
          if (this.state === 'disposed') return;
          if (FATAL.has(err.problem)) {
            this.state = 'failed';
            this.fatal = err;
            this.logger.warn(`ssh tunnel ${this.label}: giving up: ${err.message}`);
            for (const w of [...this.waiters]) w.reject(err);
            this.waiters.clear();
            this.deps.onFatal?.(err);
            return;
          }
          this.logger.info(`ssh tunnel ${this.label}: reconnect failed (${err.message}); retrying`);
          this.state = 'down';
          this.scheduleReconnect();
        },
      );
    }, wait);
  }

  /** The connected SSH client, waiting (up to pendingTimeoutMs) while it reconnects. */
  private connected(): Promise<Client> {
    if (this.state === 'ready' && this.client) return Promise.resolve(this.client);
    if (this.state === 'failed') return Promise.reject(this.fatal ?? new Error(`the SSH tunnel ${this.label} failed`));
    if (this.state === 'disposed') return Promise.reject(new Error(`the SSH tunnel ${this.label} was closed`));
    return new Promise<Client>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters.delete(waiter);
        reject(new Error(`the SSH tunnel ${this.label} did not come back within ${this.o.pendingTimeoutMs} ms`));
      }, this.o.pendingTimeoutMs);
      const waiter = {
        resolve: (c: Client) => (clearTimeout(timer), resolve(c)),
        reject: (e: Error) => (clearTimeout(timer), reject(e)),
      };
      this.waiters.add(waiter);
    });
  }

  private openChannel(client: Client, srcPort: number, host: string, port: number): Promise<ClientChannel> {
    return new Promise((resolve, reject) => {
      client.forwardOut('127.0.0.1', srcPort, host, port, (err, stream) => (err ? reject(err) : resolve(stream)));
    });
  }

  /** Opens and closes one channel to `host:port`: a refused forward becomes a clear error now. */
  private async probe(host: string, port: number): Promise<void> {
    const client = await this.connected();
    try {
      const channel = await this.openChannel(client, 0, host, port);
      channel.close();
    } catch (err) {
      throw forwardError(this.config, `${host}:${port}`, err);
    }
  }

  private listen(host: string, port: number): Promise<Forward> {
    if (this.state === 'disposed') return Promise.reject(new Error(`the SSH tunnel ${this.label} was closed`));
    return new Promise<Forward>((resolve, reject) => {
      const sockets = new Set<net.Socket>();
      const server = net.createServer((socket) => this.accept(forward, socket));
      const forward: Forward = {
        address: `${host}:${port}`,
        target: { host, port },
        server,
        local: { host: '127.0.0.1', port: 0 },
        sockets,
      };
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => {
        server.off('error', reject);
        const addr = server.address() as net.AddressInfo;
        forward.local = { host: '127.0.0.1', port: addr.port };
        if (this.state === 'disposed') {
          server.close();
          reject(new Error(`the SSH tunnel ${this.label} was closed`));
          return;
        }
        this.forwards.set(addressKey(host, port), forward);
        this.logger.info(`ssh tunnel ${this.label}: ${forward.address} → 127.0.0.1:${addr.port}`);
        resolve(forward);
      });
    });
  }

  /** One local connection → one SSH channel to the forward's target. */
  private accept(forward: Forward, socket: net.Socket): void {
    forward.sockets.add(socket);
    socket.on('error', () => socket.destroy());
    socket.once('close', () => forward.sockets.delete(socket));
    socket.pause();
    const { host, port } = forward.target;
    this.connected()
      .then((client) =>
        this.openChannel(client, socket.remotePort ?? 0, host, port).catch((err: unknown) => {
          throw forwardError(this.config, forward.address, err);
        }),
      )
      .then(
        (channel) => {
          if (socket.destroyed) {
            channel.close();
            return;
          }
          this.forwardedCount++;
          channel.on('error', () => socket.destroy());
          channel.once('close', () => socket.destroy());
          socket.once('close', () => channel.close());
          socket.pipe(channel).pipe(socket);
          socket.resume();
        },
        (err: unknown) => {
          this.logger.warn(
            `ssh tunnel ${this.label}: a connection to ${forward.address} was closed: ${errorMessage(err)}`,
          );
          socket.destroy();
        },
      );
  }
}
