export {
  PtyShell,
  type PtyShellOptions,
  SHELL_COLUMNS,
  SHELL_ROWS,
  type ShellCommandResult,
} from './pty-shell.js';
export {
  createRealTerminalEngine,
  RealTerminalEngine,
  type RealTerminalEngineOptions,
} from './real-terminal-engine.js';
export { SandboxShellEngine } from './sandbox-shell-engine.js';
export {
  CLASSIC_IDENTITY,
  DEFAULT_ROOT_IDENTITY,
  isPrivileged,
  promptTemplateOf,
  type ShellIdentity,
  type ShellIdentityKind,
} from './shell-identity.js';
export { TerminusShell, type TerminusShellOptions } from './terminus-shell.js';
