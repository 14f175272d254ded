// The operations of an OpenAPI document, for the fuzz test: parameters, a plausible body built from
// each body schema, that body's strings and numbers with their bounds, and a validator per documented
// success response.
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import ajvFormats from 'ajv-formats';

interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
}
export interface Operation {
  method: string;
  path: string;
  pathParams: string[];
  queryParams: string[];
  /** Top-level properties of the JSON body, or null when the operation takes no JSON body. */
  bodyProperties: string[] | null;
  /** Whether the JSON body is required (false: optional, or none). */
  bodyRequired: boolean;
  /** A body built from the schema (the first enum value, a date, a number in range …). */
  sampleBody: Json | null;
  /** Every string and number in the sample body, with the schema that bounds it. */
  leaves: Leaf[];
  /** The declared JSON response schema per success status. */
  responses: Map<number, ValidateFunction>;
}

export type Json = Record<string, unknown>;

/** A string or number inside a sample body: where it is, and its schema's bounds. */
export interface Leaf {
  path: (string | number)[];
  type: 'string' | 'number' | 'integer';
  minimum?: number;
  maximum?: number;
  maxLength?: number;
  /** The enclosing array's maxItems, when the leaf sits in an array's item (totals add up). */
  arrayPath?: (string | number)[];
  maxItems?: number;
}

function resolve(doc: Json, schema: Json | undefined): Json | undefined {
  const ref = schema?.$ref;
  if (typeof ref !== 'string') return schema;
  return ref
    .replace(/^#\//, '')
    .split('/')
    .reduce<unknown>((node, key) => (node as Json | undefined)?.[key], doc) as Json | undefined;
}

/** A plausible value for a schema: enough to get past type checks and into the handler. */
function sample(doc: Json, raw: Json | undefined, depth = 0): unknown {
  const schema = resolve(doc, raw) ?? {};
  if (depth > 6) return null;
  const variants = (schema.anyOf ?? schema.oneOf) as Json[] | undefined;
  if (variants) return sample(doc, variants.find((v) => resolve(doc, v)?.type !== 'null') ?? variants[0], depth + 1);
  if (Array.isArray(schema.enum)) return schema.enum[0];
  if ('const' in schema) return schema.const;
  if ('default' in schema) return schema.default;
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
  switch (type) {
    case 'string': {
      if (schema.format === 'date') return '2026-12-01';
      if (schema.format === 'date-time') return '2026-11-01T08:00:00.000Z';
      if (schema.format === 'email') return 'fuzz@example.com';
      if (schema.format === 'uri' || schema.format === 'url') return 'https://example.com/hook';
      return 'x'.repeat(Math.max(1, Number(schema.minLength ?? 1)));
    }
    case 'integer':
    case 'number':
      return Math.max(1, Number(schema.minimum ?? schema.exclusiveMinimum ?? 1));
    case 'boolean':
      return true;
    case 'array':
      return Number(schema.minItems ?? 0) > 0 ? [sample(doc, schema.items as Json, depth + 1)] : [];
    case 'object': {
      const props = (schema.properties ?? {}) as Record<string, Json>;
      const required = new Set((schema.required ?? []) as string[]);
      return Object.fromEntries(Object.entries(props).filter(([k]) => depth === 0 || required.has(k)).map(([k, v]) => [k, sample(doc, v, depth + 1)]));
    }
    default:
      return null;
  }
}

/** The strings and numbers of `value` (built by sample() from `raw`), with their bounds. */
function leavesOf(doc: Json, raw: Json | undefined, value: unknown, path: (string | number)[] = [], array?: { path: (string | number)[]; maxItems?: number }): Leaf[] {
  let schema = resolve(doc, raw) ?? {};
  const variants = (schema.anyOf ?? schema.oneOf) as Json[] | undefined;
  if (variants) schema = resolve(doc, variants.find((v) => resolve(doc, v)?.type !== 'null') ?? variants[0]) ?? {};
  const num = (v: unknown) => (typeof v === 'number' ? v : undefined);
  const where = array ? { arrayPath: array.path, ...(array.maxItems !== undefined ? { maxItems: array.maxItems } : {}) } : {};
  if (typeof value === 'string') return [{ path, type: 'string', ...(num(schema.maxLength) !== undefined ? { maxLength: num(schema.maxLength) } : {}), ...where }];
  if (typeof value === 'number') {
    const minimum = num(schema.minimum) ?? num(schema.exclusiveMinimum);
    const maximum = num(schema.maximum) ?? num(schema.exclusiveMaximum);
    return [{ path, type: schema.type === 'integer' ? 'integer' : 'number', ...(minimum !== undefined ? { minimum } : {}), ...(maximum !== undefined ? { maximum } : {}), ...where }];
  }
  if (Array.isArray(value)) {
    return value.flatMap((item, i) => leavesOf(doc, schema.items as Json, item, [...path, i], { path, ...(num(schema.maxItems) !== undefined ? { maxItems: num(schema.maxItems) } : {}) }));
  }
  if (value !== null && typeof value === 'object') {
    const props = (schema.properties ?? {}) as Record<string, Json>;
    return Object.entries(value).flatMap(([k, v]) => leavesOf(doc, props[k], v, [...path, k], array));
  }
  return [];
}

export function operationsOf(doc: Json): Operation[] {
  // The document's components under an id of their own, so each response schema's $refs resolve.
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  // ajv-formats is CommonJS: under NodeNext its default import is the plugin itself.
  (ajvFormats as unknown as typeof ajvFormats.default)(ajv);
  ajv.addSchema({ $id: 'openapi', components: doc.components }, 'openapi');
  const compile = (schema: Json) => ajv.compile(JSON.parse(JSON.stringify(schema).replaceAll('"#/components/', '"openapi#/components/')));
  const found: Operation[] = [];
  for (const [path, item] of Object.entries(doc.paths as Record<string, Record<string, Json>>)) {
    for (const [method, op] of Object.entries(item)) {
      const params = (op.parameters ?? []) as Parameter[];
      const content = (op.requestBody as Json | undefined)?.content as Record<string, { schema?: Json }> | undefined;
      const json = content?.['application/json'];
      const schema = json ? resolve(doc, json.schema) : undefined;
      found.push({
        method: method.toUpperCase(),
        path,
        pathParams: params.filter((p) => p.in === 'path').map((p) => p.name),
        queryParams: params.filter((p) => p.in === 'query').map((p) => p.name),
        bodyProperties: json ? Object.keys((schema?.properties as Json | undefined) ?? {}) : null,
        bodyRequired: json !== undefined && (op.requestBody as Json).required === true,
        sampleBody: json ? (sample(doc, schema) as Json) : null,
        leaves: [],
        responses: new Map(
          Object.entries((op.responses ?? {}) as Record<string, { content?: Record<string, { schema?: Json }> }>)
            .filter(([status, r]) => Number(status) < 300 && r.content?.['application/json']?.schema)
            .map(([status, r]) => [Number(status), compile(r.content!['application/json']!.schema!)]),
        ),
      });
    }
  }
  for (const op of found) {
    const content = (doc.paths as Record<string, Record<string, Json>>)[op.path]![op.method.toLowerCase()]!.requestBody as Json | undefined;
    const schema = (content?.content as Record<string, { schema?: Json }> | undefined)?.['application/json']?.schema;
    if (op.sampleBody) op.leaves = leavesOf(doc, schema, op.sampleBody);
  }
  return found;
}
