// PATCH bodies derived from create bodies: every field optional and without its default, so a
// partial update changes only the fields it names (zod's `.partial()` keeps `.default()`s, which
// silently reset every unnamed field to its default).
import { z } from 'zod';

/** A field schema with its top-level default (or prefault) removed. */
type WithoutDefault<T> = T extends z.ZodDefault<infer Inner> | z.ZodPrefault<infer Inner> | z.ZodOptional<infer Inner> ? WithoutDefault<Inner> : T;

export type PatchShape<S extends z.ZodRawShape> = { -readonly [K in keyof S]: z.ZodOptional<WithoutDefault<S[K]>> };

/** The field's documentation (description, examples …) without a component id, which must stay unique. */
function metaOf(schema: z.ZodType): Record<string, unknown> | undefined {
  const meta = z.globalRegistry.get(schema);
  if (!meta) return undefined;
  const { id: _id, ...rest } = meta;
  return Object.keys(rest).length > 0 ? rest : undefined;
}

function withoutDefault(field: z.ZodType): z.ZodType {
  if (field instanceof z.ZodDefault || field instanceof z.ZodPrefault || field instanceof z.ZodOptional) {
    const inner = withoutDefault(field.unwrap() as z.ZodType);
    const meta = metaOf(field);
    return meta ? inner.meta({ ...metaOf(inner), ...meta }) : inner;
  }
  return field;
}

/**
 * The body of a partial update: each field of `schema` optional, with no default, so what a request
 * leaves out stays as it is. Unknown keys are refused as they are by `schema`.
 *
 * @example
 * const UpdateRepBody = patchBody(CreateRepBody.omit({ id: true })).meta({ id: 'UpdateRep' });
 * UpdateRepBody.parse({ name: 'x' }); // { name: 'x' } — no role, time zone or tags filled in
 */
export function patchBody<S extends z.ZodRawShape, C extends z.core.$ZodObjectConfig>(schema: z.ZodObject<S, C>): z.ZodObject<PatchShape<S>, C> {
  const shape = Object.fromEntries(Object.entries(schema.shape).map(([key, field]) => [key, withoutDefault(field as z.ZodType).optional()]));
  // extend() keeps the object's own settings (strictness, catchall) and replaces every field.
  return schema.extend(shape) as unknown as z.ZodObject<PatchShape<S>, C>;
}
