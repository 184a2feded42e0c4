/**
 * The tunnel of one pooled Kafka connection: opened when the pool makes the connection's kafkajs
 * client (before anything connects), shared by all its clients, closed with them. A failed opening
 * is forgotten, so the next use tries again (e.g. after the person fixed the key or known_hosts).
 */
import type { ISocketFactory } from 'kafkajs';
import { parseHostPort, type KafkaConnectionSpec } from '../connection';
import { compileAddressMap, resolveAddress } from '../socketFactory';
import type { SshTunnelError } from './errors';
import { createTunnelSocketFactory } from './socketFactory';
import { SshTunnel } from './tunnel';
import type { SshTunnelOptions, TunnelLogger } from './types';

export interface ConnectionTunnelDeps {
  logger: TunnelLogger;
  options?: SshTunnelOptions;
  /** The tunnel gave up for good (changed host key, refused sign-in on reconnect). */
  onFatal?: (err: SshTunnelError) => void;
}

export class ConnectionTunnel {
  private current: Promise<SshTunnel> | undefined;
  private disposed = false;

  constructor(
    private readonly spec: KafkaConnectionSpec,
    private readonly deps: ConnectionTunnelDeps,
  ) {}

  /** The open tunnel (opening it on first call). Rejects with an SshTunnelError. */
  open(): Promise<SshTunnel> {
    if (this.disposed) return Promise.reject(new Error(`the SSH tunnel of ${this.spec.label} was closed`));
    if (!this.current) {
      const config = this.spec.tunnel;
      if (!config) return Promise.reject(new Error(`${this.spec.label} has no SSH tunnel`));
      const tunnel = new SshTunnel(config, this.deps);
      // The bastion dials what the connection's address map says (else the address itself).
      const map = compileAddressMap(this.spec.addressMap);
      const bootstrap = this.spec.bootstrapServers
        .map((b) => b.trim())
        .filter((b) => b.length > 0)
        .map((b) => {
          const { host, port } = parseHostPort(b);
          const target = resolveAddress(map, host, port);
          return `${target.host}:${target.port}`;
        });
      const pending = tunnel.start(bootstrap).then(
        () => tunnel,
        async (err: unknown) => {
          if (this.current === pending) this.current = undefined;
          await tunnel.dispose();
          throw err;
        },
      );
      this.current = pending;
    }
    return this.current;
  }

  /** The kafkajs socket factory that sends every broker connection through the tunnel. */
  async socketFactory(): Promise<ISocketFactory> {
    return createTunnelSocketFactory(await this.open(), this.spec.addressMap);
  }

  /** Closes the tunnel (its SSH connection and local ports). */
  async dispose(): Promise<void> {
    this.disposed = true;
    const pending = this.current;
    this.current = undefined;
    const tunnel = await pending?.catch(() => undefined);
    await tunnel?.dispose();
  }
}
