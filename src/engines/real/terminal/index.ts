export {
  createRealTerminalEngine,
  RealTerminalEngine,
  type RealTerminalEngineOptions,
} from './real-terminal-engine.js';
export { TerminusShell, type TerminusShellOptions } from './terminus-shell.js';
