// A strict reader of the Prometheus text exposition format 0.0.4
// (https://prometheus.io/docs/instrumenting/exposition_formats/#text-based-format): every line is
// `# HELP name text`, `# TYPE name type`, another comment, blank, or `name{label="value",…} value
// [timestamp]`; a family's TYPE comes before its samples and only once; a histogram's samples are
// its _bucket (with `le`), _sum and _count. Anything else throws, naming the line.

export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

export interface Exposition {
  types: Map<string, string>;
  help: Map<string, string>;
  samples: Sample[];
}

const NAME = '[a-zA-Z_:][a-zA-Z0-9_:]*';
const LABEL = '[a-zA-Z_][a-zA-Z0-9_]*';
// Values as Go's strconv.ParseFloat reads them: decimals, and NaN and ±Inf in any case ("Nan" too).
const VALUE = String.raw`(?:[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?|[nN][aA][nN]|[+-]?[iI][nN][fF](?:[iI][nN][iI][tT][yY])?)`;
const TYPES = new Set(['counter', 'gauge', 'histogram', 'summary', 'untyped']);
const sampleLine = new RegExp(`^(${NAME})(?:\\{(.*)\\})?[ \\t]+(${VALUE})(?:[ \\t]+(-?\\d+))?$`);
const labelPair = new RegExp(`^(${LABEL})="((?:[^"\\\\\\n]|\\\\[\\\\"n])*)"`);

function parseLabels(text: string, where: string): Record<string, string> {
  const labels: Record<string, string> = {};
  let rest = text;
  while (rest.length > 0) {
    const m = labelPair.exec(rest);
    if (!m) throw new Error(`${where}: bad label list at "${rest}"`);
    if (m[1]! in labels) throw new Error(`${where}: label ${m[1]} twice`);
    labels[m[1]!] = m[2]!.replace(/\\(.)/g, (_, c: string) => (c === 'n' ? '\n' : c));
    rest = rest.slice(m[0].length);
    if (rest.startsWith(',')) rest = rest.slice(1);
    else if (rest.length > 0) throw new Error(`${where}: expected "," between labels at "${rest}"`);
  }
  return labels;
}

const numberOf = (v: string) => {
  if (/^nan$/i.test(v)) return Number.NaN;
  if (/^[+-]?inf/i.test(v)) return v.startsWith('-') ? -Infinity : Infinity;
  return Number(v);
};

/** The family a sample belongs to: its own name, or a histogram's or summary's name without the suffix. */
function familyOf(name: string, types: Map<string, string>): string | undefined {
  if (types.has(name)) return name;
  const m = /^(.*)_(bucket|sum|count)$/.exec(name);
  if (m && ['histogram', 'summary'].includes(types.get(m[1]!) ?? '')) {
    if (m[2] === 'bucket' && types.get(m[1]!) !== 'histogram') return undefined;
    return m[1]!;
  }
  return undefined;
}

export function parseExposition(text: string): Exposition {
  const types = new Map<string, string>();
  const help = new Map<string, string>();
  const samples: Sample[] = [];
  const seenSamplesOf = new Set<string>();
  if (text.length > 0 && !text.endsWith('\n')) throw new Error('the exposition must end with a newline');
  text.split('\n').forEach((line, i) => {
    const where = `line ${i + 1}`;
    if (line.trim() === '') return;
    if (line.startsWith('#')) {
      const m = /^#[ \t]+(HELP|TYPE)[ \t]+(\S+)(?:[ \t]+(.*))?$/.exec(line);
      if (!m) return; // an ordinary comment
      const [, kind, name, rest = ''] = m;
      if (!new RegExp(`^${NAME}$`).test(name!)) throw new Error(`${where}: bad metric name ${name}`);
      if (kind === 'HELP') {
        if (help.has(name!)) throw new Error(`${where}: second HELP for ${name}`);
        help.set(name!, rest);
      } else {
        if (!TYPES.has(rest)) throw new Error(`${where}: unknown type "${rest}"`);
        if (types.has(name!)) throw new Error(`${where}: second TYPE for ${name}`);
        if (seenSamplesOf.has(name!)) throw new Error(`${where}: TYPE for ${name} after its samples`);
        types.set(name!, rest);
      }
      return;
    }
    const m = sampleLine.exec(line);
    if (!m) throw new Error(`${where}: not a sample line: ${line}`);
    const [, name, labelText = '', value] = m;
    const family = familyOf(name!, types);
    if (family === undefined) throw new Error(`${where}: sample ${name} without a TYPE before it`);
    const labels = parseLabels(labelText, where);
    if (types.get(family) === 'histogram' && name!.endsWith('_bucket') && !('le' in labels)) throw new Error(`${where}: a bucket without le`);
    seenSamplesOf.add(family);
    samples.push({ name: name!, labels, value: numberOf(value!) });
  });
  return { types, help, samples };
}

/** The sum of the samples named `name` whose labels include `labels` (0 when none). */
export function sampleValue(exposition: Exposition, name: string, labels: Record<string, string> = {}): number {
  return exposition.samples
    .filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v))
    .reduce((sum, s) => sum + s.value, 0);
}
