/** CloudFormation's intrinsic functions and condition functions, each an object with one key. */
const INTRINSIC_FUNCTIONS = new Set([
  'Ref',
  'Condition',
  'Fn::Base64',
  'Fn::Cidr',
  'Fn::FindInMap',
  'Fn::GetAtt',
  'Fn::GetAZs',
  'Fn::If',
  'Fn::ImportValue',
  'Fn::Join',
  'Fn::Length',
  'Fn::Select',
  'Fn::Split',
  'Fn::Sub',
  'Fn::ToJsonString',
  'Fn::And',
  'Fn::Equals',
  'Fn::Not',
  'Fn::Or',
]);

/** The values `Ref` resolves without a resource or parameter of that name. */
export const PSEUDO_PARAMETERS = new Set([
  'AWS::AccountId',
  'AWS::NotificationARNs',
  'AWS::NoValue',
  'AWS::Partition',
  'AWS::Region',
  'AWS::StackId',
  'AWS::StackName',
  'AWS::URLSuffix',
]);

export const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Whether `value` is an intrinsic function call: its result is known only at deploy time. */
export const isIntrinsic = (value: unknown): value is Record<string, unknown> => {
  if (!isPlainObject(value)) return false;
  const keys = Object.keys(value);
  return keys.length === 1 && INTRINSIC_FUNCTIONS.has(keys[0] ?? '');
};

/** The `${Name}` and `${Name.Attribute}` references of an `Fn::Sub` string (not `${!Literal}`). */
export const subReferences = (text: string): string[] =>
  [...text.matchAll(/\$\{([^!}][^}]*)\}/g)].map((match) => match[1]?.trim() ?? '');
