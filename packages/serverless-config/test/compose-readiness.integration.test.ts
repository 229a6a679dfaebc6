import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateTemplate } from '../src/validation/validate-template.js';
import {
  closedEndpoint,
  fakeDeployedOutputs,
  oslsCompose,
  readServicePackage,
  removeComposeState,
  startFakeAws,
} from './support/compose.js';

// A stage of its own per run: compose keeps its state per stage in the repository root's .serverless/.
const stage = `compose${Date.now().toString(36)}`;
const CORS_ALLOWED_ORIGINS = 'https://shop.example.com, https://admin.example.com';
// What compose would have read from the deployed product and basket stacks (`osls-compose info`).
const product = {
  HttpApiUrl: 'https://abc123.execute-api.us-east-1.amazonaws.com',
  UserPoolIssuerUrl: 'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_FromState',
  UserPoolClientId: 'client-id-from-state',
};
const basket = { EventBusName: `eshop-basket-${stage}-from-state` };

type Packaged = Awaited<ReturnType<typeof readServicePackage>>;
const packaged: Record<string, Packaged> = {};
let packageRun: { code: number; output: string };

describe('osls-compose package from the repository root, for a deployed stage', () => {
  beforeAll(async () => {
    await fakeDeployedOutputs(stage, { product, basket });
    // No AWS call is allowed while packaging: any would fail against a closed port.
    packageRun = await oslsCompose(['package', '--stage', stage], await closedEndpoint(), {
      CORS_ALLOWED_ORIGINS,
      ESBUILD_WORK_FOLDER: `.esbuild/${stage}`,
    });
    if (packageRun.code === 0) {
      for (const service of ['product', 'basket', 'ordering'])
        packaged[service] = await readServicePackage(service);
    }
  }, 600_000);
  afterAll(() => removeComposeState(stage));

  it('packages all three services with the root’s osls CLI', () => {
    expect(packageRun.output).not.toContain('Could not find the osls CLI installation');
    expect(packageRun.code, packageRun.output).toBe(0);
  });

  it('hands basket product’s API URL and Cognito user pool, from product’s outputs', () => {
    const { template } = packaged.basket as Packaged;
    for (const [, resource] of Object.entries(template.Resources).filter(
      ([, r]) => r.Type === 'AWS::Lambda::Function',
    )) {
      expect(resource.Properties.Environment.Variables).toMatchObject({
        PRODUCT_API_URL: product.HttpApiUrl,
        JWT_ISSUER: product.UserPoolIssuerUrl,
        JWT_AUDIENCE: product.UserPoolClientId,
      });
    }
    expect(template.Resources.HttpApiAuthorizerJwt?.Properties.JwtConfiguration).toEqual({
      Issuer: product.UserPoolIssuerUrl,
      Audience: [product.UserPoolClientId],
    });
  });

  it('hands ordering basket’s bus, from basket’s outputs, and product’s user pool', () => {
    const { template } = packaged.ordering as Packaged;
    expect(template.Resources.CheckoutBasketRule?.Properties.EventBusName).toBe(basket.EventBusName);
    expect(template.Resources.HttpApiAuthorizerJwt?.Properties.JwtConfiguration).toEqual({
      Issuer: product.UserPoolIssuerUrl,
      Audience: [product.UserPoolClientId],
    });
  });

  it.each(['product', 'basket', 'ordering'])(
    'gives %s’s HTTP API one CORS origin per listed origin',
    (service) => {
      const { template } = packaged[service] as Packaged;
      expect(template.Resources.HttpApi?.Properties.CorsConfiguration.AllowOrigins).toEqual([
        'https://shop.example.com',
        'https://admin.example.com',
      ]);
    },
  );

  it.each(['product', 'basket', 'ordering'])(
    'makes a valid CloudFormation template of %s',
    async (service) => {
      expect(await validateTemplate((packaged[service] as Packaged).template)).toEqual([]);
    },
  );

  it.each(['product', 'basket', 'ordering'])(
    'operates %s: tags, throttling, JSON access logs, 5xx alarm and alarm topic, no default role',
    (service) => {
      const { template, state } = packaged[service] as Packaged;
      const resources = template.Resources;

      expect(state.service.provider.stackTags).toEqual({ service: `eshop-${service}`, stage });
      expect(resources.IamRoleLambdaExecution).toBeUndefined();
      expect(resources.HttpApiStage?.Properties.DefaultRouteSettings).toEqual({
        ThrottlingRateLimit: 50,
        ThrottlingBurstLimit: 100,
      });
      const accessLog = JSON.parse(resources.HttpApiStage?.Properties.AccessLogSettings.Format);
      expect(accessLog).toMatchObject({
        requestId: '$context.requestId',
        lambdaRequestId: '$context.integration.requestId',
        status: '$context.status',
      });
      expect(resources.HttpApi5xxAlarm?.Properties).toMatchObject({
        Namespace: 'AWS/ApiGateway',
        MetricName: '5xx',
        AlarmActions: [{ Ref: 'AlarmTopic' }],
      });
      expect(resources.AlarmTopic?.Type).toBe('AWS::SNS::Topic');
      // No alarmEmail param: the subscription's condition is false.
      expect(resources.AlarmEmailSubscription).toMatchObject({ Condition: 'HasAlarmEmail' });
      expect(template.Conditions?.HasAlarmEmail).toEqual({ 'Fn::Not': [{ 'Fn::Equals': ['', ''] }] });
    },
  );

  it('retains and protects every table and the user pool on a stage not declared throwaway', () => {
    const stateful = [
      [packaged.product, 'ProductTable'],
      [packaged.product, 'UserPool'],
      [packaged.basket, 'BasketTable'],
      [packaged.ordering, 'OrderTable'],
    ] as const;
    for (const [service, id] of stateful) {
      expect(service?.template.Resources[id]).toMatchObject({
        DeletionPolicy: 'Retain',
        UpdateReplacePolicy: 'Retain',
      });
    }
  });
});

