import { InvokeCommand, type InvokeCommandOutput, LambdaClient } from '@aws-sdk/client-lambda';
import type { SQSEvent } from 'aws-lambda';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../local-aws.js';

/** The function ran and failed (it threw, timed out, or does not exist); the batch is not processed. */
export class FunctionInvocationError extends Error {
  readonly functionName: string;
  readonly functionError: string;
  constructor(functionName: string, functionError: string, detail: string, options?: ErrorOptions) {
    super(`${functionName} failed (${functionError}): ${detail}`, options);
    this.name = 'FunctionInvocationError';
    this.functionName = functionName;
    this.functionError = functionError;
  }
}

/**
 * The name serverless-offline (and AWS) know a function by: `<service>-<stage>-<functionKey>`
 * unless the function sets its own `name`.
 *
 * @example offlineFunctionName('eshop-ordering', 'local', 'processCheckout') // 'eshop-ordering-local-processCheckout'
 */
export const offlineFunctionName = (service: string, stage: string, functionKey: string): string =>
  `${service}-${stage}-${functionKey}`;

// An empty response body comes back as no payload at all (undefined or null, by SDK version).
const payloadText = (payload: Uint8Array | null | undefined): string =>
  payload === undefined || payload === null ? '' : Buffer.from(payload).toString('utf8');

const parsePayload = (text: string): unknown => {
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
};

/** Invokes a function with an SQS batch; `destroy()` closes its connections when done. */
export type OfflineFunctionInvoker = ((event: SQSEvent) => Promise<unknown>) & { destroy(): void };

/**
 * An `invoke` for `startEventSourceMapping` that runs a function served by serverless-offline
 * through its Lambda Invoke API (RequestResponse), resolving with the function's response
 * (e.g. `{ batchItemFailures }`). A function error (`FunctionError` set: the handler threw or the
 * function is unknown) rejects, which fails the whole batch as on AWS.
 *
 * @example
 * const invoke = invokeOfflineFunction('http://127.0.0.1:3013', 'eshop-ordering-local-processCheckout');
 */
export const invokeOfflineFunction = (
  lambdaEndpoint: string,
  functionName: string,
): OfflineFunctionInvoker => {
  const client = new LambdaClient({
    endpoint: lambdaEndpoint,
    region: LOCAL_REGION,
    credentials: LOCAL_CREDENTIALS,
    // The event source mapping owns retries; and serverless-offline answers slowly, not flakily.
    maxAttempts: 1,
  });
  const invoke = async (event: SQSEvent): Promise<unknown> => {
    let result: InvokeCommandOutput;
    try {
      result = await client.send(
        new InvokeCommand({
          FunctionName: functionName,
          InvocationType: 'RequestResponse',
          Payload: Buffer.from(JSON.stringify(event)),
        }),
      );
    } catch (error) {
      throw new FunctionInvocationError(functionName, (error as Error).name, (error as Error).message, {
        cause: error,
      });
    }
    const text = payloadText(result.Payload);
    if (result.FunctionError !== undefined) {
      const payload = parsePayload(text) as { errorMessage?: string; Message?: string } | undefined;
      throw new FunctionInvocationError(
        functionName,
        result.FunctionError,
        payload?.errorMessage ?? payload?.Message ?? text,
      );
    }
    return parsePayload(text);
  };
  return Object.assign(invoke, { destroy: () => client.destroy() });
};
