/**
 * Identity of the local cloud. The SDK needs some credentials and a region; without them it
 * probes the instance metadata address, which is never what we want locally.
 */
export const LOCAL_REGION = 'us-east-1';
export const LOCAL_ACCOUNT_ID = '000000000000';
export const LOCAL_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' } as const;

/** Environment that points every AWS SDK client in a process at the local emulators. */
export const localAwsEnvironment = (endpoints: {
  dynamodb?: string;
  sqs?: string;
  eventbridge?: string;
}): Record<string, string> => ({
  AWS_REGION: LOCAL_REGION,
  AWS_DEFAULT_REGION: LOCAL_REGION,
  AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
  AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
  // Never read ~/.aws or the metadata service.
  AWS_EC2_METADATA_DISABLED: 'true',
  // Lambda runs Node 22+; the local Node 20 warning would repeat in every function's first log.
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  ...(endpoints.dynamodb === undefined ? {} : { AWS_ENDPOINT_URL_DYNAMODB: endpoints.dynamodb }),
  ...(endpoints.sqs === undefined ? {} : { AWS_ENDPOINT_URL_SQS: endpoints.sqs }),
  ...(endpoints.eventbridge === undefined ? {} : { AWS_ENDPOINT_URL_EVENTBRIDGE: endpoints.eventbridge }),
});
