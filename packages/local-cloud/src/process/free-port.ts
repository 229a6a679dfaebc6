import { createServer } from 'node:net';

/** Asks the OS for a free TCP port on the host (for tests that must not collide with `pnpm dev`). */
export const freePort = (host = '127.0.0.1'): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, host, () => {
      const address = server.address();
      server.close(() => {
        if (address !== null && typeof address === 'object') resolve(address.port);
        else reject(new Error('Could not read the port the OS assigned'));
      });
    });
  });

/** Resolves when nothing is listening on host:port, rejects naming the port otherwise. */
export const assertPortFree = (port: number, host: string, envVariable: string): Promise<void> =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', (error: NodeJS.ErrnoException) => {
      reject(
        new Error(
          error.code === 'EADDRINUSE'
            ? `Port ${port} on ${host} is already in use. Stop what uses it, or set ${envVariable} to another port.`
            : `Cannot listen on ${host}:${port}: ${error.message}`,
        ),
      );
    });
    server.listen(port, host, () => server.close(() => resolve()));
  });
