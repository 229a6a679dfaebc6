import { randomUUID } from 'node:crypto';
import { createLogger } from '@eshop/shared';
import { verifyTestToken } from '@eshop/shared/testing';

/** The product handlers' dependencies on `table`: a logger, test tokens, the real clock and ids. */
export const productHandlerDependencies = <Table extends object>(loggerName: string, table: Table) => ({
  logger: createLogger(loggerName),
  verifyToken: verifyTestToken,
  now: () => new Date(),
  newId: () => randomUUID(),
  ...table,
});
