import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Validator } from '@seriousme/openapi-schema-validator';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { discoverServices } from '../dev/local-cloud.js';

const servicesDir = fileURLToPath(new URL('../../../../services/', import.meta.url));

type Json = { [key: string]: unknown };

interface ResponseObject {
  headers?: Record<string, { required?: boolean; schema: Json }>;
  content?: Record<string, { schema: Json }>;
}

interface ApiDocument {
  paths: Record<
    string,
    Record<string, { operationId: string; tags: string[]; responses: Record<string, ResponseObject> }>
  >;
  components?: Json;
}

/** What a client saw: enough to check it against the API's document. */
export interface SeenResponse {
  method: string;
  url: string;
  status: number;
  headers: Headers;
  text: string;
}

/** A response the service's OpenAPI document does not describe. */
export class ContractViolation extends Error {
  override name = 'ContractViolation';
}

/**
 * Validates an OpenAPI document against the OpenAPI 3.1 specification's own JSON Schema (with
 * `@seriousme/openapi-schema-validator`, which follows the spec's published schemas).
 *
 * @example
 * const { valid, errors } = await validateApiDocument(document);
 */
export const validateApiDocument = async (document: unknown) => {
  const result = await new Validator().validate(document as Parameters<Validator['validate']>[0]);
  return { valid: result.valid, errors: result.errors };
};

/** The committed OpenAPI document of each service, by service folder name. */
export const committedApiDocuments = (): Record<string, ApiDocument> =>
  Object.fromEntries(
    discoverServices(servicesDir).map((name) => [
      name,
      JSON.parse(readFileSync(join(servicesDir, name, 'openapi.json'), 'utf8')) as ApiDocument,
    ]),
  );

const isRecord = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Points a document's local `$ref`s at the document registered under `base`. */
const anchoredRefs = (value: unknown, base: string): unknown => {
  if (Array.isArray(value)) return value.map((item) => anchoredRefs(item, base));
  if (!isRecord(value)) return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, inner]) => [
      key,
      key === '$ref' && typeof inner === 'string' && inner.startsWith('#')
        ? `${base}${inner}`
        : anchoredRefs(inner, base),
    ]),
  );
};

const templateMatcher = (template: string): RegExp =>
  new RegExp(`^${template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\\?\{\w+\\?\}/g, '[^/]+')}$`);

/**
 * Checks responses against the committed OpenAPI documents of all services (their paths do not
 * overlap, so the path alone says which service answered): the operation must exist, the status
 * be one it documents, every required header be present and every documented header valid, and
 * the body be of a documented media type and valid against its schema — or empty where none is.
 */
export const apiContract = (documents: Record<string, ApiDocument> = committedApiDocuments()) => {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats.default(ajv);
  // zod writes a startsWith check as this format beside the `pattern` that does the checking.
  ajv.addFormat('starts_with', true);
  const routes = Object.entries(documents).flatMap(([service, document]) => {
    const base = `openapi://${service}`;
    ajv.addSchema({ $id: base, components: document.components ?? {} });
    return Object.entries(document.paths).map(([template, operations]) => ({
      service,
      base,
      template,
      matcher: templateMatcher(template),
      operations,
    }));
  });
  const validators = new Map<string, ValidateFunction>();
  const validatorOf = (key: string, base: string, schema: Json): ValidateFunction => {
    let validate = validators.get(key);
    if (validate === undefined) {
      validate = ajv.compile(anchoredRefs(schema, base) as Json);
      validators.set(key, validate);
    }
    return validate;
  };

  return (seen: SeenResponse): void => {
    const { pathname } = new URL(seen.url);
    const method = seen.method.toLowerCase();
    const where = `${seen.method.toUpperCase()} ${pathname} → ${seen.status}`;
    // A literal path wins over a template (`/basket/checkout` over `/basket/{userName}`), as in API Gateway.
    const route = routes
      .filter((candidate) => candidate.matcher.test(pathname) && candidate.operations[method] !== undefined)
      .sort((a, b) => a.template.split('{').length - b.template.split('{').length)[0];
    const operation = route?.operations[method];
    if (route === undefined || operation === undefined) {
      throw new ContractViolation(`${where}: no service's OpenAPI document describes this operation`);
    }
    const response = operation.responses[String(seen.status)];
    if (response === undefined) {
      throw new ContractViolation(`${where}: status ${seen.status} is not documented for this operation`);
    }
    const key = `${route.service} ${method} ${route.template} ${seen.status}`;
    for (const [name, header] of Object.entries(response.headers ?? {})) {
      const value = seen.headers.get(name);
      if (value === null) {
        if (header.required) throw new ContractViolation(`${where}: required header ${name} is missing`);
        continue;
      }
      const validate = validatorOf(`${key} header ${name}`, route.base, header.schema);
      if (!validate(value)) {
        throw new ContractViolation(
          `${where}: header ${name}: ${JSON.stringify(value)} ${ajv.errorsText(validate.errors)}`,
        );
      }
    }
    const mediaType = seen.headers.get('content-type')?.split(';')[0]?.trim();
    if (response.content === undefined) {
      if (seen.text !== '') throw new ContractViolation(`${where}: documented without a body, but has one`);
      return;
    }
    const content = mediaType === undefined ? undefined : response.content[mediaType];
    if (content === undefined) {
      throw new ContractViolation(
        `${where}: content type ${mediaType ?? '(none)'} is not one of ${Object.keys(response.content).join(', ')}`,
      );
    }
    let body: unknown;
    try {
      body = JSON.parse(seen.text);
    } catch {
      throw new ContractViolation(`${where}: the body is not JSON: ${seen.text.slice(0, 200)}`);
    }
    const validate = validatorOf(`${key} ${mediaType}`, route.base, content.schema);
    if (!validate(body)) {
      throw new ContractViolation(
        `${where}: body ${ajv.errorsText(validate.errors)}: ${seen.text.slice(0, 500)}`,
      );
    }
  };
};

let sharedContract: ReturnType<typeof apiContract> | undefined;

/**
 * Checks one response against the services' committed OpenAPI documents, loaded once per test
 * process; throws `ContractViolation` when the documents do not describe it.
 *
 * @example
 * checkAgainstApiContract({ method: 'GET', url, status: response.status, headers: response.headers, text });
 */
export const checkAgainstApiContract = (seen: SeenResponse): void => {
  sharedContract ??= apiContract();
  sharedContract(seen);
};
