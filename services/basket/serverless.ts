// Basket: a user's basket over HTTP; checkout publishes CheckoutBasket to the bus this service owns.
import {
  esbuild,
  frameworkVersion,
  httpApi,
  localTokenIssuer,
  packaging,
  plugins,
  provider,
  type ServerlessConfiguration,
  serverlessOffline,
  sharedEnvironment,
  sharedParams,
} from '@eshop/serverless-config';

const basketTableArn = { 'Fn::GetAtt': ['BasketTable', 'Arn'] };
const jwt = { authorizer: { name: 'jwt' } };
// Compose passes product's Cognito user pool (UserPoolIssuerUrl, UserPoolClientId); deploying alone
// needs --param="jwtIssuer=..." --param="jwtAudience=...". No default on purpose.
const tokenIssuer = { issuer: '${param:jwtIssuer}', audience: '${param:jwtAudience}' };

/** The one IAM statement of a function: `actions` on the basket table. */
const onBasketTable = (actions: string[]) => [{ Effect: 'Allow', Action: actions, Resource: basketTableArn }];

const configuration: ServerlessConfiguration = {
  service: 'eshop-basket',
  frameworkVersion,
  package: packaging,
  plugins,
  params: {
    default: {
      ...sharedParams.default,
      // Base URL of the product API; compose passes product's HttpApiUrl output for deploys. Locally
      // the local cloud sets PRODUCT_API_URL (tests use free ports).
      productApiUrl: "${env:PRODUCT_API_URL, 'http://127.0.0.1:3001'}",
    },
    local: {
      ...sharedParams.local,
      jwtIssuer: localTokenIssuer.issuer,
      jwtAudience: localTokenIssuer.audience,
    },
  },
  provider: {
    ...provider,
    environment: {
      BASKET_TABLE_NAME: '${self:custom.basketTableName}',
      EVENT_BUS_NAME: '${self:custom.eventBusName}',
      PRODUCT_API_URL: '${param:productApiUrl}',
      ...sharedEnvironment(tokenIssuer),
    },
    httpApi: httpApi(tokenIssuer),
  },
  custom: {
    basketTableName: '${self:service}-${sls:stage}-baskets',
    eventBusName: 'eshop-basket-${sls:stage}',
    esbuild,
    'serverless-offline': serverlessOffline(3002),
  },
  // Every route needs a signed-in user; each function has its own role naming only its calls.
  functions: {
    listBaskets: {
      handler: 'src/functions/list-baskets.handler',
      events: [{ httpApi: { method: 'GET', path: '/basket', ...jwt } }],
      iamRoleStatements: onBasketTable(['dynamodb:Scan']),
    },
    getBasket: {
      handler: 'src/functions/get-basket.handler',
      events: [{ httpApi: { method: 'GET', path: '/basket/{userName}', ...jwt } }],
      iamRoleStatements: onBasketTable(['dynamodb:GetItem']),
    },
    saveBasket: {
      handler: 'src/functions/save-basket.handler',
      events: [{ httpApi: { method: 'POST', path: '/basket', ...jwt } }],
      iamRoleStatements: onBasketTable(['dynamodb:PutItem']),
    },
    deleteBasket: {
      handler: 'src/functions/delete-basket.handler',
      events: [{ httpApi: { method: 'DELETE', path: '/basket/{userName}', ...jwt } }],
      iamRoleStatements: onBasketTable(['dynamodb:DeleteItem']),
    },
    checkoutBasket: {
      handler: 'src/functions/checkout-basket.handler',
      events: [{ httpApi: { method: 'POST', path: '/basket/checkout', ...jwt } }],
      iamRoleStatements: [
        // Read the basket and idempotency record; attach the pending checkout and write the record
        // (one transaction); delete the basket and mark the record once the event is accepted.
        ...onBasketTable([
          'dynamodb:GetItem',
          'dynamodb:PutItem',
          'dynamodb:UpdateItem',
          'dynamodb:DeleteItem',
        ]),
        // Publish only to this service's own bus.
        { Effect: 'Allow', Action: ['events:PutEvents'], Resource: { 'Fn::GetAtt': ['EventBus', 'Arn'] } },
      ],
    },
  },
  resources: {
    Resources: {
      BasketTable: {
        Type: 'AWS::DynamoDB::Table',
        Properties: {
          TableName: '${self:custom.basketTableName}',
          BillingMode: 'PAY_PER_REQUEST',
          PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
          SSESpecification: { SSEEnabled: true },
          // One partition per user: the basket (sk BASKET) and its checkout records (sk CHECKOUT#<key>).
          AttributeDefinitions: [
            { AttributeName: 'userName', AttributeType: 'S' },
            { AttributeName: 'sk', AttributeType: 'S' },
          ],
          KeySchema: [
            { AttributeName: 'userName', KeyType: 'HASH' },
            { AttributeName: 'sk', KeyType: 'RANGE' },
          ],
          // Checkout records only need to outlive client retries.
          TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
        },
      },
      EventBus: {
        Type: 'AWS::Events::EventBus',
        Properties: { Name: '${self:custom.eventBusName}' },
      },
    },
    Outputs: {
      EventBusName: { Value: { Ref: 'EventBus' } },
      EventBusArn: { Value: { 'Fn::GetAtt': ['EventBus', 'Arn'] } },
      BasketTableName: { Value: { Ref: 'BasketTable' } },
    },
  },
};

export default configuration;
