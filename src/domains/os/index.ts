export {
  type PythonCall as OsPythonCall,
  parsePythonCalls as osParsePythonCalls,
} from '../shared/python-calls.js';
export {
  DESKTOP_TABLE_COLUMNS as OS_DESKTOP_TABLE_COLUMNS,
  DESKTOP_TABLE_HEADER as OS_DESKTOP_TABLE_HEADER,
  type DesktopNode as OsDesktopNode,
  type DesktopPoint as OsDesktopPoint,
  type DesktopSize as OsDesktopSize,
  type DesktopTable as OsDesktopTable,
  type DesktopTableProblem as OsDesktopTableProblem,
  looksLikeDesktopTable as osLooksLikeDesktopTable,
  nodesAt as osNodesAt,
  parseDesktopTable as osParseDesktopTable,
} from './accessibility-table.js';
export { type OsActionTrace, traceOsAction } from './action-trace.js';
export { isOsCompletion, type OsAction, osActionSchema, parseOsAction } from './actions.js';
export { checkOsObservation } from './checks.js';
export {
  COMPUTER13_ACTION_TYPES as OS_COMPUTER13_ACTION_TYPES,
  type Computer13Action as OsComputer13Action,
  Computer13ActionSchema as OsComputer13ActionSchema,
  parseComputer13Action as osParseComputer13Action,
} from './dialects/computer13/index.js';
export { DEFAULT_OS_DIALECT, OS_DIALECTS, type OsDialect, osDialectOf } from './dialects/index.js';
export {
  PYAUTOGUI_FUNCTION_NAMES as OS_PYAUTOGUI_FUNCTIONS,
  PYAUTOGUI_SPECIAL_TOKENS as OS_PYAUTOGUI_SPECIAL_TOKENS,
  type PyautoguiAction as OsPyautoguiAction,
  type PyautoguiCall as OsPyautoguiCall,
  parsePyautoguiAction as osParsePyautoguiAction,
} from './dialects/pyautogui/index.js';
export { osDomain } from './domain.js';
export { applyOsTurn, createOsLedger, type OsLedger, summarizeOsLedger } from './ledger.js';
export { osPerturbations } from './perturbations.js';
export { renderOsAction } from './render.js';
export {
  DEFAULT_OS_SCREEN,
  type OsInitialData,
  OsInitialDataSchema,
  osInitialObservation,
  readOsInitialData,
} from './setup.js';
export { osSystemPrompt } from './system-prompt.js';
export {
  type DesktopNodeChange as OsDesktopNodeChange,
  type DesktopTableDiff as OsDesktopTableDiff,
  diffDesktopTables as osDiffDesktopTables,
} from './table-diff.js';
