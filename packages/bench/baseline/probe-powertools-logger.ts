// Cost of the Powertools logger alone, created at init as the composition roots do.
import { Logger } from '@aws-lambda-powertools/logger';

const logger = new Logger({ serviceName: 'probe' });

export const handler = async () => logger.info('probe');
