// Product catalog: HTTP API → Lambda → DynamoDB, and the shop's Cognito user pool.
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

const productTableArn = { 'Fn::GetAtt': ['ProductTable', 'Arn'] };
const issuerUrl = { 'Fn::Sub': 'https://cognito-idp.${AWS::Region}.amazonaws.com/${UserPool}' };

// Who issues the tokens the APIs accept: this service's Cognito user pool when deployed (compose
// hands issuer and client id to basket and ordering), the local cloud's issuer for stage local.
const tokenIssuer = {
  issuer: '${self:custom.auth.issuer}',
  audience: '${self:custom.auth.audience}',
};

/** The one IAM statement of a function: `actions` on the product table (or the resources given). */
const onProductTable = (actions: string[], resource: unknown = productTableArn) => [
  { Effect: 'Allow', Action: actions, Resource: resource },
];

const configuration: ServerlessConfiguration = {
  service: 'eshop-product',
  frameworkVersion,
  package: packaging,
  plugins,
  params: sharedParams,
  provider: {
    ...provider,
    environment: {
      PRODUCT_TABLE_NAME: '${self:custom.productTableName}',
      ...sharedEnvironment(tokenIssuer),
    },
    httpApi: httpApi(tokenIssuer),
  },
  custom: {
    productTableName: '${self:service}-${sls:stage}-products',
    auth: '${self:custom.authByStage.${sls:stage}, self:custom.authByStage.deployed}',
    authByStage: {
      deployed: { issuer: issuerUrl, audience: { Ref: 'UserPoolClient' } },
      local: localTokenIssuer,
    },
    esbuild,
    // Read only by packages/local-cloud: data `pnpm dev` loads into the local tables.
    localCloud: { seed: { ProductTable: 'seed/products.json' } },
    'serverless-offline': serverlessOffline(3001),
  },
  // Catalog reads are public; writes are for admins. Each function has its own role, naming only
  // the calls it makes on this service's table.
  functions: {
    listProducts: {
      handler: 'src/functions/list-products.handler',
      events: [{ httpApi: { method: 'GET', path: '/product' } }],
      iamRoleStatements: onProductTable(
        ['dynamodb:Scan', 'dynamodb:Query'],
        [productTableArn, { 'Fn::Join': ['/', [productTableArn, 'index', 'byCategory']] }],
      ),
    },
    createProduct: {
      handler: 'src/functions/create-product.handler',
      events: [{ httpApi: { method: 'POST', path: '/product', authorizer: { name: 'jwt' } } }],
      iamRoleStatements: onProductTable(['dynamodb:PutItem']),
    },
    getProduct: {
      handler: 'src/functions/get-product.handler',
      events: [{ httpApi: { method: 'GET', path: '/product/{id}' } }],
      iamRoleStatements: onProductTable(['dynamodb:GetItem']),
    },
    updateProduct: {
      handler: 'src/functions/update-product.handler',
      events: [{ httpApi: { method: 'PUT', path: '/product/{id}', authorizer: { name: 'jwt' } } }],
      iamRoleStatements: onProductTable(['dynamodb:UpdateItem']),
    },
    deleteProduct: {
      handler: 'src/functions/delete-product.handler',
      events: [{ httpApi: { method: 'DELETE', path: '/product/{id}', authorizer: { name: 'jwt' } } }],
      iamRoleStatements: onProductTable(['dynamodb:DeleteItem']),
    },
  },
  resources: {
    Resources: {
      ProductTable: {
        Type: 'AWS::DynamoDB::Table',
        Properties: {
          TableName: '${self:custom.productTableName}',
          BillingMode: 'PAY_PER_REQUEST',
          PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
          SSESpecification: { SSEEnabled: true },
          AttributeDefinitions: [
            { AttributeName: 'id', AttributeType: 'S' },
            { AttributeName: 'category', AttributeType: 'S' },
            { AttributeName: 'name', AttributeType: 'S' },
          ],
          KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
          GlobalSecondaryIndexes: [
            {
              // Browsing a category, in name order.
              IndexName: 'byCategory',
              KeySchema: [
                { AttributeName: 'category', KeyType: 'HASH' },
                { AttributeName: 'name', KeyType: 'RANGE' },
              ],
              Projection: { ProjectionType: 'ALL' },
            },
          ],
        },
      },
      // Sign-in for the shop: users sign up with their email; members of `admin` manage the catalog.
      UserPool: {
        Type: 'AWS::Cognito::UserPool',
        Properties: {
          UserPoolName: 'eshop-${sls:stage}-users',
          UsernameAttributes: ['email'],
          AutoVerifiedAttributes: ['email'],
          Policies: {
            PasswordPolicy: {
              MinimumLength: 12,
              RequireLowercase: true,
              RequireUppercase: true,
              RequireNumbers: true,
              RequireSymbols: false,
            },
          },
        },
      },
      UserPoolClient: {
        Type: 'AWS::Cognito::UserPoolClient',
        Properties: {
          UserPoolId: { Ref: 'UserPool' },
          ClientName: 'eshop-${sls:stage}-web',
          GenerateSecret: false,
          ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
          PreventUserExistenceErrors: 'ENABLED',
        },
      },
      AdminGroup: {
        Type: 'AWS::Cognito::UserPoolGroup',
        Properties: {
          UserPoolId: { Ref: 'UserPool' },
          GroupName: 'admin',
          Description: 'May write the catalog and read every basket and order',
        },
      },
    },
    Outputs: {
      ProductTableName: { Value: { Ref: 'ProductTable' } },
      UserPoolIssuerUrl: { Value: issuerUrl },
      UserPoolClientId: { Value: { Ref: 'UserPoolClient' } },
    },
  },
};

export default configuration;
