/** The kinds of mistake the template validator finds, one per check. */
export type ProblemKind =
  | 'resource-type'
  | 'resource-attribute'
  | 'property-name'
  | 'property-type'
  | 'required-property'
  | 'get-att'
  | 'reference'
  | 'iam-action';

/** One mistake in a template: what kind, where (a path like `Resources.Queue.Properties.X`), and why. */
export interface TemplateProblem {
  kind: ProblemKind;
  at: string;
  message: string;
}
