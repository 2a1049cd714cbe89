/** The terminal dialects: terminus (Terminus-2's keystroke commands), the only one. */
export const TERMINAL_DIALECTS = ['terminus'] as const;
