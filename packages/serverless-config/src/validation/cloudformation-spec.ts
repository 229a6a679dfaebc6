import { loadAwsServiceSpec } from '@aws-cdk/aws-service-spec';
import type {
  Property,
  PropertyType,
  Resource,
  SpecDatabase,
  TypeDefinition,
} from '@aws-cdk/service-spec-types';

/**
 * The CloudFormation resource specification, as the AWS CDK team publishes and maintains it
 * (`@aws-cdk/aws-service-spec`, built from CloudFormation's own registry schemas): each resource
 * type's properties with their value types, which are required, and its `Fn::GetAtt` attributes.
 */
export interface CloudFormationSpec {
  /** The resource type, or undefined when CloudFormation has no such type. */
  resource: (type: string) => Resource | undefined;
  /** A property type's definition (the `ref` of a property's type). */
  definition: (reference: string) => TypeDefinition;
}

let loading: Promise<SpecDatabase> | undefined;

/** Loads the specification once per process (about 2 s: a 2.6 MB gzipped database). */
export const loadCloudFormationSpec = async (): Promise<CloudFormationSpec> => {
  loading ??= loadAwsServiceSpec();
  const db = await loading;
  return {
    resource: (type) => db.lookup('resource', 'cloudFormationType', 'equals', type)[0],
    definition: (reference) => db.get('typeDefinition', reference),
  };
};

/** Every type a property accepts: its current type and those it had before (still accepted). */
export const acceptedTypes = (property: Pick<Property, 'type' | 'previousTypes'>): PropertyType[] => [
  property.type,
  ...(property.previousTypes ?? []),
];
