import type { WorldSpec } from '../../../core/world-spec.js';
import type { AndroidScreenFormat } from '../screen.js';

export const ANDROID_DIALECTS = ['androidworld', 'phone-invoke'] as const;
export type AndroidDialect = (typeof ANDROID_DIALECTS)[number];
export const DEFAULT_ANDROID_DIALECT: AndroidDialect = 'androidworld';

/** The spec's android dialect (createEnv already refused unknown ones; anything else falls back to the default). */
export function androidDialectOf(spec: WorldSpec): AndroidDialect {
  return spec.dialect === 'phone-invoke' ? 'phone-invoke' : DEFAULT_ANDROID_DIALECT;
}

export function screenFormatOf(dialect: AndroidDialect): AndroidScreenFormat {
  return dialect === 'phone-invoke' ? 'phone-state' : 'element-list';
}

/** The heading of the pre-action state section in each turn prompt. */
export function stateHeadingOf(dialect: AndroidDialect): string {
  return dialect === 'phone-invoke' ? 'Current Phone State' : 'Current State';
}

/** The two element-list renderings of AndroidWorld's agents: M3A (the default) and T3A. */
export const ANDROID_ELEMENT_LIST_FORMATS = ['m3a', 't3a'] as const;
export type AndroidElementListFormat = (typeof ANDROID_ELEMENT_LIST_FORMATS)[number];

/**
 * The androidworld element list a spec asks for in `initialState.data.elementList`: `m3a` (M3A's
 * `UI element i: {"index": i, …}`, the default) or `t3a` (T3A's `UI element i: UIElement(…)`).
 */
export function androidElementListFormatOf(spec: WorldSpec): AndroidElementListFormat {
  return spec.initialState.data.elementList === 't3a' ? 't3a' : 'm3a';
}
