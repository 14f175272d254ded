// Sending a file to POST /imports with the options the admin chose (multipart form fields).
import { api } from '../../api/client.js';
import type { ImportJob } from '../../api/types.js';

export interface ImportOptions {
  poolId: string;
  source: string;
  country: string;
  assign: boolean;
  existing: 'skip' | 'fill';
  overridePrivate: boolean;
}

export const defaultOptions: ImportOptions = { poolId: '', source: '', country: '', assign: true, existing: 'skip', overridePrivate: false };

export interface Upload {
  file: File;
  options: ImportOptions;
  mapping?: Record<string, string> | undefined;
}

export function startImport({ file, options, mapping }: Upload, mode: 'preview' | 'commit'): Promise<ImportJob> {
  const form = new FormData();
  form.append('file', file, file.name);
  form.append('mode', mode);
  form.append('existing', options.existing);
  if (options.existing === 'fill' && options.overridePrivate) form.append('overridePrivate', 'true');
  form.append('assign', String(options.assign));
  if (options.poolId) form.append('poolId', options.poolId);
  if (options.source.trim()) form.append('source', options.source.trim());
  if (options.country.trim()) form.append('country', options.country.trim().toUpperCase());
  if (mapping && Object.keys(mapping).length) form.append('mapping', JSON.stringify(mapping));
  return api.upload<ImportJob>('/imports', form);
}
