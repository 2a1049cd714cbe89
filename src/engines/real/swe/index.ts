export { sweResult } from './dialect-results.js';
export { RealSweEngine, type RealSweEngineOptions } from './real-swe-engine.js';
export {
  runInSweSandbox,
  type SweCommandResult,
  type SweSandboxOptions,
  sweSandboxArgs,
} from './swe-sandbox.js';
export { SweWorkspace, type SweWorkspaceOptions } from './swe-workspace.js';