describe('the template validator, given a copy of ordering’s template with one error seeded', () => {
  type Template = Packaged['template'];
  const seeds: [string, (template: Template) => void][] = [
    ['resource-type', (t) => Object.assign(t.Resources.CheckoutQueue ?? {}, { Type: 'AWS::SQS::Queu' })],
    [
      'property-name',
      (t) => Object.assign(t.Resources.CheckoutQueue?.Properties ?? {}, { VisibilityTimeOut: 70 }),
    ],
    [
      'property-type',
      (t) => Object.assign(t.Resources.CheckoutQueue?.Properties ?? {}, { VisibilityTimeout: 'seventy' }),
    ],
    ['required-property', (t) => delete t.Resources.ProcessCheckoutLambdaFunction?.Properties.Role],
    [
      'get-att',
      (t) =>
        Object.assign(t.Resources.CheckoutBasketRule?.Properties.Targets[0] ?? {}, {
          Arn: { 'Fn::GetAtt': ['CheckoutQueue', 'QueueArn'] },
        }),
    ],
    [
      'iam-action',
      (t) => {
        const statement =
          t.Resources.ProcessCheckoutIamRoleLambdaExecution?.Properties.Policies[0].PolicyDocument.Statement.find(
            (s: { Action: string[] }) => s.Action.includes('dynamodb:PutItem'),
          );
        statement.Action = ['dynamodb:PutItems'];
      },
    ],
    [
      'reference',
      (t) =>
        Object.assign(t.Resources.CheckoutQueuePolicy?.Properties ?? {}, {
          Queues: [{ Ref: 'CheckoutQueu' }],
        }),
    ],
  ];

  it.each(seeds)('reports exactly the seeded %s error', async (kind, seed) => {
    const copy = structuredClone((packaged.ordering as Packaged).template);
    seed(copy);
    expect(await validateTemplate(copy)).toEqual([expect.objectContaining({ kind })]);
  });
});

describe('osls-compose deploy from the repository root, with fake credentials', () => {
  let deployRun: { code: number; output: string };
  let fakeAws: Awaited<ReturnType<typeof startFakeAws>>;

  beforeAll(async () => {
    fakeAws = await startFakeAws();
    deployRun = await oslsCompose(['deploy', '--stage', stage], fakeAws.url, {
      CORS_ALLOWED_ORIGINS,
      ESBUILD_WORK_FOLDER: `.esbuild/${stage}-deploy`,
    });
  }, 600_000);
  afterAll(async () => {
    await fakeAws.stop();
    await removeComposeState(stage);
  });

  it('packages product and goes as far as CloudFormation’s change set, failing only where AWS answers', () => {
    expect(deployRun.code).toBe(1);
    expect(deployRun.output).toContain('this is where AWS would validate the template');
    expect(fakeAws.calls.map((call) => call.action)).toEqual([
      'GetCallerIdentity',
      'DescribeStacks',
      'CreateChangeSet',
    ]);
    // basket and ordering wait for product's outputs, so a failed product deploys nothing else.
    expect(deployRun.output).toMatch(/basket › skipped/);
  });

  it('creates the stack under its service-stage name, tagged with service and stage', () => {
    const changeSet = fakeAws.calls.find((call) => call.action === 'CreateChangeSet')?.params;
    expect(changeSet?.get('StackName')).toBe(`eshop-product-${stage}`);
    const tags = Object.fromEntries(
      [1, 2, 3, 4].flatMap((i) => {
        const key = changeSet?.get(`Tags.member.${i}.Key`);
        return key ? [[key, changeSet?.get(`Tags.member.${i}.Value`)]] : [];
      }),
    );
    expect(tags).toMatchObject({ service: 'eshop-product', stage });
  });
});
