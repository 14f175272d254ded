// Where a validation issue is, by the label of the form's field: the server names it by a JSON
// pointer (/url, /rep/email, /tags/0); a form tells its fields' labels by pointer path ("url",
// "rep/email") or first part ("tags"). A pointer the form does not name is shown as sent.

/** The label for `pointer` among `fields`, else the pointer ("/" for the whole body). */
export function issueField(pointer: string, fields: Readonly<Record<string, string>> | undefined): string {
  const path = pointer.replace(/^\//, '');
  const first = path.split('/')[0]!;
  const label = fields && (Object.hasOwn(fields, path) ? fields[path] : Object.hasOwn(fields, first) ? fields[first] : undefined);
  return label ?? (pointer || '/');
}
