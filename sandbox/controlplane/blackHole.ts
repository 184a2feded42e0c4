/**
 * A loopback TCP port that accepts connections and never answers (the sandbox-private cluster's
 * brokers): a Kafka client's TLS handshake or first request times out, as a private MSK broker's
 * address does from outside its VPC. Sockets are held silently and dropped after `holdMs`.
 * Listens on 127.0.0.1 only.
 */
import { createServer, type Server, type Socket } from 'node:net';

export interface BlackHole {
  /** "127.0.0.1:<port>" */
  address: string;
  close(): Promise<void>;
}

export function openBlackHole(opts: { port?: number; holdMs?: number; maxSockets?: number } = {}): Promise<BlackHole> {
  const holdMs = opts.holdMs ?? 10 * 60_000;
  const maxSockets = opts.maxSockets ?? 256;
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    if (sockets.size >= maxSockets) {
      socket.destroy();
      return;
    }
    sockets.add(socket);
    socket.on('data', () => undefined); // read and ignore: never a byte back
    socket.on('error', () => undefined);
    socket.on('close', () => sockets.delete(socket));
    socket.setTimeout(holdMs, () => socket.destroy());
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => {
      const addr = server.address();
      const port = addr && typeof addr === 'object' ? addr.port : 0;
      resolve({
        address: `127.0.0.1:${port}`,
        close: () =>
          new Promise<void>((done) => {
            for (const s of sockets) s.destroy();
            server.close(() => done());
          }),
      });
    });
  });
}
