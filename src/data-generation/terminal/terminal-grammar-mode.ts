import { GRAMMAR_MODES as SHARED_GRAMMAR_MODES } from '../grammar-mode.js';

/**
 * The terminal generator's grammar modes: the two every generator takes (`training`, `extension`) and `agent`,
 * the training grammar plus the commands coding agents type in a container (git, python3, pip and apt without a
 * network, `ls -l`, files under /etc, long outputs, tar). Held-out sets of the training grammar (seed 7001) and
 * of the extension (seed 7002) stay as they were: the agent families are drawn only in agent mode.
 */
export const GRAMMAR_MODES = [...SHARED_GRAMMAR_MODES, 'agent'] as const;
export type GrammarMode = (typeof GRAMMAR_MODES)[number];
