import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { consoleLogger, type Logger } from '../logger.js';
import { createTraceJournal, type TraceJournal } from '../trace/journal.js';
import { streamTrace, TRACE_PATH } from '../trace/trace-stream.js';
import type { EmulatorContext } from './api/context.js';
import { newEventBus } from './api/event-buses.js';
import { operations } from './api/operations.js';
import { EventBridgeApiError } from './api-error.js';
import { DEFAULT_BUS } from './arns.js';
import { createSqsSender } from './delivery/sqs-sender.js';
import { createTargetDispatcher } from './delivery/target-dispatcher.js';
import { readBody, sendError, sendJson, TARGET_PREFIX } from './json-protocol.js';
import type { EventBus } from './model.js';

export interface EventBridgeOptions {
  /** Default 127.0.0.1. */
  readonly host?: string;
  /** Default 4010; 0 picks a free port. */
  readonly port?: number;
  /** Default us-east-1. */
  readonly region?: string;
  /** Default 000000000000. */
  readonly accountId?: string;
  /** Where SQS targets are delivered; default http://127.0.0.1:9324. */
  readonly sqsEndpoint?: string;
  readonly logger?: Logger;
  /**
   * Where puts, matches and deliveries are recorded, and what `GET /_local/trace` streams; the
   * local cloud passes the same journal to its queue consumers. Default: a journal of its own.
   */
  readonly trace?: TraceJournal;
}

export interface RunningEventBridge {
  readonly url: string;
  readonly port: number;
  /** The journal this emulator records to and streams at `/_local/trace` (`pnpm events`). */
  readonly trace: TraceJournal;
  stop(): Promise<void>;
  /** Resolves when every delivery started so far (with its retries and dead-lettering) has settled. */
  idle(): Promise<void>;
}

async function handleRequest(
  context: EmulatorContext & { logger: Logger },
  request: IncomingMessage,
  response: ServerResponse,
) {
  try {
    if (request.method === 'GET' && request.url === TRACE_PATH) {
      streamTrace(context.trace, request, response);
      return;
    }
    const body = await readBody(request);
    const target = request.headers['x-amz-target'];
    const operationName =
      typeof target === 'string' && target.startsWith(TARGET_PREFIX)
        ? target.slice(TARGET_PREFIX.length)
        : '';
    const operation = operations.get(operationName);
    if (request.method !== 'POST' || !operation) {
      throw new EventBridgeApiError('UnknownOperationException', `Unknown operation ${String(target ?? '')}`);
    }
    let input: unknown;
    try {
      input = body === '' ? {} : JSON.parse(body);
    } catch {
      throw new EventBridgeApiError('SerializationException', 'Request body is not valid JSON.');
    }
    if (typeof input !== 'object' || input === null || Array.isArray(input)) {
      throw new EventBridgeApiError('SerializationException', 'Request body must be a JSON object.');
    }
    sendJson(response, 200, operation(context, input as Record<string, unknown>));
  } catch (error) {
    if (error instanceof EventBridgeApiError) {
      sendError(response, error);
      return;
    }
    context.logger.error(
      `internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    );
    sendError(response, new EventBridgeApiError('InternalException', 'An internal error occurred.', 500));
  }
}

/**
 * Starts a local EventBridge that the unmodified AWS SDK can talk to.
 *
 * @example
 * const eventBridge = await startEventBridge({ port: 0 });
 * const client = new EventBridgeClient({ endpoint: eventBridge.url, region: 'us-east-1',
 *   credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
 */
export async function startEventBridge(options: EventBridgeOptions = {}): Promise<RunningEventBridge> {
  const host = options.host ?? '127.0.0.1';
  const scope = { region: options.region ?? 'us-east-1', accountId: options.accountId ?? '000000000000' };
  const logger = options.logger ?? consoleLogger('[eventbridge]');
  const sender = createSqsSender(options.sqsEndpoint ?? 'http://127.0.0.1:9324', scope.region);
  const trace = options.trace ?? createTraceJournal();
  const dispatcher = createTargetDispatcher(sender, logger, trace);
  const buses = new Map<string, EventBus>();
  const context: EmulatorContext & { logger: Logger } = {
    scope,
    buses,
    dispatch: dispatcher.dispatch,
    trace,
    logger,
  };
  buses.set(DEFAULT_BUS, newEventBus(context, DEFAULT_BUS));

  const server = createServer((request, response) => void handleRequest(context, request, response));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 4010, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const urlHost = host.includes(':') ? `[${host}]` : host;

  return {
    url: `http://${urlHost}:${port}`,
    port,
    trace,
    idle: () => dispatcher.idle(),
    async stop() {
      await new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      });
      await dispatcher.idle();
      sender.destroy();
    },
  };
}
