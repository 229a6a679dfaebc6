/**
 * What serverless-compose passes a service on deploy (see serverless-compose.yml), with example
 * values, so `serverless package --stage test` resolves the same template a deploy would.
 */
export const EXAMPLE_DEPLOY_PARAMS: Record<string, string> = {
  jwtIssuer: 'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_Example',
  jwtAudience: 'example-app-client-id',
};
