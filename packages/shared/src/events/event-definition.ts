import * as z from '../zod.js';

/**
 * One event type: where it comes from, what it is called on the bus, which version of its
 * detail this code speaks, and the schema of that detail. Producers and consumers share it.
 */
export interface EventDefinition<TDetail extends z.ZodMiniType> {
  source: string;
  detailType: string;
  version: string;
  detail: TDetail;
}

export type DetailOf<T> = T extends EventDefinition<infer S> ? z.output<S> : never;

/**
 * Declares an event type. The detail schema must carry a `version` literal so consumers can
 * refuse versions they do not understand instead of misreading them.
 *
 * @example
 * export const ProductPriceChanged = defineEvent({
 *   source: 'eshop.product', detailType: 'ProductPriceChanged', version: '1',
 *   detail: z.object({ version: z.literal('1'), productId: z.string(), price: z.number().check(z.int()) }),
 * });
 */
export const defineEvent = <TDetail extends z.ZodMiniType>(definition: EventDefinition<TDetail>) =>
  definition;

/** The envelope EventBridge wraps every event in, as delivered to targets such as SQS. */
export const eventBridgeEnvelopeSchema = z.object({
  version: z.string(),
  id: z.string().check(z.minLength(1)),
  'detail-type': z.string(),
  source: z.string(),
  account: z.string(),
  time: z.string(),
  region: z.string(),
  resources: z.array(z.string()),
  detail: z.unknown(),
});

/** Thrown when a message is not a valid event of the expected type; retrying cannot fix it. */
export class InvalidEventError extends Error {
  readonly issues: string[];
  constructor(message: string, issues: string[] = [], options?: ErrorOptions) {
    super(message, options);
    this.name = 'InvalidEventError';
    this.issues = issues;
  }
}

const describeIssues = (issues: z.core.$ZodIssue[]): string[] =>
  issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`);

/**
 * Parses a delivered EventBridge event (an SQS body string or an already-parsed object) and its
 * detail with the event's own schema, throwing `InvalidEventError` with every reason otherwise.
 *
 * @example
 * const { detail, envelope } = parseEvent(CheckoutBasket, record.body);
 */
export const parseEvent = <TDetail extends z.ZodMiniType>(
  definition: EventDefinition<TDetail>,
  message: unknown,
): { envelope: z.output<typeof eventBridgeEnvelopeSchema>; detail: z.output<TDetail> } => {
  let raw = message;
  if (typeof message === 'string') {
    try {
      raw = JSON.parse(message);
    } catch (error) {
      throw new InvalidEventError('Message body is not JSON', [], { cause: error });
    }
  }
  const envelope = eventBridgeEnvelopeSchema.safeParse(raw);
  if (!envelope.success) {
    throw new InvalidEventError('Message is not an EventBridge event', describeIssues(envelope.error.issues));
  }
  const { source, 'detail-type': detailType } = envelope.data;
  if (source !== definition.source || detailType !== definition.detailType) {
    throw new InvalidEventError(
      `Expected ${definition.source}/${definition.detailType}, got ${source}/${detailType}`,
    );
  }
  const detail = definition.detail.safeParse(envelope.data.detail);
  if (!detail.success) {
    throw new InvalidEventError(
      `Invalid ${definition.detailType} v${definition.version} detail`,
      describeIssues(detail.error.issues),
    );
  }
  return { envelope: envelope.data, detail: detail.data };
};
