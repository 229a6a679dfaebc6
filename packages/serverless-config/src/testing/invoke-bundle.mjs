// Runs in a fresh Node process whose environment is exactly a function's (see packaged-bundles.ts):
// loads the packaged bundle as Lambda would (require for CommonJS, import for an ES module),
// optionally invokes its handler with one event, and writes what happened as JSON to the file
// named by the last argument (stdout is the function's log).
import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

const [entry, exportName, eventJson, resultFile] = process.argv.slice(2);
const report = (outcome) => writeFileSync(resultFile, JSON.stringify(outcome));

let loaded = false;
try {
  const module = entry.endsWith('.mjs')
    ? await import(pathToFileURL(entry).href)
    : createRequire(import.meta.url)(entry);
  const handler = module[exportName];
  if (typeof handler !== 'function') throw new Error(`${entry} exports no function ${exportName}`);
  loaded = true;
  if (eventJson === '') {
    report({ loaded });
  } else {
    const context = {
      awsRequestId: randomUUID(),
      functionName: process.env.AWS_LAMBDA_FUNCTION_NAME,
      functionVersion: '$LATEST',
      invokedFunctionArn: `arn:aws:lambda:us-east-1:123456789012:function:${process.env.AWS_LAMBDA_FUNCTION_NAME}`,
      memoryLimitInMB: process.env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE,
      logGroupName: `/aws/lambda/${process.env.AWS_LAMBDA_FUNCTION_NAME}`,
      logStreamName: 'bundle-smoke',
      callbackWaitsForEmptyEventLoop: true,
      getRemainingTimeInMillis: () => 10_000,
    };
    report({ loaded, result: await handler(JSON.parse(eventJson), context) });
  }
} catch (error) {
  report({ loaded, error: String(error?.stack ?? error) });
}
