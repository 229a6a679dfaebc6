import { localCloud, readPackagedTemplate, sortPermissions } from '@eshop/local-cloud/testing';
import { runPackagedFunction } from '@eshop/serverless-config/testing';
import { itPackagesLeanBundles } from '@eshop/serverless-config/testing/template-checks';
import { validateTemplate } from '@eshop/serverless-config/validation';
import { describe, expect, it } from 'vitest';

// The CloudFormation `serverless package --stage test` produced (offline, fake credentials).
const { template, resources, ofType, functionNamed, permissionsOf, wildcards, bundledPackagesOf } =
  readPackagedTemplate(localCloud().packageDir('product'));
const functions = ofType('AWS::Lambda::Function');
const httpFunctions = functions.filter(([id]) => id !== 'CheckSignUpLambdaFunction');
// biome-ignore lint/suspicious/noTemplateCurlyInString: a CloudFormation Fn::Sub string, not a JS template
const COGNITO_ISSUER = { 'Fn::Sub': 'https://cognito-idp.${AWS::Region}.amazonaws.com/${UserPool}' };
const TABLE = { 'Fn::GetAtt': ['ProductTable', 'Arn'] };
const CATEGORY_INDEX = { 'Fn::Join': ['/', [TABLE, 'index', 'byCategory']] };

