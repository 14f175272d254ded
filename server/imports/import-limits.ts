// How much an import may hold, checked while the upload is read (not after): the request body, the
// rows, one cell and one row, the text of the whole sheet, and what an .xlsx zip may unpack to.
const MiB = 1024 * 1024;

export interface ImportLimits {
  /** Data rows (the header row not counted). */
  maxRows: number;
  /** Columns of any row. */
  maxColumns: number;
  /** Characters of one cell. */
  maxCellChars: number;
  /** Bytes of one CSV record (csv-parse's max_record_size); a huge cell is cut off as it is read. */
  maxRowBytes: number;
  /** Characters of all cells together (shared strings of an .xlsx can repeat one long text). */
  maxSheetChars: number;
  xlsx: {
    /** Entries in the zip's central directory. */
    maxEntries: number;
    /** The declared uncompressed size of all entries together. */
    maxUnpackedBytes: number;
    /** The declared (and, while inflating, the real) size of each part read: the sheet, shared strings, styles. */
    maxPartBytes: number;
    /** Uncompressed : compressed, for entries over 1 MiB; XML rarely deflates beyond 20:1, bombs reach 1000:1. */
    maxCompressionRatio: number;
  };
}

/** The multipart body of POST /imports. */
export const MAX_IMPORT_BYTES = 32 * MiB;

export const IMPORT_LIMITS: ImportLimits = {
  maxRows: 100_000,
  maxColumns: 200,
  maxCellChars: 10_000,
  maxRowBytes: 100_000,
  maxSheetChars: 48 * MiB,
  xlsx: {
    maxEntries: 1_000,
    maxUnpackedBytes: 256 * MiB,
    maxPartBytes: 160 * MiB,
    maxCompressionRatio: 200,
  },
};
