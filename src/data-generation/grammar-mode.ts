/**
 * The grammar modes both generators take: `training` (the default, what training streams draw) and `extension`
 * (the training grammar plus held-out families that training mode never draws, for evaluation only).
 */
export const GRAMMAR_MODES = ['training', 'extension'] as const;
export type GrammarMode = (typeof GRAMMAR_MODES)[number];
