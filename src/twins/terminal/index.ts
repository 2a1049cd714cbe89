export { ALLOWED_COMMANDS } from './allow-list.js';
export {
  createTerminalTwin,
  TERMINAL_TWIN_VERSION,
  TerminalTwin,
  type TerminalTwinOptions,
} from './terminal-twin.js';
