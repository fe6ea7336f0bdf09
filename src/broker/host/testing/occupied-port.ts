/**
 * For tests of the port fallback: a TCP server holding an ephemeral 127.0.0.1 port, so a broker
 * or UI asked to listen there finds it taken. Close it when done.
 */
import { createServer, type Server } from 'node:net';

export function occupyEphemeralPort(): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve(server));
  });
}
