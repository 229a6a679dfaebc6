/**
 * `pnpm dev`: the whole system on this machine, no AWS account, no network.
 * Options: --persist (keep DynamoDB data in .local-cloud/ between runs). Ports: see ports.ts.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { styleText } from 'node:util';
import { type RunningDocsServer, startDocsServer } from '../docs/docs-server.js';
import { discoverServices, type RunningLocalCloud, startLocalCloud } from './local-cloud.js';
import { LOCAL_HOST, portsFromEnv } from './ports.js';

const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));
const servicesDir = join(repoRoot, 'services');
const persist = process.argv.includes('--persist');

const COLOURS = ['cyan', 'magenta', 'yellow', 'green', 'blue'] as const;
const colourOf = new Map<string, (typeof COLOURS)[number]>();
const prefix = (component: string): string => {
  if (!colourOf.has(component)) colourOf.set(component, COLOURS[colourOf.size % COLOURS.length] ?? 'cyan');
  return styleText(colourOf.get(component) ?? 'cyan', `[${component}]`.padEnd(14));
};
const log = (component: string, line: string) => process.stdout.write(`${prefix(component)} ${line}\n`);

/** The API reference page's port: `DOCS_PORT`, default 4030. */
const docsPort = Number(process.env.DOCS_PORT ?? 4030);

const banner = (cloud: RunningLocalCloud, docs: RunningDocsServer, seconds: string): string => {
  const rows: [string, string][] = [
    ...Object.entries(cloud.services).map(([name, url]): [string, string] => [name, url]),
    ['API docs', `${docs.url}  (each service: <url>/openapi.json)`],
    ['DynamoDB', cloud.endpoints.dynamodb],
    ['SQS', cloud.endpoints.sqs],
    ['EventBridge', cloud.endpoints.eventbridge],
    ['tokens', `${cloud.issuer}  (pnpm token <user> [--admin])`],
  ];
  const lines = rows.map(([name, url]) => `  ${name.padEnd(12)} ${url}`);
  return [
    '',
    styleText('bold', '  eshop local cloud'),
    ...lines,
    `  data         ${persist ? 'kept in .local-cloud/ (--persist)' : 'in memory (fresh every start; --persist keeps it)'}`,
    '',
    styleText('green', `  ✔ ready in ${seconds} s. Try: curl ${cloud.services.product ?? ''}/product`),
    `  Signed in: curl -H "Authorization: Bearer $(pnpm -s token swn)" ${cloud.services.basket ?? ''}/basket/swn`,
    '  Ctrl-C stops everything.',
    '',
  ].join('\n');
};

const main = async () => {
  const started = performance.now();
  // Lambda runs Node 22; the SDK's notice about local Node 20 is noise here.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const names = discoverServices(servicesDir);
  const ports = portsFromEnv(names);
  log('local-cloud', `starting ${names.join(', ')} ...`);

  let cloud: RunningLocalCloud | undefined;
  let docs: RunningDocsServer | undefined;
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) {
      log('local-cloud', 'forced exit');
      process.exit(130);
    }
    stopping = true;
    log('local-cloud', `${signal}: stopping everything ...`);
    await docs?.stop();
    await cloud?.stop();
    log('local-cloud', 'stopped; no processes left behind');
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));

  cloud = await startLocalCloud({
    servicesDir,
    ports,
    persistDir: persist ? join(repoRoot, '.local-cloud', 'dynamodb') : undefined,
    onLog: log,
  });
  if (stopping) return;
  docs = await startDocsServer({
    host: LOCAL_HOST,
    port: docsPort,
    apis: Object.entries(cloud.services).map(([name, baseUrl]) => ({ name, baseUrl })),
  }).catch(async (error: unknown) => {
    await cloud?.stop();
    throw error;
  });
  process.stdout.write(banner(cloud, docs, ((performance.now() - started) / 1000).toFixed(1)));
};

main().catch((error: unknown) => {
  process.stderr.write(`\n${styleText('red', '✖ pnpm dev could not start:')} ${(error as Error).message}\n`);
  process.exit(1);
});
