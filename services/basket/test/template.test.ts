import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';

// The CloudFormation `serverless package --stage test` produced (offline, fake credentials).
const template = JSON.parse(
  readFileSync(join(inject('basketPackageDir'), 'cloudformation-template-update-stack.json'), 'utf8'),
);
const resources: Record<string, { Type: string; Properties: Record<string, any> }> = template.Resources;
const ofType = (type: string) => Object.entries(resources).filter(([, r]) => r.Type === type);
const statements = ofType('AWS::IAM::Role').flatMap(([, role]) =>
  role.Properties.Policies.flatMap((policy: any) => policy.PolicyDocument.Statement),
);

describe('basket CloudFormation', () => {
  it('owns an event bus and exports its name and ARN for compose', () => {
    expect(resources.EventBus).toEqual({
      Type: 'AWS::Events::EventBus',
      Properties: { Name: 'eshop-basket-test' },
    });
    expect(template.Outputs.EventBusName.Value).toEqual({ Ref: 'EventBus' });
    expect(template.Outputs.EventBusArn.Value).toEqual({ 'Fn::GetAtt': ['EventBus', 'Arn'] });
  });

  it('allows events:PutEvents only on its own bus', () => {
    const publishing = statements.filter((s: any) =>
      [s.Action].flat().some((a: string) => a.startsWith('events:')),
    );

    expect(publishing).toEqual([
      { Effect: 'Allow', Action: ['events:PutEvents'], Resource: [{ 'Fn::GetAtt': ['EventBus', 'Arn'] }] },
    ]);
  });

  it('scopes DynamoDB access to its table and uses no wildcards', () => {
    const dynamo = statements.filter((s: any) =>
      [s.Action].flat().some((a: string) => a.startsWith('dynamodb:')),
    );

    expect(dynamo).toHaveLength(1);
    expect(dynamo[0].Resource).toEqual([{ 'Fn::GetAtt': ['BasketTable', 'Arn'] }]);
    for (const statement of statements) {
      expect([statement.Action].flat().some((a: string) => a === '*' || a.endsWith(':*'))).toBe(false);
      expect([statement.Resource].flat()).not.toContain('*');
    }
  });

  it('keys the table by user, on demand, with PITR and a TTL for checkout records', () => {
    const table = resources.BasketTable?.Properties;

    expect(table?.KeySchema).toEqual([
      { AttributeName: 'userName', KeyType: 'HASH' },
      { AttributeName: 'sk', KeyType: 'RANGE' },
    ]);
    expect(table?.BillingMode).toBe('PAY_PER_REQUEST');
    expect(table?.PointInTimeRecoverySpecification).toEqual({ PointInTimeRecoveryEnabled: true });
    expect(table?.TimeToLiveSpecification).toEqual({ AttributeName: 'expiresAt', Enabled: true });
  });

  it('runs five arm64 functions on a current Node.js runtime, with the bus and catalog configured', () => {
    const functions = ofType('AWS::Lambda::Function');

    expect(functions).toHaveLength(5);
    for (const [, fn] of functions) {
      expect(fn.Properties.Runtime).toMatch(/^nodejs(2[2-9]|[3-9]\d)\.x$/);
      expect(fn.Properties.Architectures).toEqual(['arm64']);
      expect(fn.Properties.Environment.Variables).toMatchObject({
        EVENT_BUS_NAME: 'eshop-basket-test',
        BASKET_TABLE_NAME: 'eshop-basket-test-baskets',
      });
      expect(fn.Properties.Environment.Variables.PRODUCT_API_URL).toBeTruthy();
    }
  });
});
