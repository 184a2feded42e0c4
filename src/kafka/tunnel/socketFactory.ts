/**
 * The kafkajs socket factory of a tunnelled connection: every broker address kafkajs asks for (the
 * bootstrap ones and each one the cluster metadata hands out, also brokers added later) goes to the
 * tunnel's local port for it, opened on first use. Nothing ever connects to a broker directly. TLS
 * sends the advertised name as SNI and checks the certificate against it, as the address-map
 * factory (../socketFactory.ts) does.
 */
import * as net from 'node:net';
import * as tls from 'node:tls';
import type { ISocketFactory } from 'kafkajs';
import { compileAddressMap, resolveAddress } from '../socketFactory';
import type { LocalAddress, SshTunnel } from './tunnel';

const KEEP_ALIVE_DELAY_MS = 60_000;

/**
 * `addressMap` (the connection's own map, optional) says where the bastion should dial an advertised
 * address; by default it dials the advertised address itself.
 */
export function createTunnelSocketFactory(
  tunnel: Pick<SshTunnel, 'localFor' | 'forward'>,
  addressMap?: Record<string, string>,
): ISocketFactory {
  const map = compileAddressMap(addressMap);
  return ({ host, port, ssl, onConnect }) => {
    const target = resolveAddress(map, host, port);
    const raw = new net.Socket();
    const local: LocalAddress | undefined = tunnel.localFor(target.host, target.port);
    const connect = (to: LocalAddress) => raw.connect({ host: to.host, port: to.port });
    if (local) connect(local);
    else {
      tunnel.forward(target.host, target.port).then(connect, (err: unknown) => {
        raw.destroy(err instanceof Error ? err : new Error(String(err)));
      });
    }
    let socket: net.Socket = raw;
    if (ssl) {
      const options: tls.ConnectionOptions = {
        ...(typeof ssl === 'object' ? ssl : {}),
        socket: raw,
        checkServerIdentity: (_connectedTo, cert) => tls.checkServerIdentity(host, cert),
      };
      if (!net.isIP(host)) options.servername = host;
      else delete options.servername;
      socket = tls.connect(options, onConnect);
    } else {
      raw.once('connect', onConnect);
    }
    raw.setKeepAlive(true, KEEP_ALIVE_DELAY_MS);
    return socket;
  };
}
