import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type CatalogAnswer = (request: IncomingMessage, response: ServerResponse) => void;

/**
 * A real HTTP server on 127.0.0.1 standing in for the product API, answering as `answer` says, for
 * tests of the catalog adapter and of checkout when the catalog misbehaves. It records the paths
 * it was asked for and counts the connections it accepted; `stop` closes it and any connection
 * still open.
 */
export const startCatalogServer = async (answer: CatalogAnswer) => {
  const paths: string[] = [];
  let connections = 0;
  const server = createServer((request, response) => {
    paths.push(request.url ?? '');
    answer(request, response);
  });
  server.on('connection', () => {
    connections += 1;
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    paths,
    connections: () => connections,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
};

/** Answers with this status and body (JSON unless a string is given). */
export const answerWith =
  (status: number, body: unknown, contentType = 'application/json'): CatalogAnswer =>
  (_, response) => {
    response.writeHead(status, { 'content-type': contentType });
    response.end(typeof body === 'string' ? body : JSON.stringify(body));
  };

/** Never answers: the request hangs until the client gives up. */
export const neverAnswer: CatalogAnswer = () => undefined;
