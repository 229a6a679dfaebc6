export interface AccountScope {
  readonly region: string;
  readonly accountId: string;
}

export const DEFAULT_BUS = 'default';

export function eventBusArn(scope: AccountScope, busName: string): string {
  return `arn:aws:events:${scope.region}:${scope.accountId}:event-bus/${busName}`;
}

/** Rules on the default bus have no bus segment in their ARN, as in AWS. */
export function ruleArn(scope: AccountScope, busName: string, ruleName: string): string {
  const resource = busName === DEFAULT_BUS ? `rule/${ruleName}` : `rule/${busName}/${ruleName}`;
  return `arn:aws:events:${scope.region}:${scope.accountId}:${resource}`;
}

/** EventBusName parameters accept a name or an ARN. */
export function busNameFrom(nameOrArn: string | undefined): string {
  if (!nameOrArn) return DEFAULT_BUS;
  const marker = ':event-bus/';
  const at = nameOrArn.startsWith('arn:') ? nameOrArn.indexOf(marker) : -1;
  return at === -1 ? nameOrArn : nameOrArn.slice(at + marker.length);
}

export interface SqsQueueArn {
  readonly region: string;
  readonly accountId: string;
  readonly queueName: string;
}

export function parseSqsQueueArn(arn: string): SqsQueueArn | undefined {
  const match = /^arn:aws[\w-]*:sqs:([\w-]+):(\d{12}):([\w.-]+)$/.exec(arn);
  if (!match) return undefined;
  const [, region = '', accountId = '', queueName = ''] = match;
  return { region, accountId, queueName };
}
