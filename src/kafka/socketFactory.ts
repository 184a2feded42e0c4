/**
 * A kafkajs `socketFactory` for tunnels: a broker advertised as "b-1.example:9098" is reached at the
 * mapped local address (e.g. "127.0.0.1:19098"), while TLS still sends the advertised name as SNI
 * and checks the certificate against it, so a tunnel never weakens verification.
 */
import * as net from 'node:net';
import * as tls from 'node:tls';
import type { ISocketFactory } from 'kafkajs';
import { parseHostPort } from './connection';

const KEEP_ALIVE_DELAY_MS = 60_000;

export interface AddressTarget {
  host: string;
  port: number;
}

/** Normalises an address-map key or value: trims, lower-cases the host. */
function normaliseAddress(address: string): string {
  const { host, port } = parseHostPort(address);
  return `${host.toLowerCase()}:${port}`;
}

/** Parses and checks an address map; throws a message naming the bad entry. */
export function compileAddressMap(map: Record<string, string> | undefined): Map<string, AddressTarget> {
  const compiled = new Map<string, AddressTarget>();
  for (const [from, to] of Object.entries(map ?? {})) {
    let key: string;
    let target: AddressTarget;
    try {
      key = normaliseAddress(from);
      target = parseHostPort(to);
    } catch (err) {
      throw new Error(`Address map entry "${from}" → "${to}": ${err instanceof Error ? err.message : String(err)}`);
    }
    compiled.set(key, target);
  }
  return compiled;
}

/** Where a socket for the advertised host:port really goes. */
export function resolveAddress(map: Map<string, AddressTarget>, host: string, port: number): AddressTarget {
  return map.get(`${host.toLowerCase()}:${port}`) ?? { host, port };
}

/**
 * The socket factory. With an empty map it behaves like kafkajs' default one. For TLS, `servername`
 * (SNI) and `checkServerIdentity` use the advertised host, never the local tunnel address.
 */
export function createAddressMapSocketFactory(addressMap: Record<string, string> | undefined): ISocketFactory {
  const map = compileAddressMap(addressMap);
  return ({ host, port, ssl, onConnect }) => {
    const target = resolveAddress(map, host, port);
    let socket: net.Socket;
    if (ssl) {
      const options: tls.ConnectionOptions = {
        ...(typeof ssl === 'object' ? ssl : {}),
        host: target.host,
        port: target.port,
        checkServerIdentity: (_connectedTo, cert) => tls.checkServerIdentity(host, cert),
      };
      if (!net.isIP(host)) options.servername = host;
      else delete options.servername;
      socket = tls.connect(options, onConnect);
    } else {
      socket = net.connect({ host: target.host, port: target.port }, onConnect);
    }
    socket.setKeepAlive(true, KEEP_ALIVE_DELAY_MS);
    return socket;
  };
}
