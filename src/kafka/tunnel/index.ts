/** SSH tunnels (bastions) for Kafka connections. */
export * from './types';
export * from './fingerprint';
export * from './knownHosts';
export * from './errors';
export { createHostKeyVerifier, type HostKeyVerifier } from './hostKey';
export { addressKey, SshTunnel, type LocalAddress, type SshTunnelDeps } from './tunnel';
export { createTunnelSocketFactory } from './socketFactory';
export { ConnectionTunnel, type ConnectionTunnelDeps } from './connectionTunnel';
