// Monaco with its JSON language: the web workers Vite bundles, and the decisions' JSON Schemas bound
// by fileMatch to one model URI per decision (completion, hover docs and schema markers).
import * as monaco from 'monaco-editor';
import EditorWorker from 'monaco-editor/editor/editor.worker?worker';
import JsonWorker from 'monaco-editor/language/json/json.worker?worker';

self.MonacoEnvironment = {
  getWorker: (_id: string, label: string) => (label === 'json' ? new JsonWorker() : new EditorWorker()),
};

export { monaco };

export const modelUri = (decision: string) => monaco.Uri.parse(`inmemory://highseas/rules/${decision}.json`);

const schemas = new Map<string, unknown>();

/** Binds a decision's schema to its model; setDiagnosticsOptions replaces the list, so all are kept. */
export function bindSchema(decision: string, schema: unknown) {
  schemas.set(decision, schema);
  monaco.json.jsonDefaults.setDiagnosticsOptions({
    validate: true,
    allowComments: false,
    enableSchemaRequest: false,
    schemaValidation: 'error',
    schemas: [...schemas].map(([d, s]) => ({
      uri: `https://highseas.invalid/schemas/${d}.json`,
      fileMatch: [modelUri(d).toString()],
      schema: s as object,
    })),
  });
}

/** The one model at a URI (one per decision and view), created on first use, holding `text`. */
export function sharedModel(uri: monaco.Uri, language: string, text: string): monaco.editor.ITextModel {
  const existing = monaco.editor.getModel(uri);
  if (existing) {
    if (existing.getValue() !== text) existing.setValue(text);
    return existing;
  }
  return monaco.editor.createModel(text, language, uri);
}

/** A decision's JSON model. */
export const modelFor = (decision: string, text: string) => sharedModel(modelUri(decision), 'json', text);
