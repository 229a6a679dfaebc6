/** A CloudFormation resource as a template declares it. */
export interface TemplateResource {
  Type: string;
  Properties?: Record<string, unknown>;
  DependsOn?: string | string[];
  Condition?: string;
  DeletionPolicy?: string;
  UpdateReplacePolicy?: string;
  [attribute: string]: unknown;
}

/** The parts of a CloudFormation template the validator reads. */
export interface CloudFormationTemplate {
  Resources?: Record<string, TemplateResource>;
  Parameters?: Record<string, unknown>;
  Conditions?: Record<string, unknown>;
  Outputs?: Record<string, unknown>;
  [section: string]: unknown;
}
