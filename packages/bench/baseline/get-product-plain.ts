// getProduct written "the plain way", as a comparison point for the cold-start benchmark:
// bundled by esbuild as CommonJS, not minified, AWS SDK v3 bundled in, no middleware, no schema
// library, no logger. Same work as product's getProduct: read the id, GetItem, 200 or 404.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2 } from 'aws-lambda';

// One client per module, created at init like any reasonable Lambda.
const documentClient = DynamoDBDocumentClient.from(new DynamoDBClient({}));
const tableName = process.env.PRODUCT_TABLE_NAME;

const json = (statusCode: number, body: unknown): APIGatewayProxyResultV2 => ({
  statusCode,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});

export const handler = async (event: APIGatewayProxyEventV2): Promise<APIGatewayProxyResultV2> => {
  const id = event.pathParameters?.id;
  if (!id) return json(400, { message: 'id is required' });
  const { Item } = await documentClient.send(new GetCommand({ TableName: tableName, Key: { id } }));
  return Item === undefined ? json(404, { message: 'Product not found' }) : json(200, Item);
};
