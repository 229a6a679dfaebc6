// Basket: a user's basket over HTTP; checkout publishes CheckoutBasket to the bus this service owns.
import {
  allow,
  defineService,
  dynamoDbTable,
  getAtt,
  publicHttpFunction,
  requiredParam,
  signedInHttpFunction,
  userPoolTokens,
} from '@eshop/serverless-config';

const table = getAtt('BasketTable');

export default defineService({
  service: 'eshop-basket',
  localPort: 3002,
  tokenIssuer: userPoolTokens,
  params: {
    local: {
      // The local cloud sets PRODUCT_API_URL (tests use free ports).
      productApiUrl: "${env:PRODUCT_API_URL, 'http://127.0.0.1:3001'}",
    },
  },
  environment: {
    BASKET_TABLE_NAME: '${self:custom.basketTableName}',
    EVENT_BUS_NAME: '${self:custom.eventBusName}',
    // Base URL of the product API, which basket prices items from: compose passes product's
    // HttpApiUrl output; deploying alone needs --param="productApiUrl=...". No default on purpose.
    PRODUCT_API_URL: requiredParam('productApiUrl'),
  },
  custom: {
    basketTableName: '${self:service}-${sls:stage}-baskets',
    eventBusName: 'eshop-basket-${sls:stage}',
  },
  // Every route needs a signed-in user; each function has its own role naming only its calls.
  functions: {
    listBaskets: signedInHttpFunction('list-baskets', 'GET /basket', [allow(['dynamodb:Scan'], table)]),
    getBasket: signedInHttpFunction('get-basket', 'GET /basket/{userName}', [
      allow(['dynamodb:GetItem'], table),
    ]),
    saveBasket: signedInHttpFunction('save-basket', 'POST /basket', [allow(['dynamodb:PutItem'], table)]),
    deleteBasket: signedInHttpFunction('delete-basket', 'DELETE /basket/{userName}', [
      allow(['dynamodb:DeleteItem'], table),
    ]),
    // This API's OpenAPI document (the committed openapi.json), public; no AWS calls.
    getApiDocument: { ...publicHttpFunction('get-api-document', 'GET /openapi.json', []), memorySize: 256 },
    checkoutBasket: signedInHttpFunction('checkout-basket', 'POST /basket/checkout', [
      // Read the basket and idempotency record; attach the pending checkout and write the record
      // (one transaction); delete the basket and mark the record once the event is accepted.
      allow(['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem'], table),
      // Publish only to this service's own bus.
      allow(['events:PutEvents'], getAtt('EventBus')),
    ]),
  },
  resources: {
    Resources: {
      // One partition per user: the basket (sk BASKET) and its checkout records (sk CHECKOUT#<key>).
      BasketTable: dynamoDbTable({
        name: '${self:custom.basketTableName}',
        key: { partition: 'userName', sort: 'sk' },
        // Checkout records only need to outlive client retries.
        TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
      }),
      EventBus: {
        Type: 'AWS::Events::EventBus',
        Properties: { Name: '${self:custom.eventBusName}' },
      },
    },
    Outputs: {
      EventBusName: { Value: { Ref: 'EventBus' } },
      EventBusArn: { Value: getAtt('EventBus') },
      BasketTableName: { Value: { Ref: 'BasketTable' } },
    },
  },
});
