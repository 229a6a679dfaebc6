/** An OpenAPI header object (the `schema` form). */
export interface HeaderObject {
  description: string;
  required?: boolean;
  schema: Record<string, unknown>;
}

/** An OpenAPI parameter object of a request header. */
export interface HeaderParameter extends HeaderObject {
  name: string;
  in: 'header';
}

/** Every response echoes the request's correlation id (the client's, when it sent a safe one). */
export const correlationIdHeader: Record<string, HeaderObject> = {
  'x-correlation-id': {
    required: true,
    description: 'The correlation id of the request, on every log line it produced',
    schema: { type: 'string', pattern: '^[\\w.:-]{1,128}$' },
  },
};

/** Request headers every endpoint reads. */
export const correlationIdParameter: HeaderParameter = {
  name: 'x-correlation-id',
  in: 'header',
  description:
    'Your id for this request (1-128 letters, digits, `.`, `:`, `-`, `_`); echoed and logged. Otherwise one is made.',
  schema: { type: 'string' },
};

/** Request and response headers of endpoints that read a body (RFC 7240). */
export const preferParameter: HeaderParameter = {
  name: 'prefer',
  in: 'header',
  description:
    'Unknown body fields are ignored (and never stored) by default. `handling=strict` rejects them with a 422 instead, naming each; the answer then says `Preference-Applied: handling=strict`.',
  schema: { type: 'string', examples: ['handling=strict'] },
};

export const preferenceAppliedHeader: Record<string, HeaderObject> = {
  'preference-applied': {
    description: 'The `handling` preference applied, when the request stated one',
    schema: { type: 'string', enum: ['handling=strict', 'handling=lenient'] },
  },
};
