import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';

// The CloudFormation `serverless package --stage test` produced (offline, fake credentials), with
// the params compose would pass (example Cognito issuer and client id).
const template = JSON.parse(
  readFileSync(join(inject('basketPackageDir'), 'cloudformation-template-update-stack.json'), 'utf8'),
);
const resources: Record<string, { Type: string; Properties: Record<string, any> }> = template.Resources;
const ofType = (type: string) => Object.entries(resources).filter(([, r]) => r.Type === type);
const functions = ofType('AWS::Lambda::Function');
const functionNamed = (name: string) => {
  const found = functions.find(([, fn]) => fn.Properties.FunctionName === `eshop-basket-test-${name}`);
  if (found === undefined) throw new Error(`no function ${name}`);
  return found[1];
};
const statementsOf = (fn: { Properties: Record<string, any> }): any[] =>
  resources[fn.Properties.Role['Fn::GetAtt'][0]]?.Properties.Policies.flatMap(
    (policy: any) => policy.PolicyDocument.Statement,
  ) ?? [];
const actionsOf = (fn: { Properties: Record<string, any> }, prefix: string) =>
  statementsOf(fn)
    .filter((s) => [s.Action].flat().some((a: string) => a.startsWith(prefix)))
    .map((s) => ({ actions: [s.Action].flat().sort(), resource: s.Resource }));

describe('basket CloudFormation', () => {
  it('owns an event bus and exports its name and ARN for compose', () => {
    expect(resources.EventBus).toEqual({
      Type: 'AWS::Events::EventBus',
      Properties: { Name: 'eshop-basket-test' },
    });
    expect(template.Outputs.EventBusName.Value).toEqual({ Ref: 'EventBus' });
    expect(template.Outputs.EventBusArn.Value).toEqual({ 'Fn::GetAtt': ['EventBus', 'Arn'] });
  });

  it('lets only checkout publish, with events:PutEvents on its own bus alone', () => {
    for (const [, fn] of functions) {
      const publishing = actionsOf(fn, 'events:');
      if (fn.Properties.FunctionName.endsWith('-checkoutBasket')) {
        expect(publishing).toEqual([
          { actions: ['events:PutEvents'], resource: { 'Fn::GetAtt': ['EventBus', 'Arn'] } },
        ]);
      } else {
        expect(publishing).toEqual([]);
      }
    }
  });

  it.each([
    ['listBaskets', ['dynamodb:Scan']],
    ['getBasket', ['dynamodb:GetItem']],
    ['saveBasket', ['dynamodb:PutItem']],
    ['deleteBasket', ['dynamodb:DeleteItem']],
    [
      'checkoutBasket',
      ['dynamodb:DeleteItem', 'dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem'],
    ],
  ])('gives %s a role of its own with only %j on its table', (name, actions) => {
    expect(actionsOf(functionNamed(name), 'dynamodb:')).toEqual([
      { actions, resource: { 'Fn::GetAtt': ['BasketTable', 'Arn'] } },
    ]);
  });

  it('has no wildcard action or resource in any function role', () => {
    for (const [, fn] of functions) {
      for (const statement of statementsOf(fn)) {
        expect([statement.Action].flat().some((a: string) => a === '*' || a.endsWith(':*'))).toBe(false);
        expect([statement.Resource].flat()).not.toContain('*');
      }
    }
  });

  it('puts every route behind the JWT authorizer of the configured issuer', () => {
    const routes = ofType('AWS::ApiGatewayV2::Route').map(([, r]) => r.Properties);
    const [authorizer] = ofType('AWS::ApiGatewayV2::Authorizer').map(([, a]) => a.Properties);

    expect(routes).toHaveLength(5);
    expect(routes.every((route) => route.AuthorizationType === 'JWT')).toBe(true);
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

  it('runs five arm64 functions on a current Node.js runtime, with bus, catalog and issuer configured', () => {
    expect(functions).toHaveLength(5);
    for (const [, fn] of functions) {
      expect(fn.Properties.Runtime).toMatch(/^nodejs(2[2-9]|[3-9]\d)\.x$/);
      expect(fn.Properties.Architectures).toEqual(['arm64']);
      expect(fn.Properties.Environment.Variables).toMatchObject({
        EVENT_BUS_NAME: 'eshop-basket-test',
        BASKET_TABLE_NAME: 'eshop-basket-test-baskets',
        JWT_ISSUER: 'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_Example',
        JWT_AUDIENCE: 'example-app-client-id',
        CORS_ALLOWED_ORIGINS: 'https://shop.eshop.example',
      });
      expect(fn.Properties.Environment.Variables.PRODUCT_API_URL).toBeTruthy();
    }
  });
});
