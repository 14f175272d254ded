// Decision tables: the model (a rule set as a grid) and the conversions both ways. Pure and
// dependency-free, so the admin UI edits a table and turns it back into a document in the browser.
export * from './model.js';
export { fromTable } from './from-table.js';
export { columnKey, toTable } from './to-table.js';
export { type CellInput, conditionInput, paramInput, parseCell } from './cells.js';
export { moveRow } from './move-row.js';
