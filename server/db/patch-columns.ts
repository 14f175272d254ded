// Partial updates in repositories: the columns to set are exactly the fields a PATCH body names.
/**
 * Maps the fields present in a partial-update body to their columns; absent (undefined) fields are
 * left out, so they keep their stored values. Empty when the body names none of the mapped fields.
 *
 * @example
 * patchColumns({ name: 'x' }, { name: 'name', teamId: 'team_id' }); // { name: 'x' }
 */
export function patchColumns<Body extends object, Columns extends string>(
  body: Body,
  columns: { readonly [K in keyof Body]?: Columns },
): Partial<Record<Columns, unknown>> {
  const set: Partial<Record<Columns, unknown>> = {};
  for (const [field, column] of Object.entries(columns) as [keyof Body & string, Columns][]) {
    if (Object.hasOwn(body, field) && body[field] !== undefined) set[column] = body[field];
  }
  return set;
}
