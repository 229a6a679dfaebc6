import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import {
  CheckoutBasket,
  type CheckoutBasketDetail,
  type CountMetric,
  InvalidEventError,
  type Logger,
  parseEvent,
  withLambdaContext,
} from '@eshop/shared';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { CheckoutConflictError, placeOrder } from '../domain/place-order.js';
import type { SaveNewOrder } from '../domain/ports.js';

export interface ProcessCheckoutDeps {
  logger: Logger;
  countMetric: CountMetric;
  saveNewOrder: SaveNewOrder;
  now: () => Date;
}

/**
 * SQS consumer of `CheckoutBasket` events (EventBridge envelopes, as the rule's SQS target
 * delivers them): one order per checkout, with partial batch responses.
 *
 * Each record succeeds or fails on its own and `batchItemFailures` names exactly the failed ones:
 * - an invalid message (not JSON, not the event, a detail that breaks the contract) is logged at
 *   error with its messageId and every reason, and reported failed, so after the queue's
 *   maxReceiveCount it lands in the DLQ for a person to look at; it is never silently dropped;
 * - a store failure (throttling, an unreachable table) fails only that record, which SQS
 *   redelivers after its visibility timeout;
 * - a redelivered checkout finds its order already stored and succeeds without writing;
 * - a different event with the id of a checkout that already has an order is logged at error with
 *   the fields that differ and reported failed (so it ends in the DLQ); the order stays as it is.
 *
 * Counts `OrdersPlaced`, `DuplicateDeliveriesSuppressed` (a redelivery that wrote nothing) and
 * `PoisonMessages` by `reason` (`invalid-event`, `checkout-conflict`: retrying cannot help) on
 * every receive of one.
 */
export const processCheckoutHandler = ({ logger, countMetric, saveNewOrder, now }: ProcessCheckoutDeps) => {
  const place = placeOrder({ saveNewOrder, now });
  /** A message retrying cannot help: counted on every receive, logged at error for a person. */
  const reportPoison = (reason: string, message: string, details: Record<string, unknown>) => {
    countMetric('PoisonMessages', { reason });
    logger.error(message, details);
  };
  const processRecord = async (record: SQSRecord): Promise<void> => {
    const { messageId } = record;
    let checkout: CheckoutBasketDetail;
    try {
      checkout = parseEvent(CheckoutBasket, record.body).detail;
    } catch (error) {
      if (error instanceof InvalidEventError) {
        reportPoison(
          'invalid-event',
          'Rejected an invalid CheckoutBasket message; it goes to the DLQ after its last receive',
          {
            messageId,
            receiveCount: record.attributes.ApproximateReceiveCount,
            reason: error.message,
            issues: error.issues,
          },
        );
      }
      throw error;
    }
    // Every line about this record names it, its checkout and the request that caused it.
    const about = { messageId, checkoutId: checkout.checkoutId, correlationId: checkout.correlationId };
    try {
      const { order, outcome } = await place(checkout);
      countMetric(outcome === 'placed' ? 'OrdersPlaced' : 'DuplicateDeliveriesSuppressed');
      logger.info(
        outcome === 'placed' ? 'Order placed' : 'Order already placed for this checkout; nothing written',
        { ...about, orderId: order.orderId },
      );
    } catch (error) {
      if (error instanceof CheckoutConflictError) {
        reportPoison(
          'checkout-conflict',
          'A different order is already stored for this checkout; the message is reported failed',
          { ...about, differences: error.differences },
        );
      } else {
        logger.error('Could not place the order; the message will be retried', {
          ...about,
          error: error as Error,
        });
      }
      throw error;
    }
  };

  const processBatch = async (event: SQSEvent, context: Context): Promise<SQSBatchResponse> =>
    // A processor per invocation: it keeps per-batch state.
    processPartialResponse(event, processRecord, new BatchProcessor(EventType.SQS), {
      context,
      // Report a batch whose every record failed like any other: the same ids, no thrown error.
      throwOnFullBatchFailure: false,
    });

  // No Middy: the Lambda context on every log line is the only thing a middleware would add here.
  return withLambdaContext(logger, processBatch);
};
