export { invalidAndroidAction } from './action-errors.js';
export {
  type AndroidAction,
  type AndroidActionKind,
  androidActionKind,
  androidActionSchema,
  assertAndroidIndexOnScreen,
  isAndroidCompletion,
  isAndroidWorldAction,
  openedAppOf as androidOpenedAppOf,
  parseAndroidAction,
  targetIndexOf as androidTargetIndexOf,
} from './actions.js';
export {
  appNameTokens as androidAppNameTokens,
  screenShowsApp as androidScreenShowsApp,
} from './app-match.js';
export {
  type AndroidCheckContext,
  checkAndroidObservation,
  foregroundAppCheck as androidForegroundAppCheck,
  indexExistsCheck as androidIndexExistsCheck,
  indexNumberingCheck as androidIndexNumberingCheck,
  screenFormatCheck as androidScreenFormatCheck,
  staleScreenCheck as androidStaleScreenCheck,
} from './checks.js';
export {
  ANDROIDWORLD_ACTION_TYPES,
  ANDROIDWORLD_DIRECTIONS,
  type AndroidWorldAction,
  AndroidWorldActionSchema,
  type M3aElement as AndroidM3aElement,
  orderAndroidWorldAction,
  parseAndroidWorldAction,
  parseElementList as parseAndroidElementList,
  parseM3aElement as parseAndroidM3aElement,
  parseT3aElement as parseAndroidT3aElement,
  renderM3aElement as renderAndroidM3aElement,
  renderM3aElementList as renderAndroidM3aElementList,
  renderM3aScreen as renderAndroidM3aScreen,
  renderT3aElement as renderAndroidT3aElement,
  renderT3aElementList as renderAndroidT3aElementList,
  renderT3aScreen as renderAndroidT3aScreen,
  type T3aBox as AndroidT3aBox,
  type T3aElement as AndroidT3aElement,
} from './dialects/androidworld/index.js';
export {
  ANDROID_DIALECTS,
  ANDROID_ELEMENT_LIST_FORMATS,
  type AndroidDialect,
  type AndroidElementListFormat,
  androidDialectOf,
  androidElementListFormatOf,
  DEFAULT_ANDROID_DIALECT,
} from './dialects/index.js';
export {
  PHONE_ACTIONS as ANDROID_PHONE_ACTIONS,
  PHONE_BUTTONS as ANDROID_PHONE_BUTTONS,
  type PhoneInvokeAction as AndroidPhoneInvokeAction,
  PhoneInvokeActionSchema as AndroidPhoneInvokeActionSchema,
  parsePhoneInvokeAction as parseAndroidPhoneInvokeAction,
  parsePhoneState as parseAndroidPhoneState,
  phoneInvokeActionText as androidPhoneInvokeActionText,
} from './dialects/phone-invoke/index.js';
export { androidDomain } from './domain.js';
export {
  androidInitialObservation,
  DEFAULT_ELEMENT_LIST_HOME as ANDROID_DEFAULT_ELEMENT_LIST_HOME,
  DEFAULT_PHONE_STATE_HOME as ANDROID_DEFAULT_PHONE_STATE_HOME,
  defaultAndroidHomeScreen,
} from './initial-state.js';
export {
  type AndroidLedger,
  applyAndroidTurn,
  createAndroidLedger,
  summarizeAndroidLedger,
} from './ledger.js';
export { androidPerturbations } from './perturbations.js';
export { renderAndroidAction } from './render.js';
export {
  type AndroidAppInfo,
  type AndroidBounds,
  type AndroidElement,
  type AndroidScreen,
  type AndroidScreenFormat,
  elementAt as androidElementAt,
  foregroundAppOf as androidForegroundAppOf,
  parseAndroidScreen,
  screenBody as androidScreenBody,
} from './screen.js';
export { type AndroidElementChange, type AndroidScreenDiff, diffAndroidScreens } from './screen-diff.js';
export { androidSystemPrompt } from './system-prompt.js';
