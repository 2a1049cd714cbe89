import { screenFormatOf } from '../../../domains/android/dialects/index.js';
import {
  type AndroidDialect,
  type AndroidElement,
  type AndroidLedger,
  parseAndroidScreen,
} from '../../../domains/android/index.js';
import { type DomainMetrics, stateSection } from '../domain-metrics.js';
import { multisetF1 } from '../structural/multiset-f1.js';

/** An element as class, text, description and resource id (indices and bounds left out). */
export function androidElementKey(element: AndroidElement): string {
  return [element.className, element.text, element.description, element.resourceId].join('\t');
}

/**
 * Android: the first screen is turn 1's state section; structure is an element-level F1 (class, text,
 * description, resource id); state is the foreground app plus the screen's keyboard and focused element.
 */
export const androidMetrics: DomainMetrics = {
  domain: 'android',
  specFromRow(_row, turns, dialect) {
    const screen = stateSection(turns[0]);
    return {
      domain: 'android',
      dialect,
      initialState: screen === undefined ? { data: {} } : { text: screen, data: {} },
    };
  },
  structural(truth, prediction, dialect) {
    const format = screenFormatOf(dialect as AndroidDialect);
    const parse = (text: string): string[] =>
      parseAndroidScreen(text, format).elements.map(androidElementKey);
    return { kind: 'elements', score: multisetF1(parse(truth), parse(prediction)) };
  },
  stateOf(ledger, dialect) {
    const android = ledger as AndroidLedger;
    const screen = parseAndroidScreen(android.screen, screenFormatOf(dialect as AndroidDialect));
    return {
      // From the ledger directly: its summary would parse the screen a second time.
      foregroundApp: android.foregroundApp ?? null,
      keyboard: screen.keyboard ?? null,
      focused: screen.focused ?? null,
    };
  },
};
