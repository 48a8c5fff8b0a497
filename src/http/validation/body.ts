import Ajv2020 from 'ajv/dist/2020';
import type { ErrorObject } from 'ajv';
import addFormats from 'ajv-formats';
import { invalidBody } from '../http-errors';
import type { JsonSchema } from '../spec/schemas';

const ajv = new Ajv2020({ allErrors: false, strict: true });
addFormats(ajv);

function describe(error: ErrorObject): string {
  const at = error.instancePath === '' ? '' : ` at ${error.instancePath}`;
  if (error.keyword === 'enum') {
    const allowed = (error.params as { allowedValues: unknown[] }).allowedValues;
    return `field ${error.instancePath.slice(1) || '(root)'} must be one of ${allowed.join(', ')}`;
  }
  if (error.keyword === 'additionalProperties') {
    return `has an unknown property '${(error.params as { additionalProperty: string }).additionalProperty}'`;
  }
  return `${error.message ?? 'is invalid'}${at}`;
}

/**
 * Compiles a request schema into a check that throws LT_HTTP_INVALID_BODY naming the first problem.
 * Body values are never quoted back (they may be citizen data); only paths and rules are.
 */
export function bodyValidator<T>(schema: JsonSchema): (body: unknown) => T {
  const validate = ajv.compile(schema);
  return (body) => {
    if (body === undefined) throw invalidBody('is required (application/json)');
    if (!validate(body)) throw invalidBody(describe(validate.errors![0]));
    return body as T;
  };
}
