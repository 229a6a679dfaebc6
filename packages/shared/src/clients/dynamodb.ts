import { createDocumentClient } from '../aws/dynamodb.js';

/**
 * The DynamoDB document client of a function, created once per container at init (module scope),
 * never per request: the SDK keeps its connections alive. Import it only in a function's entry file
 * that uses DynamoDB. The endpoint comes from `AWS_ENDPOINT_URL_DYNAMODB` locally.
 */
export const documentClient = createDocumentClient();
