// Cost of Middy's core alone, wrapping a handler as every service does.
import middy from '@middy/core';

export const handler = middy().handler(async () => ({ statusCode: 200 }));
