/** An error in EventBridge's wire shape: `__type` is the code the SDK turns into an exception class. */
export class EventBridgeApiError extends Error {
  override readonly name = 'EventBridgeApiError';

  constructor(
    readonly code: string,
    message: string,
    readonly statusCode = 400,
  ) {
    super(message);
  }
}

export const validationError = (message: string) => new EventBridgeApiError('ValidationException', message);
export const notFoundError = (message: string) =>
  new EventBridgeApiError('ResourceNotFoundException', message);
