// The admin UI offers the import fields in its column-mapping select; it may not import the server
// (layers), so it keeps its own list, which must stay the server's.
import { describe, expect, it } from 'vitest';
import { IMPORT_FIELDS as UI_FIELDS } from '../../admin-ui/src/pages/imports/import-fields.js';
import { IMPORT_FIELDS } from '../../server/imports/column-mapping.js';

describe('import fields', () => {
  it('the mapping select offers exactly the fields the server maps columns to', () => {
    expect([...UI_FIELDS]).toEqual([...IMPORT_FIELDS]);
  });
});
