import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';

// The CloudFormation `serverless package --stage test` produced (offline, fake credentials).
const packageDir = inject('productPackageDir');
const template = JSON.parse(
  readFileSync(join(packageDir, 'cloudformation-template-update-stack.json'), 'utf8'),
);
const resources: Record<string, { Type: string; Properties: Record<string, any> }> = template.Resources;
const ofType = (type: string) => Object.entries(resources).filter(([, r]) => r.Type === type);

describe('product CloudFormation', () => {
  const table = resources.ProductTable?.Properties;

  it('has an on-demand table with point-in-time recovery and encryption', () => {
    expect(table?.BillingMode).toBe('PAY_PER_REQUEST');
    expect(table?.PointInTimeRecoverySpecification).toEqual({ PointInTimeRecoveryEnabled: true });
    expect(table?.SSESpecification).toEqual({ SSEEnabled: true });
    expect(table?.TableName).toBe('eshop-product-test-products');
  });

  it('has a GSI for listing by category in name order', () => {
    expect(table?.GlobalSecondaryIndexes).toEqual([
      {
        IndexName: 'byCategory',
        KeySchema: [
          { AttributeName: 'category', KeyType: 'HASH' },
          { AttributeName: 'name', KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'ALL' },
      },
    ]);
  });

  it('runs every function on arm64 with a current Node.js runtime and the table name', () => {
    const functions = ofType('AWS::Lambda::Function');

    expect(functions).toHaveLength(5);
    for (const [, fn] of functions) {
      expect(fn.Properties.Runtime).toMatch(/^nodejs(2[2-9]|[3-9]\d)\.x$/);
      expect(fn.Properties.Architectures).toEqual(['arm64']);
      expect(fn.Properties.Environment.Variables.PRODUCT_TABLE_NAME).toBe('eshop-product-test-products');
    }
  });

  it('routes the five catalog endpoints', () => {
    const routes = ofType('AWS::ApiGatewayV2::Route').map(([, r]) => r.Properties.RouteKey);

    expect(routes.sort()).toEqual(
      [
        'DELETE /product/{id}',
        'GET /product',
        'GET /product/{id}',
        'POST /product',
        'PUT /product/{id}',
      ].sort(),
    );
  });

  it('grants DynamoDB access only to this table and its indexes, with no wildcard actions', () => {
    const statements = ofType('AWS::IAM::Role').flatMap(([, role]) =>
      role.Properties.Policies.flatMap((policy: any) => policy.PolicyDocument.Statement),
    );
    const dynamo = statements.filter((s: any) =>
      [s.Action].flat().some((a: string) => a.startsWith('dynamodb:')),
    );

    expect(dynamo).toHaveLength(1);
    expect([dynamo[0].Action].flat().sort()).toEqual(
      [
        'dynamodb:DeleteItem',
        'dynamodb:GetItem',
        'dynamodb:PutItem',
        'dynamodb:Query',
        'dynamodb:Scan',
        'dynamodb:UpdateItem',
      ].sort(),
    );
    expect(JSON.stringify(dynamo[0].Resource)).toContain('ProductTable');
    for (const statement of statements) {
      expect([statement.Action].flat()).not.toContain('*');
      expect([statement.Action].flat().some((a: string) => a.endsWith(':*'))).toBe(false);
      expect([statement.Resource].flat()).not.toContain('*');
    }
  });
});
