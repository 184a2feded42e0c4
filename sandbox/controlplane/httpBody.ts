/** What every control-plane route shares about a request: reading its body, and the outcome it logs. */
import type { IncomingMessage } from 'node:http';

export const MAX_BODY_BYTES = 1024 * 1024;

/** What a handled request logs: its status, operation, caller and error. */
export interface RequestOutcome {
  status: number;
  op?: string;
  principal?: string;
  error?: string;
}

/** The whole body; over MAX_BODY_BYTES the request is dropped and `tooLarge()` is the rejection. */
export function readBody(req: IncomingMessage, tooLarge: () => Error): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(tooLarge());
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}
