// A region (one class of pieces per field) as a readable combination: `customer.grade = "E" and
// customer.stage in ["quote", "sample"]`, `30 < customer.expectedCloseDays <= 90`; in Chinese the
// field's label follows its path and the parts are joined by 且.
import type { Field, Piece } from './domain.js';

const bits = (m: bigint): number[] => {
  const out: number[] = [];
  for (let i = 0; m > 0n; i++, m >>= 1n) if (m & 1n) out.push(i);
  return out;
};

const show = (v: unknown) => (v === null ? 'null' : JSON.stringify(v));

type Run = [Piece, Piece];

function runs(field: Field, indexes: number[]): Run[] {
  const out: Run[] = [];
  let start: number | undefined;
  let prev = -2;
  for (const i of indexes) {
    if (field.pieces[i]!.kind === 'null') continue;
    if (i !== prev + 1 && start !== undefined) out.push([field.pieces[start]!, field.pieces[prev]!]);
    if (i !== prev + 1) start = i;
    prev = i;
  }
  if (start !== undefined) out.push([field.pieces[start]!, field.pieces[prev]!]);
  return out;
}

function scale(field: Field, n: number): string {
  // Epochs beyond what a Date holds (±8.64e15 ms) stay numbers.
  return field.type === 'date' && Math.abs(n) <= 8.64e15 ? new Date(n).toISOString() : String(n);
}

/** A run of a whole-number field: inclusive bounds, `= 31` for one number. */
function wholeRange(name: string, [a, b]: Run): string {
  const low = a.kind === 'point' ? a.rep : a.kind === 'range' && a.low !== -Infinity ? Math.floor(a.low) + 1 : undefined;
  const high = b.kind === 'point' ? b.rep : b.kind === 'range' && b.high !== Infinity ? Math.ceil(b.high) - 1 : undefined;
  if (low !== undefined && low === high) return `${name} = ${low}`;
  if (low === undefined && high === undefined) return `${name} != null`;
  return `${low === undefined ? '' : `${low} <= `}${name}${high === undefined ? '' : ` <= ${high}`}`;
}

function range(field: Field, name: string, [a, b]: Run): string {
  if (field.integer) return wholeRange(name, [a, b]);
  if (a === b && a.kind === 'point') return `${name} = ${scale(field, a.rep)}`;
  const low = a.kind === 'point' ? `${scale(field, a.rep)} <= ` : a.kind === 'range' && a.low !== -Infinity ? `${scale(field, a.low)} < ` : '';
  const high = b.kind === 'point' ? ` <= ${scale(field, b.rep)}` : b.kind === 'range' && b.high !== Infinity ? ` < ${scale(field, b.high)}` : '';
  return low === '' && high === '' ? `${name} != null` : `${low}${name}${high}`;
}

/** One field's class of pieces as a test, `name` being how the field is called. */
function part(field: Field, mask: bigint, within: bigint, name: string): string {
  const indexes = bits(mask);
  const hasNull = indexes.some((i) => field.pieces[i]!.kind === 'null');
  if (field.type === 'number' || field.type === 'date') {
    // A class that is everything but a few points reads as `not in` those points.
    const rest = bits(within & ~mask);
    const points = rest.map((i) => field.pieces[i]!);
    if (!hasNull && points.length > 0 && points.length < runs(field, indexes).length && points.every((p) => p.kind === 'point')) {
      const shown = points.map((p) => scale(field, p.rep as number));
      return shown.length === 1 ? `${name} != ${shown[0]}` : `${name} not in [${shown.join(', ')}]`;
    }
    const all = runs(field, indexes);
    if (!hasNull && all.length > 1 && all.every(([a, b]) => a === b && a.kind === 'point')) return `${name} in [${all.map(([a]) => scale(field, a.rep as number)).join(', ')}]`;
    const parts = all.map((r) => range(field, name, r));
    if (hasNull) parts.push(`${name} = null`);
    return parts.length === 1 ? parts[0]! : `(${parts.join(' or ')})`;
  }
  const values = indexes.map((i) => field.pieces[i]!).filter((p) => p.kind !== 'other').map((p) => p.rep);
  if (indexes.some((i) => field.pieces[i]!.kind === 'other')) {
    const excluded = field.pieces.filter((p, i) => !indexes.includes(i) && p.kind !== 'other').map((p) => p.rep);
    const not = excluded.length === 1 ? `${name} != ${show(excluded[0])}` : `${name} not in [${excluded.map(show).join(', ')}]`;
    return excluded.length === 0 ? `${name} != null` : not;
  }
  // The shorter way round: `customer.stage != "sample"` rather than six stages in a list.
  const rest = bits(within & ~mask).map((i) => field.pieces[i]!.rep);
  if (rest.length > 0 && rest.length * 2 < values.length) return rest.length === 1 ? `${name} != ${show(rest[0])}` : `${name} not in [${rest.map(show).join(', ')}]`;
  return values.length === 1 ? `${name} = ${show(values[0])}` : `${name} in [${values.map(show).join(', ')}]`;
}

const pathOf = (field: Field) => `${field.fact}${field.path.slice(1)}`;

/** The fields a region narrows (against `within`, e.g. every known value), as English and Chinese. */
export function describeRegion(fields: readonly Field[], region: readonly bigint[], within: readonly bigint[]): { en: string; zh: string } {
  const narrowed = fields.flatMap((f, i) => (region[i] === within[i] ? [] : [[f, region[i]!] as const]));
  if (narrowed.length === 0) return { en: 'any case', zh: '任何情况' };
  return {
    en: narrowed.map(([f, m]) => part(f, m, within[fields.indexOf(f)]!, pathOf(f))).join(' and '),
    zh: narrowed.map(([f, m]) => part(f, m, within[fields.indexOf(f)]!, `${pathOf(f)}（${f.label.zh}）`)).join(' 且 '),
  };
}
