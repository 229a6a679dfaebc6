// Product catalog: HTTP API → Lambda → DynamoDB, and the shop's Cognito user pool.
import {
  allow,
  defineService,
  dynamoDbTable,
  getAtt,
  localTokenIssuer,
  publicHttpFunction,
  retainedUnlessThrowaway,
  signedInHttpFunction,
} from '@eshop/serverless-config';

const table = getAtt('ProductTable');
const categoryIndex = { 'Fn::Join': ['/', [table, 'index', 'byCategory']] };
const issuerUrl = { 'Fn::Sub': 'https://cognito-idp.${AWS::Region}.amazonaws.com/${UserPool}' };

export default defineService({
  service: 'eshop-product',
  localPort: 3001,
  // Who issues the tokens the APIs accept: this service's Cognito user pool when deployed (compose
  // hands issuer and client id to basket and ordering), the local cloud's issuer for stage local.
  tokenIssuer: { issuer: '${self:custom.auth.issuer}', audience: '${self:custom.auth.audience}' },
  environment: { PRODUCT_TABLE_NAME: '${self:custom.productTableName}' },
  custom: {
    productTableName: '${self:service}-${sls:stage}-products',
    auth: '${self:custom.authByStage.${sls:stage}, self:custom.authByStage.deployed}',
    authByStage: {
      deployed: { issuer: issuerUrl, audience: { Ref: 'UserPoolClient' } },
      local: localTokenIssuer,
    },
    // Read only by packages/local-cloud: data `pnpm dev` loads into the local tables.
    localCloud: { seed: { ProductTable: 'seed/products.json' } },
  },
  // Catalog reads are public; writes are for admins. Each function has its own role, naming only
  // the calls it makes on this service's table.
  functions: {
    listProducts: publicHttpFunction('list-products', 'GET /product', [
      allow(['dynamodb:Scan', 'dynamodb:Query'], [table, categoryIndex]),
      // ?ids=: one lookup for a whole basket
      allow(['dynamodb:BatchGetItem'], table),
    ]),
    createProduct: signedInHttpFunction('create-product', 'POST /product', [
      allow(['dynamodb:PutItem'], table),
    ]),
    getProduct: publicHttpFunction('get-product', 'GET /product/{id}', [allow(['dynamodb:GetItem'], table)]),
    updateProduct: signedInHttpFunction('update-product', 'PUT /product/{id}', [
      allow(['dynamodb:UpdateItem'], table),
    ]),
    deleteProduct: signedInHttpFunction('delete-product', 'DELETE /product/{id}', [
      allow(['dynamodb:DeleteItem'], table),
    ]),
    // This API's OpenAPI document (the committed openapi.json), public; no AWS calls.
    getApiDocument: { ...publicHttpFunction('get-api-document', 'GET /openapi.json', []), memorySize: 256 },
    // The user pool's PreSignUp trigger (UserPool.LambdaConfig): refuses user names the API would
    // refuse. No AWS calls, so a role with its logs only.
    checkSignUp: {
      handler: 'src/functions/check-sign-up.handler',
      memorySize: 256,
      timeout: 5,
    },
  },
  resources: {
    Resources: {
      ProductTable: dynamoDbTable({
        name: '${self:custom.productTableName}',
        key: { partition: 'id' },
        // Browsing a category, in name order.
        indexes: { byCategory: { partition: 'category', sort: 'name' } },
      }),
      // Sign-in for the shop. Users choose their user name at sign-up (the `cognito:username` of
      // their tokens, the name in basket and order paths), case-insensitive, and may sign in with
      // their verified e-mail address instead. Members of `admin` manage the catalog.
      UserPool: {
        Type: 'AWS::Cognito::UserPool',
        ...retainedUnlessThrowaway,
        Properties: {
          UserPoolName: 'eshop-${sls:stage}-users',
          UsernameConfiguration: { CaseSensitive: false },
          AliasAttributes: ['email'],
          AutoVerifiedAttributes: ['email'],
          Schema: [{ Name: 'email', AttributeDataType: 'String', Required: true, Mutable: true }],
          LambdaConfig: { PreSignUp: getAtt('CheckSignUpLambdaFunction') },
          DeletionProtection: '${dataRetention:userPoolDeletionProtection}',
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
      // Cognito may invoke the PreSignUp trigger for this pool only.
      CheckSignUpCognitoPermission: {
        Type: 'AWS::Lambda::Permission',
        Properties: {
          Action: 'lambda:InvokeFunction',
          FunctionName: getAtt('CheckSignUpLambdaFunction'),
          Principal: 'cognito-idp.amazonaws.com',
          SourceArn: getAtt('UserPool'),
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
});
