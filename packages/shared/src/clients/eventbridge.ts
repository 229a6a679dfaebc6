import { EventBridgeClient } from '@aws-sdk/client-eventbridge';

/**
 * The EventBridge client of a function that publishes, created once per container at init. Import
 * it only in a function's entry file that publishes. The endpoint comes from
 * `AWS_ENDPOINT_URL_EVENTBRIDGE` locally.
 */
export const eventBridgeClient = new EventBridgeClient({ maxAttempts: 3 });
