/** Every port the local cloud binds, with the environment variable that overrides each. */
export interface LocalCloudPorts {
  dynamodb: number;
  sqs: number;
  eventbridge: number;
  /** The development token issuer (stands in for Cognito). */
  auth: number;
  /** Per service (folder name under services/): its HTTP API and its Lambda invoke API. */
  services: Record<string, { http: number; lambda: number }>;
}

export const LOCAL_HOST = '127.0.0.1';

/** Default HTTP ports per DESIGN.md; a service not listed gets the next free pair after these. */
const SERVICE_DEFAULTS: Record<string, number> = { product: 3001, basket: 3002, ordering: 3003 };

export const portVariable = (name: string, kind: 'http' | 'lambda' = 'http'): string =>
  `${name.toUpperCase().replaceAll('-', '_')}${kind === 'lambda' ? '_LAMBDA' : ''}_PORT`;

const fromEnv = (variable: string, fallback: number, env: NodeJS.ProcessEnv): number => {
  const raw = env[variable];
  if (raw === undefined || raw === '') return fallback;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new Error(`${variable}=${raw} is not a port number (1-65535)`);
  }
  return port;
};

/**
 * The ports `pnpm dev` uses: DESIGN.md's defaults, each overridable by its variable
 * (`PRODUCT_PORT`, `PRODUCT_LAMBDA_PORT`, `DYNAMODB_PORT`, `SQS_PORT`, `EVENTBRIDGE_PORT`, ...).
 */
export const portsFromEnv = (
  serviceNames: string[],
  env: NodeJS.ProcessEnv = process.env,
): LocalCloudPorts => {
  let next = 3004;
  const services = Object.fromEntries(
    serviceNames.map((name) => {
      const http = fromEnv(portVariable(name), SERVICE_DEFAULTS[name] ?? next++, env);
      return [name, { http, lambda: fromEnv(portVariable(name, 'lambda'), http + 10, env) }];
    }),
  );
  return {
    dynamodb: fromEnv('DYNAMODB_PORT', 8000, env),
    sqs: fromEnv('SQS_PORT', 9324, env),
    eventbridge: fromEnv('EVENTBRIDGE_PORT', 4010, env),
    auth: fromEnv('AUTH_PORT', 4020, env),
    services,
  };
};

/** Each port with the variable that moves it, for "port in use" messages. */
export const portAssignments = (ports: LocalCloudPorts): { port: number; variable: string }[] => [
  { port: ports.dynamodb, variable: 'DYNAMODB_PORT' },
  { port: ports.sqs, variable: 'SQS_PORT' },
  { port: ports.eventbridge, variable: 'EVENTBRIDGE_PORT' },
  { port: ports.auth, variable: 'AUTH_PORT' },
  ...Object.entries(ports.services).flatMap(([name, { http, lambda }]) => [
    { port: http, variable: portVariable(name) },
    { port: lambda, variable: portVariable(name, 'lambda') },
  ]),
];
