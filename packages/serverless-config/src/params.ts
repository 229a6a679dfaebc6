/**
 * The params every service reads, per stage, written once. A service adds its own in its
 * `serverless.ts`; a deploy overrides any of them with `--param="name=value"` (one service) or with
 * `params:` in serverless-compose.yml (every service).
 *
 * - `local` is the stage `pnpm dev` and the tests resolve: loopback addresses and `*` belong here
 *   and nowhere else.
 * - A deployed stage must be given every required param (`requiredParam`); packaging fails, naming
 *   the param, when one is missing. Add a stage below to deploy it with compose.
 */
export const stageParams: Record<string, Record<string, string>> = {
  default: {
    // Browsers allowed to call the APIs, comma-separated (your storefront's origins). Required on a
    // deployed stage: from CORS_ALLOWED_ORIGINS in the deploying shell or CI, unless given otherwise.
    corsAllowedOrigins: '${env:CORS_ALLOWED_ORIGINS, null}',
    logLevel: 'INFO',
    // "true" only for stages whose data may die with the stack: tables and the user pool are then
    // deleted by `remove` and not protected from deletion. Every other stage retains and protects them.
    throwaway: 'false',
    // Where alarms are e-mailed (AWS asks the address to confirm), from ALARM_EMAIL in the deploying
    // shell or CI. Empty: the SNS topic only.
    alarmEmail: "${env:ALARM_EMAIL, ''}",
    // HTTP API stage throttling, per API: steady requests per second and burst.
    apiThrottlingRateLimit: '50',
    apiThrottlingBurstLimit: '100',
    // Most concurrent consumer invocations the checkout queue's event source mapping may run (2-1000).
    checkoutConsumerMaxConcurrency: '5',
  },
  local: {
    corsAllowedOrigins: '*',
    throwaway: 'true',
    // Locally every service trusts the local cloud's token issuer (see `userPoolTokens`).
    jwtIssuer: "${env:JWT_ISSUER, 'http://127.0.0.1:4020'}",
    jwtAudience: "${env:JWT_AUDIENCE, 'eshop-local'}",
  },
  // A developer's own stage: its data may die with it.
  dev: {
    throwaway: 'true',
  },
};

/**
 * A param a deployed stage must be given: `${requiredParam:name}` resolves like `${param:name}`,
 * but a missing value fails `serverless package` (and `print`, `deploy`) with an error naming the
 * param and how to pass it (see plugin/index.cjs).
 */
export const requiredParam = (name: string): string => `\${requiredParam:${name}}`;

/**
 * A required param as a whole number: `${integerParam:name}`, which the framework resolves to a
 * number before it reads the configuration (see plugin/index.cjs), so it is typed as one.
 */
export const integerParam = (name: string): number => `\${integerParam:${name}}` as unknown as number;

/**
 * A required comma-separated param as a list: `${listParam:name}`, which the framework resolves to
 * a list before it reads the configuration (see plugin/index.cjs), so it is typed as one.
 */
export const listParam = (name: string): string[] => `\${listParam:${name}}` as unknown as string[];
