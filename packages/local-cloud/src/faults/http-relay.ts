import {
  Agent,
  type IncomingHttpHeaders,
  type IncomingMessage,
  request,
  type ServerResponse,
} from 'node:http';
import type { WireResponse } from './aws-faults.js';

/** Headers about one hop, never passed on; lengths are recomputed from the buffered body. */
const HOP_HEADERS = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'transfer-encoding',
  'upgrade',
  'te',
  'trailer',
  'expect',
  'host',
  'content-length',
]);

const passableHeaders = (headers: IncomingHttpHeaders): Record<string, string> => {
  const kept: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined || HOP_HEADERS.has(name)) continue;
    kept[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return kept;
};

export const readBody = (message: IncomingMessage): Promise<Buffer> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    message.on('data', (chunk: Buffer) => chunks.push(chunk));
    message.on('end', () => resolve(Buffer.concat(chunks)));
    message.on('error', reject);
  });

export interface Upstream {
  /** Sends the client's request on with `body` (rewritten or not); resolves with the buffered answer. */
  forward(incoming: IncomingMessage, body: Buffer | string): Promise<WireResponse>;
  destroy(): void;
}

/**
 * The emulator behind the proxy, reached over kept-alive connections. A request the proxy has
 * accepted is always sent on, even if its caller has given up meanwhile: AWS would still process
 * a request it received, and that is the case a chaos run must see.
 */
export const createUpstream = (baseUrl: string): Upstream => {
  const agent = new Agent({ keepAlive: true });
  const base = new URL(baseUrl);
  return {
    forward: (incoming, body) =>
      new Promise((resolve, reject) => {
        const outgoing = request(
          {
            protocol: base.protocol,
            hostname: base.hostname,
            port: base.port,
            method: incoming.method,
            path: incoming.url,
            agent,
            headers: { ...passableHeaders(incoming.headers), 'content-length': Buffer.byteLength(body) },
          },
          (answer) => {
            readBody(answer).then(
              (answerBody) =>
                resolve({
                  status: answer.statusCode ?? 502,
                  headers: passableHeaders(answer.headers),
                  body: answerBody,
                }),
              reject,
            );
          },
        );
        outgoing.on('error', reject);
        outgoing.end(body);
      }),
    destroy: () => agent.destroy(),
  };
};

/** Writes a buffered answer, unless the caller has already hung up. */
export const send = (response: ServerResponse, { status, headers, body }: WireResponse): void => {
  if (response.destroyed || response.writableEnded) return;
  response.writeHead(status, { ...headers, 'content-length': Buffer.byteLength(body) });
  response.end(body);
};
