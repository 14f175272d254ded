// The layer order, checked by `npm test` (README, "Layout"). Bottom to top:
//   schemas ← rules ← domain (server/ except adapters and entry points) ← workflows ← adapters ← entry points.
// Each layer imports only the layers below it; the admin UI imports only schemas.
const entry = '^server/(main|api|worker|start|runtime|app|bootstrap|startup-message)[.]ts$';
const adapter = '^server/(http|temporal|lifecycle|health)/|^server/.+[.](routes|service|middleware)[.]ts$';
const npm = '^(node_modules|node:)|^[^./][^/]*$';

module.exports = {
  forbidden: [
    { name: 'no-circular', comment: 'No import cycles between files.', severity: 'error', from: {}, to: { circular: true } },
    {
      name: 'schemas-are-the-bottom',
      comment: 'schemas/ holds the shared types and zod schemas; it imports nothing of the project.',
      severity: 'error',
      from: { path: '^schemas/' },
      to: { path: '^(rules|server|workflows|admin-ui|test|bench)/' },
    },
    {
      name: 'rules-are-pure',
      comment: 'rules/ (documents, validation, engine) imports only schemas/: no database, no Temporal, no HTTP.',
      severity: 'error',
      from: { path: '^rules/' },
      to: { path: '^(server|workflows|admin-ui|test|bench)/' },
    },
    {
      name: 'domain-below-workflows-and-adapters',
      comment: 'Domain code (commands, decisions, repositories) imports only the domain, rules/ and schemas/.',
      severity: 'error',
      from: { path: '^server/', pathNot: [entry, adapter, '[.]test[.]ts$'] },
      to: { path: ['^(workflows|admin-ui|test|bench)/', entry, adapter] },
    },
    {
      name: 'workflows-are-a-leaf',
      comment: 'Workflow code runs in the sandbox: it imports only workflows/ and schemas/ (activities are interfaces).',
      severity: 'error',
      from: { path: '^workflows/' },
      to: { path: '^(server|rules|admin-ui|test|bench)/' },
    },
    {
      name: 'adapters-below-entry-points',
      comment: 'Routes, services, the Temporal client and worker never import the entry points.',
      severity: 'error',
      from: { path: adapter },
      to: { path: entry },
    },
    {
      name: 'admin-ui-imports-only-schemas',
      comment: 'The admin UI shares types with the server through schemas/ only.',
      severity: 'error',
      from: { path: '^admin-ui/src/' },
      to: { path: '^(server|rules|workflows|test|bench)/' },
    },
    {
      name: 'product-never-imports-tests',
      severity: 'error',
      from: { path: '^(server|rules|workflows|schemas|admin-ui)/', pathNot: '[.]test[.]ts$' },
      to: { path: '^(test|bench)/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    exclude: { path: '^(node_modules|dist)/' },
  },
};
