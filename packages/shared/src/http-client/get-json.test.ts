import { createServer, globalAgent, type Server } from 'node:https';
import { type AddressInfo, createServer as createTcpServer, type Socket } from 'node:net';
import { generate } from 'selfsigned';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getJson } from './get-json.js';

// Deployed, both callers of getJson (the JWKS, the catalog) speak HTTPS; locally they speak HTTP,
// which the JWT verifier's and the catalog's own tests cover. This runs the HTTPS branch against a
// real TLS server on 127.0.0.1 whose certificate is made for the test.
let server: Server;
let cert: string;
let url: URL;
let connections = 0;

beforeAll(async () => {
  const pems = await generate([{ name: 'commonName', value: '127.0.0.1' }], {
    extensions: [{ name: 'subjectAltName', altNames: [{ type: 7, ip: '127.0.0.1' }] }],
  });
  cert = pems.cert;
  server = createServer({ key: pems.private, cert }, (_request, response) => {
    response.writeHead(200, { 'content-type': 'application/json' }).end('{"keys":[]}');
  });
  server.on('secureConnection', () => {
    connections += 1;
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = new URL(`https://127.0.0.1:${(server.address() as AddressInfo).port}/jwks.json`);
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const options = { subject: 'The key set', timeoutMs: 2000, maxBytes: 1024 };

describe('getJson over HTTPS', () => {
  it('refuses a server whose certificate it does not trust: verification stays on', async () => {
    await expect(getJson(url, options)).rejects.toMatchObject({ code: 'DEPTH_ZERO_SELF_SIGNED_CERT' });
  });

  it('reads the JSON of a trusted server, on one kept-alive connection', async () => {
    // Trusted as a deployed function trusts Cognito and API Gateway: through the default agent.
    const before = globalAgent.options.ca;
    globalAgent.options.ca = cert;
    globalAgent.destroy();
    connections = 0;
    try {
      expect(await getJson(url, options)).toEqual({ keys: [] });
      expect(await getJson(url, options)).toEqual({ keys: [] });
      expect(connections).toBe(1);
    } finally {
      globalAgent.options.ca = before;
      globalAgent.destroy();
    }
  });
});

/**
 * A raw HTTP/1.1 server answering `{"n":<k>}` with keep-alive, that drops a connection instead of
 * answering when a request arrives on it after `answersPerConnection` answers: a kept-alive
 * connection the server has given up on, as a warm instance finds after being frozen.
 */
const startDroppingServer = async (answersPerConnection: number) => {
  let connectionCount = 0;
  let answers = 0;
  const sockets = new Set<Socket>();
  const tcp = createTcpServer((socket) => {
    connectionCount += 1;
    sockets.add(socket);
    let answeredHere = 0;
    socket.on('data', () => {
      if (answeredHere >= answersPerConnection) return socket.destroy();
      answeredHere += 1;
      answers += 1;
      const body = JSON.stringify({ n: answers });
      socket.write(
        `HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: ${body.length}\r\nconnection: keep-alive\r\n\r\n${body}`,
      );
    });
  });
  await new Promise<void>((resolve) => tcp.listen(0, '127.0.0.1', resolve));
  return {
    url: new URL(`http://127.0.0.1:${(tcp.address() as AddressInfo).port}/product?ids=a`),
    connections: () => connectionCount,
    stop: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        tcp.close(resolve);
      }),
  };
};

describe('getJson on a kept-alive connection the server dropped', () => {
  it('asks again, once, on a new connection', async () => {
    const server = await startDroppingServer(1);
    try {
      expect(await getJson(server.url, options)).toEqual({ n: 1 });
      // The pooled connection is dropped when this request arrives on it.
      expect(await getJson(server.url, options)).toEqual({ n: 2 });
      expect(server.connections()).toBe(2);
    } finally {
      await server.stop();
    }
  });

  it('fails when a new connection is dropped too: only a stale connection is retried', async () => {
    const server = await startDroppingServer(0);
    try {
      await expect(getJson(server.url, options)).rejects.toMatchObject({ code: 'ECONNRESET' });
      expect(server.connections()).toBe(1);
    } finally {
      await server.stop();
    }
  });
});
