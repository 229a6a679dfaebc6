import type { APIGatewayProxyEventV2, SQSEvent } from 'aws-lambda';

/**
 * The first request of each function whose cold start is measured to the end: one that is
 * answered through DynamoDB Local alone (no token issuer, no other service), as Lambda would
 * deliver it. Functions without one here are measured for init only.
 */

/** A seeded product (services/product/seed/products.json). */
export const SEEDED_PRODUCT_ID = '6a1c0000-0000-4000-8000-000000000001';

const httpGet = (path: string, pathParameters?: Record<string, string>): APIGatewayProxyEventV2 => ({
  version: '2.0',
  routeKey: `GET ${path}`,
  rawPath: path,
  rawQueryString: '',
  headers: { accept: 'application/json' },
  ...(pathParameters === undefined ? {} : { pathParameters }),
  isBase64Encoded: false,
  requestContext: {
    accountId: '123456789012',
    apiId: 'bench',
    domainName: 'bench.execute-api.us-east-1.amazonaws.com',
    domainPrefix: 'bench',
    http: { method: 'GET', path, protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'bench' },
    requestId: 'bench',
    routeKey: `GET ${path}`,
    stage: '$default',
    time: new Date(0).toISOString(),
    timeEpoch: 0,
  },
});

// A new checkout id per process (see import-handler.mjs), so every first invocation writes an order.
const checkoutDelivery = (): SQSEvent => {
  const detail = {
    version: '1',
    checkoutId: '__UNIQUE_ID__',
    correlationId: 'bench-cold-start',
    userName: 'bench-cold-start',
    buyer: { firstName: 'Ada', lastName: 'Lovelace', email: 'ada@example.com', address: '1 Analytical St' },
    payment: { method: 'card', cardLast4: '4242' },
    items: [{ productId: 'p-1', productName: 'Mug', quantity: 2, unitPrice: 1000, lineTotal: 2000 }],
    total: 2000,
    currency: 'USD',
    checkedOutAt: '2026-11-27T10:00:00.000Z',
  };
  const envelope = {
    version: '0',
    id: '__UNIQUE_ID__',
    'detail-type': 'CheckoutBasket',
    source: 'eshop.basket',
    account: '123456789012',
    time: '2026-11-27T10:00:00Z',
    region: 'us-east-1',
    resources: [],
    detail,
  };
  return {
    Records: [
      {
        messageId: '__UNIQUE_ID__',
        receiptHandle: 'bench',
        body: JSON.stringify(envelope),
        attributes: {
          ApproximateReceiveCount: '1',
          SentTimestamp: '0',
          SenderId: 'bench',
          ApproximateFirstReceiveTimestamp: '0',
        },
        messageAttributes: {},
        md5OfBody: 'bench',
        eventSource: 'aws:sqs',
        eventSourceARN: 'arn:aws:sqs:us-east-1:123456789012:eshop-ordering-local-checkout',
        awsRegion: 'us-east-1',
      },
    ],
  };
};

/** By target id: a baseline's name or `<service>/<function>`. */
export const FIRST_REQUESTS: Readonly<Record<string, unknown>> = {
  'plain getProduct': httpGet(`/product/${SEEDED_PRODUCT_ID}`, { id: SEEDED_PRODUCT_ID }),
  'probe: AWS SDK': SEEDED_PRODUCT_ID,
  'product/getProduct': httpGet(`/product/${SEEDED_PRODUCT_ID}`, { id: SEEDED_PRODUCT_ID }),
  'product/listProducts': httpGet('/product'),
  'plain processCheckout': checkoutDelivery(),
  'ordering/processCheckout': checkoutDelivery(),
};
