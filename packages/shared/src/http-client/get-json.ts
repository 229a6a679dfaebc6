import { get as httpGet, type IncomingMessage } from 'node:http';
import { get as httpsGet } from 'node:https';

export interface GetJsonOptions {
  /** What is fetched, as the error messages name it: `The key set`, `The product catalog`. */
  subject: string;
  /** Longest wait for the whole answer: connecting, answering and reading it. */
  timeoutMs: number;
  /** A body larger than this is refused as soon as it is: no answer that size is the one asked for. */
  maxBytes: number;
  /** The `accept` header (default `application/json`). */
  accept?: string;
}

const readJson = async (
  response: IncomingMessage,
  { subject, maxBytes }: GetJsonOptions,
): Promise<unknown> => {
  if (response.statusCode !== 200) {
    response.resume();
    throw new Error(`${subject}'s address answered ${response.statusCode}`);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of response as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBytes) throw new Error(`${subject} is larger than ${maxBytes} bytes`);
    chunks.push(chunk);
  }
  return JSON.parse(Buffer.concat(chunks).toString('utf8'));
};

/**
 * GETs `url` and parses its 200 answer as JSON, with Node's `http(s).get`, which the AWS SDK has
 * loaded already. Global `fetch` would load Node's fetch implementation (undici) on its first
 * call: measured on Node 22 in a process with the SDK loaded, a first lookup took 51-61 ms with
 * fetch and 12-13 ms with `http.get`, paid by the first request of every function instance that
 * calls out (issue 14). Node's global agents keep connections alive between calls.
 *
 * Rejects with the reason: any status but 200 (its body unread), a body over `maxBytes`,
 * JSON.parse's SyntaxError for a body that is not JSON, no whole answer within `timeoutMs`, or the
 * connection's own error (ECONNREFUSED…). A kept-alive connection the server closed while it sat
 * idle (ECONNRESET, EPIPE before any answer) is not a reason: the request is sent again, once, on a
 * new connection, within the same `timeoutMs`. A warm Lambda instance meets such connections after
 * being frozen between invocations.
 *
 * @example
 * const jwks = await getJson(new URL(jwksUrl), { subject: 'The key set', timeoutMs: 3000, maxBytes: 256 * 1024 });
 */
export const getJson = (url: URL, options: GetJsonOptions): Promise<unknown> => {
  const { subject, timeoutMs, accept = 'application/json' } = options;
  const get = url.protocol === 'https:' ? httpsGet : httpGet;
  const giveUpAt = Date.now() + timeoutMs;
  const attempt = (isRetry: boolean): Promise<unknown> =>
    new Promise((resolve, reject) => {
      let answered = false;
      const request = get(url, { headers: { accept } }, (response) => {
        answered = true;
        readJson(response, options).then(resolve, reject);
      });
      const deadline = setTimeout(
        () => request.destroy(new Error(`${subject} did not arrive within ${timeoutMs} ms`)),
        Math.max(0, giveUpAt - Date.now()),
      );
      request.once('close', () => clearTimeout(deadline));
      request.once('error', (error: NodeJS.ErrnoException) => {
        // Node's documented pattern for `reusedSocket`: a GET that never got an answer is safe to send again.
        const staleConnection =
          request.reusedSocket && !answered && (error.code === 'ECONNRESET' || error.code === 'EPIPE');
        if (staleConnection && !isRetry) resolve(attempt(true));
        else reject(error);
      });
    });
  return attempt(false);
};
