import type { PropertyType, ResourceProperties } from '@aws-cdk/service-spec-types';
import type { CloudFormationSpec } from './cloudformation-spec.js';
import { acceptedTypes } from './cloudformation-spec.js';
import { isIntrinsic, isPlainObject } from './intrinsics.js';
import type { TemplateProblem } from './problems.js';

/** What a JavaScript value looks like, for messages. */
const shapeOf = (value: unknown): string =>
  Array.isArray(value)
    ? 'an array'
    : value === null
      ? 'null'
      : isPlainObject(value)
        ? 'an object'
        : `a ${typeof value}`;

const describe = (type: PropertyType): string => {
  switch (type.type) {
    case 'array':
      return `an array of ${describe(type.element)}`;
    case 'map':
      return `a map of ${describe(type.element)}`;
    case 'ref':
      return 'an object';
    case 'union':
      return type.types.map(describe).join(' or ');
    default:
      return type.type;
  }
};

/** Whether `value` is of the primitive `type`, the way CloudFormation coerces scalars. */
const isPrimitive = (type: PropertyType['type'], value: unknown): boolean => {
  switch (type) {
    case 'string':
    case 'date-time':
      // CloudFormation turns numbers and booleans given for a string into their text.
      return ['string', 'number', 'boolean'].includes(typeof value);
    case 'number':
      return (
        typeof value === 'number' ||
        (typeof value === 'string' && value.trim() !== '' && !Number.isNaN(Number(value)))
      );
    case 'integer':
      return Number.isInteger(typeof value === 'string' ? Number(value) : value);
    case 'boolean':
      return typeof value === 'boolean' || value === 'true' || value === 'false';
    case 'json':
      return value !== undefined;
    case 'null':
      return value === null;
    default:
      return false;
  }
};

/**
 * Checks a value against the types a property accepts: scalars by kind, arrays and maps element by
 * element, property types (`ref`) by their property names, required properties and value types.
 * Intrinsic functions stand for a value of any type (their references are checked elsewhere).
 */
export const checkValue = (
  spec: CloudFormationSpec,
  value: unknown,
  types: PropertyType[],
  at: string,
): TemplateProblem[] => {
  if (isIntrinsic(value)) return [];
  const candidates = types.flatMap((type) => (type.type === 'union' ? type.types : [type]));
  let best: TemplateProblem[] | undefined;
  for (const type of candidates) {
    const problems = checkAgainst(spec, value, type, at);
    if (problems === undefined) continue;
    if (problems.length === 0) return [];
    if (best === undefined || problems.length < best.length) best = problems;
  }
  return (
    best ?? [
      {
        kind: 'property-type',
        at,
        message: `expected ${candidates.map(describe).join(' or ')}, got ${shapeOf(value)}`,
      },
    ]
  );
};

/** Problems of `value` as a `type`, or undefined when the value is not even of that shape. */
const checkAgainst = (
  spec: CloudFormationSpec,
  value: unknown,
  type: PropertyType,
  at: string,
): TemplateProblem[] | undefined => {
  switch (type.type) {
    case 'array':
      if (!Array.isArray(value)) return undefined;
      return value.flatMap((element, i) => checkValue(spec, element, [type.element], `${at}[${i}]`));
    case 'map':
      if (!isPlainObject(value)) return undefined;
      return Object.entries(value).flatMap(([key, element]) =>
        checkValue(spec, element, [type.element], `${at}.${key}`),
      );
    case 'ref':
      if (!isPlainObject(value)) return undefined;
      return checkProperties(spec, value, spec.definition(type.reference.$ref).properties, at);
    case 'tag':
      if (!isPlainObject(value)) return undefined;
      return checkProperties(
        spec,
        value,
        {
          Key: { type: { type: 'string' }, required: true },
          Value: { type: { type: 'string' }, required: true },
        },
        at,
      );
    case 'union':
      return checkValue(spec, value, type.types, at);
    default:
      return isPrimitive(type.type, value) ? [] : undefined;
  }
};

/** Checks an object's property names, required properties and each property's value. */
export const checkProperties = (
  spec: CloudFormationSpec,
  value: Record<string, unknown>,
  properties: ResourceProperties,
  at: string,
): TemplateProblem[] => {
  const problems: TemplateProblem[] = [];
  for (const [name, property] of Object.entries(properties)) {
    if (property.required && !(name in value)) {
      problems.push({ kind: 'required-property', at, message: `missing required property ${name}` });
    }
  }
  for (const [name, propertyValue] of Object.entries(value)) {
    const property = properties[name];
    if (property === undefined) {
      problems.push({ kind: 'property-name', at: `${at}.${name}`, message: `no property named ${name}` });
      continue;
    }
    problems.push(...checkValue(spec, propertyValue, acceptedTypes(property), `${at}.${name}`));
  }
  return problems;
};
