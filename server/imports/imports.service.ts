// Import jobs (R11, issue 14): staging an upload, starting its workflow, and reading the job's
// progress, rows and downloads. SKELETON: the implementation follows on this branch.
import type { Kysely } from 'kysely';
import type { CommitImportBody, ImportJob, ImportOptions, ImportRow, ImportOutcome } from '../../schemas/imports.js';
import type { Actor } from '../auth/actor.js';
import type { Clock } from '../clock.js';
import type { Database } from '../db/database.js';
import { AppError, ErrorCode } from '../errors.js';
import type { ImportField } from './column-mapping.js';
import type { SheetFormat } from './spreadsheet.js';

export interface ImportServiceDeps {
  db: Kysely<Database>;
  clock: Clock;
}

export interface StartImport {
  fileName: string;
  format: SheetFormat;
  buffer: Buffer;
  mode: 'preview' | 'commit';
  mapping: Record<string, ImportField> | undefined;
  options: ImportOptions;
}

export interface ImportDownload {
  body: Uint8Array;
  name: string;
  type: string;
}

const todo = () => new AppError(ErrorCode.TEMPORARILY_UNAVAILABLE, 'Import jobs are being built.');

export function createImportService(_deps: ImportServiceDeps) {
  return {
    async start(_actor: Actor, _input: StartImport): Promise<ImportJob> {
      throw todo();
    },
    async list(_actor: Actor, _limit: number, _cursor: string | undefined): Promise<{ items: ImportJob[]; nextCursor: string | null }> {
      throw todo();
    },
    async get(_actor: Actor, _id: string): Promise<ImportJob> {
      throw todo();
    },
    async commit(_actor: Actor, _id: string, _body: CommitImportBody): Promise<ImportJob> {
      throw todo();
    },
    async cancel(_actor: Actor, _id: string): Promise<ImportJob> {
      throw todo();
    },
    async rows(_actor: Actor, _id: string, _q: { outcome?: ImportOutcome | undefined; limit: number; cursor?: string | undefined }): Promise<{ items: ImportRow[]; nextCursor: string | null }> {
      throw todo();
    },
    async report(_actor: Actor, _id: string, _format: SheetFormat): Promise<ImportDownload> {
      throw todo();
    },
    async rejects(_actor: Actor, _id: string, _format: SheetFormat): Promise<ImportDownload> {
      throw todo();
    },
  };
}
