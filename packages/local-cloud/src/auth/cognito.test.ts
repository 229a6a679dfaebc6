import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readDeployedStage } from './cognito.js';

// A stand-in for CloudFormation's DescribeStacks (query protocol), with the outputs compose's
// stacks have, on a local port: readDeployedStage must find each API and the user pool in them.
const outputs: Record<string, Record<string, string>> = {
  'eshop-product-qa': {
    HttpApiUrl: 'https://product.execute-api.eu-west-1.amazonaws.com',
    UserPoolIssuerUrl: 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbCdEf123',
    UserPoolClientId: 'client123',
  },
  'eshop-basket-qa': { HttpApiUrl: 'https://basket.execute-api.eu-west-1.amazonaws.com' },
  'eshop-ordering-qa': { HttpApiUrl: 'https://ordering.execute-api.eu-west-1.amazonaws.com' },
};
const describeStacks = (name: string) =>
  `<DescribeStacksResponse xmlns="http://cloudformation.amazonaws.com/doc/2010-05-15/"><DescribeStacksResult><Stacks><member>` +
  `<StackName>${name}</StackName><StackStatus>UPDATE_COMPLETE</StackStatus><CreationTime>2026-01-01T00:00:00Z</CreationTime><Outputs>` +
  Object.entries(outputs[name] ?? {})
    .map(
      ([key, value]) => `<member><OutputKey>${key}</OutputKey><OutputValue>${value}</OutputValue></member>`,
    )
    .join('') +
  '</Outputs></member></Stacks></DescribeStacksResult><ResponseMetadata><RequestId>test</RequestId></ResponseMetadata></DescribeStacksResponse>';

const asked: string[] = [];
const server = createServer((request, response) => {
  let body = '';
  request.on('data', (chunk) => {
    body += chunk;
  });
  request.on('end', () => {
    const name = new URLSearchParams(body).get('StackName') ?? '';
    asked.push(name);
    response.setHeader('content-type', 'text/xml');
    if (outputs[name] === undefined) {
      response.statusCode = 400;
      response.end(
        `<ErrorResponse><Error><Type>Sender</Type><Code>ValidationError</Code><Message>Stack with id ${name} does not exist</Message></Error></ErrorResponse>`,
      );
      return;
    }
    response.end(describeStacks(name));
  });
});
const saved = { ...process.env };

describe('readDeployedStage', () => {
  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    Object.assign(process.env, {
      AWS_ENDPOINT_URL_CLOUDFORMATION: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
      AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE',
      AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
    });
  });
  afterAll(async () => {
    process.env = saved;
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('reads the APIs and the user pool from the stage’s three stacks', async () => {
    await expect(readDeployedStage('qa', 'eu-west-1')).resolves.toEqual({
      stage: 'qa',
      region: 'eu-west-1',
      apis: {
        product: 'https://product.execute-api.eu-west-1.amazonaws.com',
        basket: 'https://basket.execute-api.eu-west-1.amazonaws.com',
        ordering: 'https://ordering.execute-api.eu-west-1.amazonaws.com',
      },
      userPoolId: 'eu-west-1_AbCdEf123',
      clientId: 'client123',
    });
    expect(asked.sort()).toEqual(['eshop-basket-qa', 'eshop-ordering-qa', 'eshop-product-qa']);
  });

  it('says which stage is missing when its stacks are not deployed', async () => {
    await expect(readDeployedStage('nope', 'eu-west-1')).rejects.toThrow(/eshop-\w+-nope does not exist/);
  });
});
