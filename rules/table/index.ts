// Decision tables (schemas/decision-table/): documents to grids and back. The conversions live in
// schemas/ so the admin UI (which imports only schemas/) can run them; the round-trip property
// test is here, beside the rule-set generators.
export { fromTable, toTable } from '../../schemas/decision-table/index.js';
