import { fileURLToPath } from 'node:url';

/** The header the fault proxy puts on an answer whose receiving function instance must die. */
export const INSTANCE_DEATH_HEADER = 'x-local-cloud-fault';
export const INSTANCE_DEATH_MARK = 'instance-death';
/** The exit code of a killed instance's worker thread (128 + SIGKILL). */
export const INSTANCE_DEATH_EXIT_CODE = 137;

const preload = fileURLToPath(new URL('./instance-death-preload.cjs', import.meta.url));

/**
 * What serverless-offline must be started with so that its function instances die on a marked
 * answer: a preload its worker threads inherit, and the variable that arms it. Inert otherwise.
 *
 * @example
 * startServiceOffline({ ..., nodeArgs: instanceDeaths.nodeArgs, env: { ...env, ...instanceDeaths.env } });
 */
export const instanceDeaths = {
  nodeArgs: ['--require', preload],
  env: { LOCAL_CLOUD_INSTANCE_DEATH: `${INSTANCE_DEATH_HEADER}=${INSTANCE_DEATH_MARK}` },
} as const;
