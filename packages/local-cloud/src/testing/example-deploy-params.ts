/**
 * What serverless-compose passes a service on deploy (see serverless-compose.yml), with example
 * values, so `serverless package --stage test` resolves the same template a deploy would. Two CORS
 * origins, so tests see the comma-separated param become a list.
 */
export const EXAMPLE_DEPLOY_PARAMS: Record<string, string> = {
  jwtIssuer: 'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_Example',
  jwtAudience: 'example-app-client-id',
  productApiUrl: 'https://product-api.example.com',
  corsAllowedOrigins: 'https://shop.example.com,https://admin.example.com',
};
