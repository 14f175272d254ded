// Names as the rules language writes them: plain, `quoted`, or followed by a field path (fact.field.sub).

/** `name`, `` `odd name` ``, `fact.field.sub` → the name and the JSON path after it. */
export function splitName(image: string): { name: string; path: string | undefined } {
  let name: string;
  let rest: string;
  if (image.startsWith('`')) {
    let end = 1;
    while (image[end] !== '`') end += image[end] === '\\' ? 2 : 1;
    const inner = image.slice(1, end).replace(/\\[\s\S]|"/g, (m) => (m === '"' ? '\\"' : m === '\\`' ? '`' : m));
    name = JSON.parse(`"${inner}"`) as string;
    rest = image.slice(end + 1);
  } else {
    const dot = image.indexOf('.');
    name = dot < 0 ? image : image.slice(0, dot);
    rest = dot < 0 ? '' : image.slice(dot);
  }
  return { name, path: rest === '' ? undefined : `$${rest}` };
}
