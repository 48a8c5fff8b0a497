import Ajv from 'ajv';
import type { ValidateFunction } from 'ajv';

/**
 * JSON Schemas of the mapping files, one per `kind`. Strict: an unknown key is a typo until proven
 * otherwise, and a typo in a mapping silently drops a field on the wire.
 */
const codeTable = {
  type: 'object',
  additionalProperties: false,
  required: ['kind', 'name', 'entries'],
  properties: {
    kind: { const: 'code-table' },
    name: { type: 'string', pattern: '^[a-z][a-z0-9-]{1,63}$' },
    description: { type: 'string' },
    native: { type: 'string' },
    entries: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['native', 'canonical'],
        properties: {
          native: { type: 'string', minLength: 1 },
          canonical: { type: 'string', minLength: 1 },
          label: { type: 'string' },
          evidence: { type: 'string' },
          reverse: { type: 'boolean' },
        },
      },
    },
  },
};

const fieldMapping = {
  type: 'object',
  additionalProperties: false,
  required: ['kind', 'name', 'from', 'to', 'fields'],
  properties: {
    kind: { const: 'field-mapping' },
    name: { type: 'string', pattern: '^[a-z][a-z0-9-]{1,63}$' },
    description: { type: 'string' },
    from: { type: 'string' },
    to: { type: 'string' },
    fields: {
      type: 'object',
      minProperties: 1,
      propertyNames: { pattern: '^[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)*$' },
      additionalProperties: { type: 'string', minLength: 1 },
    },
  },
};

const agencyRegistry = {
  type: 'object',
  additionalProperties: false,
  required: ['kind', 'agencies'],
  properties: {
    kind: { const: 'agency-registry' },
    agencies: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['id', 'name', 'level', 'systems'],
        properties: {
          id: { type: 'string', pattern: '^[0-9A-Z.]{1,35}$' },
          name: { type: 'string', minLength: 1 },
          level: { enum: ['central', 'province', 'district', 'commune'] },
          parent: { type: 'string', pattern: '^[0-9A-Z.]{1,35}$' },
          igateId: { type: 'string', pattern: '^[0-9a-f]{24}$' },
          systems: {
            type: 'array',
            items: { enum: ['igate', 'dvcqg', 'vxp', 'idesk', 'vnpost', 'paygov', 'bidv'] },
          },
          validFrom: { type: 'string', format: 'date' },
          validTo: { type: 'string', format: 'date' },
          sample: { type: 'boolean' },
        },
      },
    },
  },
};

const procedureMap = {
  type: 'object',
  additionalProperties: false,
  required: ['kind', 'procedures'],
  properties: {
    kind: { const: 'procedure-map' },
    procedures: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['local', 'national', 'name'],
        properties: {
          local: { type: 'string', pattern: '^[0-9A-Za-z._-]{1,64}$' },
          national: { type: 'string', pattern: '^\\d\\.\\d{6}$' },
          name: { type: 'string', minLength: 1 },
          sector: {
            type: 'object',
            additionalProperties: false,
            required: ['code'],
            properties: { code: { type: 'string', minLength: 1 }, name: { type: 'string' } },
          },
          duration: {
            type: 'object',
            additionalProperties: false,
            required: ['value', 'unit'],
            properties: {
              value: { type: 'number', exclusiveMinimum: 0 },
              unit: { enum: ['working_days', 'calendar_days', 'working_hours'] },
              skipHolidays: { type: 'boolean' },
            },
          },
          igate: {
            type: 'object',
            additionalProperties: false,
            required: ['id'],
            properties: {
              id: { type: 'string', pattern: '^[0-9a-f]{24}$' },
              processDefinitionId: { type: 'string', pattern: '^[0-9a-f]{24}$' },
            },
          },
          fees: {
            type: 'array',
            items: {
              type: 'object',
              additionalProperties: false,
              required: ['name', 'amount', 'kind'],
              properties: {
                name: { type: 'string', minLength: 1 },
                amount: { type: 'integer', minimum: 0 },
                kind: { enum: ['fee', 'charge'] },
                code: { type: 'string' },
              },
            },
          },
        },
      },
    },
  },
};

const ajv = new Ajv({ allErrors: true, strict: true });
// `format: date` without ajv-formats' full set: a date is what the calendar and registry need.
ajv.addFormat('date', /^\d{4}-\d{2}-\d{2}$/);

export const MAPPING_VALIDATORS: Readonly<Record<string, ValidateFunction>> = {
  'code-table': ajv.compile(codeTable),
  'field-mapping': ajv.compile(fieldMapping),
  'agency-registry': ajv.compile(agencyRegistry),
  'procedure-map': ajv.compile(procedureMap),
};
