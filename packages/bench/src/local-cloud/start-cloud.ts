import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

/** What the benchmark needs to know about the running local cloud. */
export interface BenchCloud {
  /** Base URL of each service's HTTP API. */
  services: Record<string, string>;
  endpoints: { dynamodb: string; sqs: string; eventbridge: string } & Record<string, string>;
  ports: { services: Record<string, { http: number; lambda: number }> } & Record<string, unknown>;
  /** The development token issuer, when the local cloud runs one. */
  issuer?: string;
  /** Everything else the local cloud reported (e.g. an auth issuer), kept as it came. */
  raw: Record<string, unknown>;
  stop: () => Promise<void>;
}

const cloudProcessScript = fileURLToPath(new URL('./cloud-process.ts', import.meta.url));

/** Starts the local cloud in a child process (see cloud-process.ts) and waits until it is ready. */
export const startBenchCloud = async (timeoutMs = 180_000): Promise<BenchCloud> => {
  const child = spawn(process.execPath, ['--import', 'tsx', cloudProcessScript], {
    stdio: ['pipe', 'pipe', 'inherit'],
    env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  const ready = new Promise<Record<string, unknown>>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the local cloud did not start in time')), timeoutMs);
    createInterface({ input: child.stdout }).on('line', (line) => {
      if (!line.startsWith('READY ')) return;
      clearTimeout(timer);
      resolve(JSON.parse(line.slice('READY '.length)) as Record<string, unknown>);
    });
    void exited.then((code) => reject(new Error(`the local cloud exited (${code}) before it was ready`)));
  });
  const stop = async () => {
    child.stdin.end();
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    await exited;
    clearTimeout(timer);
  };
  try {
    const raw = await ready;
    return { ...(raw as Omit<BenchCloud, 'raw' | 'stop'>), raw, stop };
  } catch (error) {
    child.kill('SIGTERM');
    throw error;
  }
};
