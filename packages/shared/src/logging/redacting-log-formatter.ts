import { LogFormatter, LogItem } from '@aws-lambda-powertools/logger';
import type { LogAttributes, UnformattedAttributes } from '@aws-lambda-powertools/logger/types';
import { errorFields, redact, redactText } from './redact.js';

/**
 * Powertools' standard JSON log shape, with secrets removed from the message and from every
 * attribute a caller adds: no card number, token or e-mail address reaches CloudWatch, whoever
 * logs what. Errors keep what Powertools' own `formatError` shows (name, location, message,
 * stack, cause, the error's own fields), redacted like everything else.
 */
export class RedactingLogFormatter extends LogFormatter {
  override formatAttributes(
    attributes: UnformattedAttributes,
    additionalLogAttributes: LogAttributes,
  ): LogItem {
    const base = {
      level: attributes.logLevel,
      message: redactText(attributes.message),
      timestamp: this.formatTimestamp(attributes.timestamp),
      service: attributes.serviceName,
      cold_start: attributes.lambdaContext?.coldStart,
      function_arn: attributes.lambdaContext?.invokedFunctionArn,
      function_memory_size: attributes.lambdaContext?.memoryLimitInMB,
      function_name: attributes.lambdaContext?.functionName,
      function_request_id: attributes.lambdaContext?.awsRequestId,
      sampling_rate: attributes.sampleRateValue,
      xray_trace_id: attributes.xRayTraceId,
    };
    // Not Powertools' formatError itself: it follows `cause` by recursion with no cycle check,
    // while redact follows it with one and with a depth limit.
    const redacted = redact(additionalLogAttributes, {
      describeError: (error) => {
        const fields = errorFields(error);
        return {
          name: error.name,
          location: this.getCodeLocation(fields.stack as string | undefined),
          ...fields,
        };
      },
    });
    return new LogItem({ attributes: base }).addAttributes(redacted as LogAttributes);
  }
}
