import { localCloud, readPackagedTemplate, sortPermissions } from '@eshop/local-cloud/testing';
import { runPackagedFunction } from '@eshop/serverless-config/testing';
import {
  itIsValidCloudFormationKeepingItsTables,
  itPackagesLeanBundles,
} from '@eshop/serverless-config/testing/template-checks';
import { describe, expect, it } from 'vitest';

// The CloudFormation `serverless package --stage test` produced (offline, fake credentials), with
// the params compose would pass (example Cognito issuer and client id).
const { template, resources, ofType, permissionsOf, wildcards, bundledPackagesOf } = readPackagedTemplate(
  localCloud().packageDir('basket'),
);
const functions = ofType('AWS::Lambda::Function');
const TABLE = { 'Fn::GetAtt': ['BasketTable', 'Arn'] };
const BUS = { 'Fn::GetAtt': ['EventBus', 'Arn'] };
const onTable = (...actions: string[]) => actions.map((action) => ({ action, resource: TABLE }));

describe('basket CloudFormation', () => {
  itIsValidCloudFormationKeepingItsTables(template, { baskets: 'BasketTable' });
  itPackagesLeanBundles(localCloud().packageDir('basket'), template);

  it('owns an event bus and exports its name and ARN for compose', () => {
    expect(resources.EventBus).toEqual({
      Type: 'AWS::Events::EventBus',
      Properties: { Name: 'eshop-basket-test' },
    });
    expect(template.Outputs.EventBusName.Value).toEqual({ Ref: 'EventBus' });
    expect(template.Outputs.EventBusArn.Value).toEqual({ 'Fn::GetAtt': ['EventBus', 'Arn'] });
  });

  it.each([
    ['listBaskets', onTable('dynamodb:Scan')],
    ['getBasket', onTable('dynamodb:GetItem')],
    ['saveBasket', onTable('dynamodb:PutItem')],
    ['deleteBasket', onTable('dynamodb:DeleteItem')],
    [
      'checkoutBasket',
      [
        ...onTable('dynamodb:DeleteItem', 'dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem'),
        // Only checkout publishes, and only to this service's own bus.
        { action: 'events:PutEvents', resource: BUS },
      ],
    ],
  ])('gives %s a role of its own with exactly these permissions besides its logs', (name, allowed) => {
    expect(permissionsOf(name)).toEqual(sortPermissions(allowed));
  });

  it('has no wildcard action or resource in any role, but for the functions’ own log groups', () => {
    expect(wildcards()).toEqual([]);
  });

  it('puts every route but its OpenAPI document behind the JWT authorizer of the configured issuer', () => {
    const routes = ofType('AWS::ApiGatewayV2::Route').map(([, r]) => r.Properties);
    const [authorizer] = ofType('AWS::ApiGatewayV2::Authorizer').map(([, a]) => a.Properties);
    const signedIn = routes.filter((route) => route.RouteKey !== 'GET /openapi.json');

    expect(signedIn).toHaveLength(5);
    expect(signedIn.every((route) => route.AuthorizationType === 'JWT')).toBe(true);
    const documentRoute = routes.find((route) => route.RouteKey === 'GET /openapi.json');
    expect(documentRoute).toBeDefined();
    expect(documentRoute?.AuthorizationType ?? 'NONE').toBe('NONE');
    expect(authorizer?.JwtConfiguration).toEqual({
      Issuer: 'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_Example',
      Audience: ['example-app-client-id'],
    });
  });

  it('keys the table by user, on demand, with PITR, encryption and a TTL for checkout records', () => {
    const table = resources.BasketTable?.Properties;

    expect(table?.KeySchema).toEqual([
      { AttributeName: 'userName', KeyType: 'HASH' },
      { AttributeName: 'sk', KeyType: 'RANGE' },
    ]);
    expect(table?.BillingMode).toBe('PAY_PER_REQUEST');
    expect(table?.PointInTimeRecoverySpecification).toEqual({ PointInTimeRecoveryEnabled: true });
    expect(table?.SSESpecification).toEqual({ SSEEnabled: true });
    expect(table?.TimeToLiveSpecification).toEqual({ AttributeName: 'expiresAt', Enabled: true });
  });

  it('runs six arm64 functions on a current Node.js runtime, with bus, catalog and issuer configured', () => {
    expect(functions).toHaveLength(6);
    for (const [, fn] of functions) {
      expect(fn.Properties.Runtime).toMatch(/^nodejs(2[2-9]|[3-9]\d)\.x$/);
      expect(fn.Properties.Architectures).toEqual(['arm64']);
      expect(fn.Properties.Environment.Variables).toMatchObject({
        EVENT_BUS_NAME: 'eshop-basket-test',
        BASKET_TABLE_NAME: 'eshop-basket-test-baskets',
        JWT_ISSUER: 'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_Example',
        JWT_AUDIENCE: 'example-app-client-id',
        CORS_ALLOWED_ORIGINS: 'https://shop.example.com,https://admin.example.com',
        // The param compose passes (product's HttpApiUrl output), never a loopback default.
        PRODUCT_API_URL: 'https://product-api.example.com',
      });
    }
  });

  it.each(['listBaskets', 'getBasket', 'saveBasket', 'deleteBasket'])(
    'bundles into %s only the clients it uses: DynamoDB, no EventBridge',
    (name) => {
      const packages = bundledPackagesOf(name);
      expect(packages).toContain('@aws-sdk/client-dynamodb');
      expect(packages).not.toContain('@aws-sdk/client-eventbridge');
    },
  );

  it('bundles the EventBridge client into checkout, the one function that publishes', () => {
    expect(bundledPackagesOf('checkoutBasket')).toContain('@aws-sdk/client-eventbridge');
  });
  it.each(['listBaskets', 'getBasket', 'saveBasket', 'deleteBasket', 'checkoutBasket'])(
    'loads %s from its package, with the environment its template gives it',
    async (name) => {
      expect(await runPackagedFunction(localCloud().packageDir('basket'), template, name)).toEqual({
        loaded: true,
      });
    },
  );
});
