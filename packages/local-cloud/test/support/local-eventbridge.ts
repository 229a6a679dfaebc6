import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { afterAll, beforeAll } from 'vitest';
import {
  type EventBridgeOptions,
  type RunningEventBridge,
  startEventBridge,
} from '../../src/eventbridge/index.js';

/**
 * The local EventBridge on a free port for one test file (started before its tests, stopped after
 * them) and an unmodified SDK client for it. The client exists at once, for the file's constants;
 * it resolves the emulator's URL when it sends its first request.
 */
export const localEventBridgeForFile = (options: Omit<EventBridgeOptions, 'port'> = {}) => {
  let running: RunningEventBridge | undefined;
  const started = () => {
    if (running === undefined) throw new Error('The local EventBridge starts in beforeAll');
    return running;
  };
  const client = new EventBridgeClient({
    endpoint: async () => ({ url: new URL(started().url) }),
    region: options.region ?? 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  });
  beforeAll(async () => {
    running = await startEventBridge({ port: 0, ...options });
  });
  afterAll(async () => {
    client.destroy();
    await running?.stop();
  });
  return { client, emulator: started };
};
