import type { Command } from 'commander';
import { registerBenchInfer } from './bench-infer.js';
import { registerBenchJudge } from './bench-judge.js';
import { registerBenchReportCommand } from './bench-report.js';
import { registerBenchScore } from './bench-score.js';
import { registerBenchShadowCommand } from './bench-shadow.js';
import { registerBenchTuringCommand } from './bench-turing.js';

const BENCH_HELP = `
Stages (each reads the previous stage's JSONL, appends each finished row at once and resumes after a crash;
a run manifest beside each file pins what produced it, and a run that differs is refused):
  infer    answer AgentWorldBench rows (or rows exported from your sessions) with a world model
  judge    score each answer on the five dimensions with an LLM judge
  score    the reference's normalisation: per-domain means, macro and micro Overall, confidence intervals
  report   one self-contained HTML page: charts, drift by turn, worst rows with diffs, the manifest
Beside them:
  shadow   judge-free fidelity of an engine on shadow-mode and exported real sessions
  turing   the double-blind real-vs-simulated test: how often a judge is fooled
Example:
  agentworld bench infer --data AgentWorldBench/ --model-url http://127.0.0.1:8000/v1 --model Qwen/Qwen-AgentWorld-35B-A3B --out run/infer.jsonl`;

/**
 * `agentworld bench`: the fidelity stages. Each stage registers itself here with one line
 * (`registerBenchX(bench)`), from its own file.
 */
export function registerBenchCommand(program: Command): Command {
  const bench = program
    .command('bench')
    .description(
      'measure a world model on AgentWorldBench and your own sessions: infer → judge → score → report, shadow, turing',
    )
    .addHelpText('after', BENCH_HELP);
  registerBenchInfer(bench);
  registerBenchJudge(bench);
  registerBenchScore(bench);
  registerBenchShadowCommand(bench);
  registerBenchTuringCommand(bench);
  registerBenchReportCommand(bench);
  return bench;
}
