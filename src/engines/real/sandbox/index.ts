export { findBwrap, requireBwrap } from './find-bwrap.js';
export { findExecutable } from './find-executable.js';
export { type IsolatedSandboxOptions, isolatedSandboxCommand } from './isolated-sandbox-command.js';
export { loadNodePty } from './node-pty-loader.js';
export { emptyDirectory, removeTree } from './remove-tree.js';
export {
  readOnlyRoot,
  SANDBOX_ENVIRONMENT,
  SANDBOX_HOME,
  SANDBOX_HOST,
  SANDBOX_PATH,
  SANDBOX_UID,
  SANDBOX_USER,
  SANDBOX_WRITABLE,
  type SandboxCommandOptions,
  type SandboxWritable,
  sandboxCommand,
} from './sandbox-command.js';
export { DEFAULT_SANDBOX_LIMITS, type SandboxLimits, ulimitLine } from './sandbox-limits.js';
