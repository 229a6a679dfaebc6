// Cost of the AWS SDK alone, built the way the services are (CommonJS, minified): the DynamoDB document
// client every service creates at init, and nothing else.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';

const documentClient = DynamoDBDocumentClient.from(new DynamoDBClient({}));

export const handler = async (id: string) =>
  documentClient.send(new GetCommand({ TableName: process.env.PRODUCT_TABLE_NAME, Key: { id } }));
