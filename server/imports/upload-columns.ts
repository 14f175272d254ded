// An upload's columns: each header given a unique name, the columns mapped to customer fields, and
// the upload's refusals (at /mapping when no column holds the company name), in the issue's own words.
import { issueText } from '../request-issue-words.js';
import { type IssueCode, type IssueParams, invalidRequest } from '../request-issues.js';
import { type ImportField, mapColumns, mappingIssues } from './column-mapping.js';

/** The upload refused at `pointer`; the message is the issue's own sentence. */
export const invalid = (pointer: string, code: IssueCode, params: IssueParams = {}, details?: Record<string, unknown>) =>
  invalidRequest('body', [{ pointer, code, params }], { message: issueText(code, params, 'en'), ...(details ? { details } : {}) });

/**
 * The file's columns mapped, or a refusal at /mapping when none holds the company name. The
 * refusal names the columns (`details.columns`, as the job would name them) so the uploader can say
 * which one holds it and send the file again with a mapping.
 */
export function mapOrRefuse(headers: string[], explicit: Record<string, string> | undefined) {
  const issues = explicit ? mappingIssues(headers, explicit) : [];
  if (issues.length === 1) throw invalid(issues[0]!.pointer, issues[0]!.code, issues[0]!.params);
  if (issues.length > 1) throw invalidRequest('body', issues);
  const mapped = mapColumns(headers, explicit as Record<string, ImportField> | undefined);
  if (!Object.values(mapped.mapping).includes('companyName')) {
    throw invalid('/mapping', 'no_company_column', { columns: headers.join(', ') }, { columns: headers, mapping: mapped.mapping });
  }
  return mapped;
}

/**
 * Unique header names, so each column can be mapped: a repeated one gets " (2)", " (3)" … the
 * first such name that no column has, the file's own names included ("Company, Company, Company
 * (2)" → "Company", "Company (3)", "Company (2)").
 */
export function uniqueHeaders(headers: string[]): string[] {
  const taken = new Set(headers);
  const seen = new Set<string>();
  return headers.map((h) => {
    if (!seen.has(h)) {
      seen.add(h);
      return h;
    }
    let n = 2;
    while (taken.has(`${h} (${n})`)) n++;
    const name = `${h} (${n})`;
    taken.add(name);
    return name;
  });
}
