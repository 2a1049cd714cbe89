/** The os dialects: pyautogui code (dialects/pyautogui) and computer_13 dicts (dialects/computer13). */
import type { WorldSpec } from '../../../core/world-spec.js';

export const OS_DIALECTS = ['pyautogui', 'computer13'] as const;
export type OsDialect = (typeof OS_DIALECTS)[number];
export const DEFAULT_OS_DIALECT: OsDialect = 'pyautogui';

export function osDialectOf(spec: WorldSpec): OsDialect {
  return spec.dialect === 'computer13' ? 'computer13' : 'pyautogui';
}
