// Decision tables (schemas/decision-table.ts): documents to grids and back.
export { fromTable } from './from-table.js';
export { toTable } from './to-table.js';
