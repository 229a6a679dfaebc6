// Runs alone in a fresh Node process: loads one handler module the way Lambda's Node runtime does
// (require for CommonJS, import for ES modules) and reports how long that took, in ms, as JSON.
// Given an event (JSON, third argument), it then invokes the handler once, as Lambda's first
// request after init, and reports that too: cold start = init + first invocation. Each
// `__UNIQUE_ID__` in the event becomes a new UUID, so a write is a first write every time.
// Plain JavaScript, so no TypeScript loader is part of what is measured.
import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

const [file = '', exportName = 'handler', eventJson = ''] = process.argv.slice(2);
const start = performance.now();
const loaded = file.endsWith('.cjs')
  ? createRequire(import.meta.url)(file)
  : await import(pathToFileURL(file).href);
const initMs = performance.now() - start;
const handler = loaded[exportName];
if (typeof handler !== 'function') {
  process.stderr.write(`${file} exports no function named ${exportName}\n`);
  process.exit(2);
}
if (eventJson === '') {
  process.stdout.write(JSON.stringify({ initMs }));
} else {
  const event = JSON.parse(eventJson.replaceAll('__UNIQUE_ID__', () => randomUUID()));
  const name = process.env.AWS_LAMBDA_FUNCTION_NAME ?? 'bench';
  const context = {
    awsRequestId: randomUUID(),
    functionName: name,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:us-east-1:123456789012:function:${name}`,
    memoryLimitInMB: process.env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE ?? '512',
    logGroupName: `/aws/lambda/${name}`,
    logStreamName: 'bench',
    callbackWaitsForEmptyEventLoop: true,
    getRemainingTimeInMillis: () => 10_000,
  };
  const invoked = performance.now();
  const result = await handler(event, context);
  const firstInvokeMs = performance.now() - invoked;
  // A first request that failed would make a fast but meaningless figure.
  const status = result?.statusCode ?? 200;
  const failures = result?.batchItemFailures?.length ?? 0;
  if (status >= 500 || failures > 0) {
    process.stderr.write(`${file}: the first invocation failed: ${JSON.stringify(result)}\n`);
    process.exit(3);
  }
  // Log lines and EMF metrics went to stdout before: the figures are the last line.
  process.stdout.write(`\n${JSON.stringify({ initMs, firstInvokeMs })}`);
}
