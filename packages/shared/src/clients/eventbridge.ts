import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { AWS_CALL_TIMEOUTS } from '../aws/timeouts.js';

/**
 * The EventBridge client of a function that publishes, created once per container at init. Import
 * it only in a function's entry file that publishes. The endpoint comes from
 * `AWS_ENDPOINT_URL_EVENTBRIDGE` locally. Each attempt times out (`AWS_CALL_TIMEOUTS`) well within
 * a function's timeout.
 */
export const eventBridgeClient = new EventBridgeClient({ maxAttempts: 3, requestHandler: AWS_CALL_TIMEOUTS });
