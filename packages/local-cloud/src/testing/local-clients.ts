import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../local-aws.js';

/**
 * A DynamoDB document client on a local endpoint, marshalling as the services' own client does,
 * for tests that build adapters themselves or read tables directly.
 *
 * @example
 * const documentClient = localDocumentClient(inject('localCloud').endpoints.dynamodb);
 */
export const localDocumentClient = (endpoint: string): DynamoDBDocumentClient =>
  DynamoDBDocumentClient.from(
    new DynamoDBClient({ endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS }),
    { marshallOptions: { removeUndefinedValues: true } },
  );
