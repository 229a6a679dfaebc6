import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { type DocumentedApi, docsPage } from './docs-page.js';

const swaggerUiDir = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
const ASSETS: Record<string, string> = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
};

export interface RunningDocsServer {
  url: string;
  stop: () => Promise<void>;
}

/**
 * Serves the API reference page and the Swagger UI assets it needs (from the `swagger-ui-dist`
 * package: nothing from a CDN, so it works offline). The documents themselves come from the
 * services, so the page always shows what they serve.
 */
export const startDocsServer = async ({
  host,
  port,
  apis,
}: {
  host: string;
  port: number;
  apis: DocumentedApi[];
}): Promise<RunningDocsServer> => {
  const page = docsPage(apis);
  const server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://docs').pathname;
    const asset = path.startsWith('/swagger-ui/') ? path.slice('/swagger-ui/'.length) : undefined;
    if (path === '/' || path === '/index.html') {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page);
    } else if (asset !== undefined && ASSETS[asset] !== undefined) {
      readFile(join(swaggerUiDir, asset)).then(
        (content) => response.writeHead(200, { 'content-type': ASSETS[asset] }).end(content),
        () => response.writeHead(500).end(),
      );
    } else {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, resolve);
  });
  const address = server.address();
  const boundPort = typeof address === 'object' && address !== null ? address.port : port;
  return {
    url: `http://${host}:${boundPort}`,
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
};