describe('product CloudFormation', () => {
  const table = resources.ProductTable?.Properties;

  itPackagesLeanBundles(localCloud().packageDir('product'), template);

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

  it('is valid CloudFormation: types, properties, required properties, attributes and IAM actions', async () => {
    expect(await validateTemplate(template)).toEqual([]);
  });

  it('runs every function on arm64 with a current Node.js runtime, its table and the token issuer', () => {
    expect(functions).toHaveLength(7);
    for (const [, fn] of functions) {
      expect(fn.Properties.Runtime).toMatch(/^nodejs(2[2-9]|[3-9]\d)\.x$/);
      expect(fn.Properties.Architectures).toEqual(['arm64']);
    }
    expect(httpFunctions).toHaveLength(6);
    for (const [, fn] of httpFunctions) {
      expect(fn.Properties.Environment.Variables).toMatchObject({
        PRODUCT_TABLE_NAME: 'eshop-product-test-products',
        JWT_ISSUER: COGNITO_ISSUER,
        JWT_AUDIENCE: { Ref: 'UserPoolClient' },
      });
    }
  });

  it('lets users choose a case-insensitive user name at sign-up and sign in with their e-mail too', () => {
    const pool = resources.UserPool?.Properties;

    expect(pool?.UsernameConfiguration).toEqual({ CaseSensitive: false });
    expect(pool?.AliasAttributes).toEqual(['email']);
    // With UsernameAttributes, cognito:username would be an opaque UUID no client could put in a path.
    expect(pool?.UsernameAttributes).toBeUndefined();
  });

  it('refuses at sign-up any user name the API would refuse, through a PreSignUp trigger only Cognito may call', () => {
    const trigger = functionNamed('checkSignUp');

    expect(resources.UserPool?.Properties.LambdaConfig).toEqual({
      PreSignUp: { 'Fn::GetAtt': ['CheckSignUpLambdaFunction', 'Arn'] },
    });
    expect(resources.CheckSignUpCognitoPermission?.Properties).toEqual({
      Action: 'lambda:InvokeFunction',
      FunctionName: { 'Fn::GetAtt': ['CheckSignUpLambdaFunction', 'Arn'] },
      Principal: 'cognito-idp.amazonaws.com',
      SourceArn: { 'Fn::GetAtt': ['UserPool', 'Arn'] },
    });
    // The pool depends on the trigger: the trigger must not depend on the pool (a cycle).
    expect(JSON.stringify(trigger)).not.toMatch(/UserPool/);
    expect(bundledPackagesOf('checkSignUp')).toEqual(new Set(['zod']));
  });

  it('retains the catalog and the users when the stack is removed or they are replaced, and protects them', () => {
    for (const id of ['ProductTable', 'UserPool']) {
      expect(resources[id]).toMatchObject({ DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
    }
    expect(table?.DeletionProtectionEnabled).toBe(true);
    expect(resources.UserPool?.Properties.DeletionProtection).toBe('ACTIVE');
  });

  it('routes reads publicly and catalog writes through the Cognito JWT authorizer', () => {
    const routes = Object.fromEntries(
      ofType('AWS::ApiGatewayV2::Route').map(([, r]) => [
        r.Properties.RouteKey,
        r.Properties.AuthorizationType,
      ]),
    );
    const authorizer = ofType('AWS::ApiGatewayV2::Authorizer').map(([, a]) => a.Properties);

    expect(routes).toEqual({
      'GET /product': undefined,
      'GET /product/{id}': undefined,
      'POST /product': 'JWT',
      'PUT /product/{id}': 'JWT',
      'DELETE /product/{id}': 'JWT',
    });
    expect(authorizer).toEqual([
      expect.objectContaining({
        AuthorizerType: 'JWT',
        IdentitySource: ['$request.header.Authorization'],
        JwtConfiguration: {
          Audience: [{ Ref: 'UserPoolClient' }],
          Issuer: COGNITO_ISSUER,
        },
      }),
    ]);
  });

  it('defines the user pool, its app client and the admin group, and exports what compose passes on', () => {
    expect(resources.UserPool?.Type).toBe('AWS::Cognito::UserPool');
    expect(resources.UserPoolClient?.Properties.GenerateSecret).toBe(false);
    expect(resources.AdminGroup?.Properties.GroupName).toBe('admin');
    expect(Object.keys(template.Outputs)).toEqual(
      expect.arrayContaining(['UserPoolIssuerUrl', 'UserPoolClientId', 'HttpApiUrl']),
    );
  });

  it.each([
    [
      'listProducts',
      [
        { action: 'dynamodb:BatchGetItem', resource: TABLE },
        { action: 'dynamodb:Query', resource: TABLE },
        { action: 'dynamodb:Query', resource: CATEGORY_INDEX },
        { action: 'dynamodb:Scan', resource: TABLE },
        { action: 'dynamodb:Scan', resource: CATEGORY_INDEX },
      ],
    ],
    ['getProduct', [{ action: 'dynamodb:GetItem', resource: TABLE }]],
    ['createProduct', [{ action: 'dynamodb:PutItem', resource: TABLE }]],
    ['updateProduct', [{ action: 'dynamodb:UpdateItem', resource: TABLE }]],
    ['deleteProduct', [{ action: 'dynamodb:DeleteItem', resource: TABLE }]],
    ['checkSignUp', []],
  ])('gives %s a role of its own with exactly these permissions besides its logs', (name, allowed) => {
    expect(permissionsOf(name)).toEqual(sortPermissions(allowed));
  });

  it('has no wildcard action or resource in any role, but for the functions’ own log groups', () => {
    expect(wildcards()).toEqual([]);
  });

  it('allows browsers from each of the configured origins (a comma-separated param), never *', () => {
    expect(resources.HttpApi?.Properties.CorsConfiguration.AllowOrigins).toEqual([
      'https://shop.example.com',
      'https://admin.example.com',
    ]);
    for (const [, fn] of httpFunctions) {
      expect(fn.Properties.Environment.Variables.CORS_ALLOWED_ORIGINS).toBe(
        'https://shop.example.com,https://admin.example.com',
      );
    }
  });

  it.each([
    ['listProducts', false],
    ['getProduct', false],
    ['createProduct', true],
    ['updateProduct', true],
    ['deleteProduct', true],
  ])('bundles token verification into %s only if its route needs a token (%s)', (name, signedIn) => {
    expect(bundledPackagesOf(name).has('jose')).toBe(signedIn);
  });
  it.each(['listProducts', 'createProduct', 'getProduct', 'updateProduct', 'deleteProduct'])(
    'bundles into %s only the links of the credential chain a Lambda function uses',
    (name) => {
      const packages = bundledPackagesOf(name);
      expect(packages).toContain('@aws-sdk/credential-provider-env');
      for (const unused of [
        'credential-provider-node',
        'credential-provider-sso',
        'credential-provider-ini',
        'nested-clients',
      ]) {
        expect(packages).not.toContain(`@aws-sdk/${unused}`);
      }
    },
  );
  it.each(['listProducts', 'createProduct', 'getProduct', 'updateProduct', 'deleteProduct', 'checkSignUp'])(
    'loads %s from its package, with the environment its template gives it',
    async (name) => {
      expect(await runPackagedFunction(localCloud().packageDir('product'), template, name)).toEqual({
        loaded: true,
      });
    },
  );
});
