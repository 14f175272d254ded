// Builds the workflow bundle (webpack + swc). Production workers load a pre-built one.
import { fileURLToPath } from 'node:url';
import { bundleWorkflowCode, type WorkflowBundleWithSourceMap } from '@temporalio/worker';

export const workflowsPath = fileURLToPath(new URL('./index.ts', import.meta.url));

/** `interceptorModules`: workflow interceptors to bundle in (tests inject faults this way). */
export async function buildWorkflowBundle(interceptorModules: string[] = []): Promise<WorkflowBundleWithSourceMap> {
  return bundleWorkflowCode({
    workflowsPath,
    ...(interceptorModules.length > 0 ? { workflowInterceptorModules: interceptorModules } : {}),
    logger: { log() {}, trace() {}, debug() {}, info() {}, warn() {}, error() {} } as never,
    // Sources import "./x.js" (NodeNext style) while the files are .ts.
    webpackConfigHook: (config) => ({
      ...config,
      resolve: { ...config.resolve, extensionAlias: { '.js': ['.ts', '.js'] } },
    }),
  });
}
