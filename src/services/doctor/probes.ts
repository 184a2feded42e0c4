/**
 * The network probes of the doctor, on Node's own modules: DNS lookup, a TCP connect and a TLS
 * handshake that reports the certificate (chain, host name, expiry) instead of only failing.
 */
import { lookup } from 'node:dns/promises';
import * as net from 'node:net';
import * as tls from 'node:tls';
import { StepTimeout, withTimeout } from './recorder';

export interface ProbeAddress {
  /** Where the socket goes (after the address map). */
  host: string;
  port: number;
}

/** The addresses a host name resolves to. */
export async function resolveHost(host: string, timeoutMs: number): Promise<string[]> {
  if (net.isIP(host)) return [host];
  const found = await withTimeout(lookup(host, { all: true }), timeoutMs);
  return found.map((a) => a.address);
}

/** Opens a TCP connection and closes it; rejects with the socket's error code or a StepTimeout. */
export function tcpConnect(target: ProbeAddress, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: target.host, port: target.port });
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new StepTimeout(timeoutMs));
    }, timeoutMs);
    socket.once('connect', () => {
      clearTimeout(timer);
      socket.destroy();
      resolve();
    });
    socket.once('error', (err) => {
      clearTimeout(timer);
      socket.destroy();
      reject(err);
    });
  });
}

export interface TlsProbeResult {
  /** The chain verified against the trusted CAs. */
  authorized: boolean;
  /** e.g. "SELF_SIGNED_CERT_IN_CHAIN", "UNABLE_TO_VERIFY_LEAF_SIGNATURE". */
  authorizationError?: string;
  /** The certificate does not name the host (the message of Node's check). */
  hostMismatch?: string;
  subject: string;
  issuer: string;
  /** Names the certificate is valid for. */
  altNames?: string;
  validTo: Date;
  validFrom: Date;
  protocol?: string;
}

export interface TlsProbeOptions {
  /** The broker's advertised name (SNI and host-name check), whatever address the socket goes to. */
  serverName: string;
  ca?: string;
  cert?: string;
  key?: string;
}

/** A TLS handshake that reports the broker's certificate and what is wrong with it, if anything. */
export function tlsHandshake(target: ProbeAddress, o: TlsProbeOptions, timeoutMs: number): Promise<TlsProbeResult> {
  return new Promise((resolve, reject) => {
    const options: tls.ConnectionOptions = {
      host: target.host,
      port: target.port,
      rejectUnauthorized: false,
      ...(o.ca ? { ca: [o.ca] } : {}),
      ...(o.cert && o.key ? { cert: o.cert, key: o.key } : {}),
      ...(net.isIP(o.serverName) ? {} : { servername: o.serverName }),
    };
    const socket = tls.connect(options);
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new StepTimeout(timeoutMs));
    }, timeoutMs);
    socket.once('secureConnect', () => {
      clearTimeout(timer);
      const cert = socket.getPeerCertificate();
      const mismatch = cert && Object.keys(cert).length ? tls.checkServerIdentity(o.serverName, cert) : undefined;
      const result: TlsProbeResult = {
        authorized: socket.authorized,
        authorizationError: socket.authorizationError ? String(socket.authorizationError) : undefined,
        hostMismatch: mismatch?.message,
        subject: nameText(cert?.subject),
        issuer: nameText(cert?.issuer),
        altNames: cert?.subjectaltname,
        validTo: new Date(cert?.valid_to ?? 0),
        validFrom: new Date(cert?.valid_from ?? 0),
        protocol: socket.getProtocol() ?? undefined,
      };
      socket.destroy();
      resolve(result);
    });
    socket.once('error', (err: Error) => {
      clearTimeout(timer);
      socket.destroy();
      reject(err);
    });
  });
}

function nameText(name: tls.Certificate | undefined): string {
  if (!name) return '(none)';
  const parts = Object.entries(name)
    .filter(([, v]) => typeof v === 'string')
    .map(([k, v]) => `${k}=${String(v)}`);
  return parts.join(', ') || '(none)';
}

/** The code of a socket error ("ECONNREFUSED", …), if any. */
export function errorCode(err: unknown): string | undefined {
  const code = (err as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' ? code : undefined;
}
