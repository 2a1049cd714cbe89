import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { canonicalJson } from '../../core/hash.js';
import type { SessionRecord } from '../../core/turn.js';
import {
  type RealCorpusManifest,
  readRealCorpus,
  readRealCorpusManifest,
  realCorpusDirectory,
} from '../../corpus/index.js';
import { createReplayEngine } from '../../engines/replay/index.js';
import { createEnv } from '../../session/create-env.js';
import { readSessionFile } from '../../session/session-file.js';
import { examplesDirectory } from '../../session/spec-file.js';
import { bold, describeTurn, dim, red } from '../output.js';
import { runEmbeddedDemo } from './embedded-demo.js';

export interface DemoSummary {
  sessions: number;
  turns: number;
  checksPassed: number;
  checksFailed: number;
  mismatches: number;
}

/** The recorded example sessions bundled with AgentWorld (`examples/sessions/*.jsonl`). */
export async function bundledSessions(): Promise<SessionRecord[]> {
  const directory = join(examplesDirectory(), 'sessions');
  const files = (await readdir(directory)).filter((name) => name.endsWith('.jsonl')).sort();
  const records: SessionRecord[] = [];
  for (const file of files) records.push(...(await readSessionFile(join(directory, file))));
  return records;
}

export interface DemoFlags {
  readonly quiet?: boolean | undefined;
  readonly domain?: string | undefined;
  /** `--no-embedded` sets it to false: skip the embedded-model part. */
  readonly embedded?: boolean | undefined;
  /** A GGUF file for the embedded-model part instead of the shipped model. */
  readonly localModel?: string | undefined;
}

/**
 * `agentworld demo`: replays the bundled example sessions (each labelled with what recorded it) through the full session
 * engine (prompt layout, ledger, checks, provenance) with the replay engine, then the real corpus (sessions the
 * project's scripted agents recorded from the real engines, one summary line per part); then, unless
 * `--no-embedded` or another domain was asked for, runs a short terminal session simulated by the embedded model
 * on this CPU (skipped with one line when the model file or node-llama-cpp is missing). No model server is involved.
 */
export async function runDemo(flags: DemoFlags): Promise<number> {
  const inDomain = (record: SessionRecord): boolean =>
    flags.domain === undefined || record.spec.domain === flags.domain;
  const say = (text: string): void => {
    if (!flags.quiet) console.log(text);
  };
  console.log(
    bold(
      'AgentWorld demo — REPLAY of recorded sessions (no world model is called); each session names what recorded it',
    ),
  );
  const examples = await replaySessions((await bundledSessions()).filter(inDomain), say);
  console.log(
    `\nReplayed ${examples.sessions} sessions, ${examples.turns} turns: checks ${examples.checksPassed} passed, ` +
      `${examples.checksFailed} failed; ${examples.mismatches} turns differ from their recordings.`,
  );
  const corpusReplayed = await replayRealCorpus(inDomain);
  const replayed = examples.mismatches === 0 && examples.sessions > 0 && corpusReplayed;
  if (flags.embedded === false || (flags.domain !== undefined && flags.domain !== 'terminal')) {
    return replayed ? 0 : 1;
  }
  const embedded = await runEmbeddedDemo({ quiet: flags.quiet, localModel: flags.localModel });
  return replayed && !(embedded.kind === 'ran' && embedded.failed) ? 0 : 1;
}

/** Replays sessions through the session engine, showing each turn through `say`. */
async function replaySessions(
  records: readonly SessionRecord[],
  say: (text: string) => void,
): Promise<DemoSummary> {
  const summary: DemoSummary = { sessions: 0, turns: 0, checksPassed: 0, checksFailed: 0, mismatches: 0 };
  const engine = await createReplayEngine({ sessions: [...records] });
  try {
    for (const record of records) {
      const env = await createEnv(record.spec, { engine });
      const reset = await env.reset({ seed: record.seed });
      summary.sessions += 1;
      const recordedWith = record.labels.recordedWith ?? 'unknown';
      const notReal = record.labels.note === undefined ? '' : ` (${record.labels.note})`;
      say('');
      say(
        bold(
          `=== ${record.spec.domain} · ${record.spec.id} · recorded with ${recordedWith}${notReal} · ${record.turns.length} turns`,
        ),
      );
      if (record.spec.task) say(`${bold('Task:')} ${record.spec.task}`);
      say(reset.observation);
      for (const recorded of record.turns) {
        const result = await env.step(recorded.action);
        const turn = result.info.turn;
        summary.turns += 1;
        summary.checksPassed += turn.checks.filter((check) => check.status === 'pass').length;
        summary.checksFailed += turn.checks.filter((check) => check.status === 'fail').length;
        const matches = result.observation === recorded.observation && turn.prompt === recorded.prompt;
        if (!matches) summary.mismatches += 1;
        say(bold(`--- action ${turn.index}: ${canonicalJson(turn.action)}`));
        say(result.observation);
        say(dim(`${describeTurn(turn)}${matches ? '' : red(' · DIFFERS from the recording')}`));
      }
      await env.close();
    }
  } finally {
    await engine.close();
  }
  return summary;
}

/**
 * Replays the real corpus (corpus/real) part by part, one line each; true when every turn came back as recorded
 * and no check failed. A missing corpus (an install without it) is one line, not a failure.
 */
async function replayRealCorpus(inDomain: (record: SessionRecord) => boolean): Promise<boolean> {
  let manifest: RealCorpusManifest;
  try {
    manifest = await readRealCorpusManifest();
  } catch {
    console.log(dim(`\nNo real corpus at ${realCorpusDirectory()}: skipped.`));
    return true;
  }
  console.log(
    bold(
      `\nThe real corpus — ${manifest.sessions} sessions the project's scripted agents recorded from the real tools (npm run corpus:real), replayed:`,
    ),
  );
  let clean = true;
  for (const [name, part] of Object.entries(manifest.parts)) {
    const records = (await readRealCorpus({ parts: [name] })).filter(inDomain);
    if (records.length === 0) continue;
    const summary = await replaySessions(records, () => undefined);
    if (summary.mismatches > 0 || summary.checksFailed > 0) clean = false;
    const tools = Object.entries(part.tools)
      .map(([tool, version]) => `${tool} ${version}`)
      .join(', ');
    const line =
      `  ${name}: ${summary.sessions} sessions, ${summary.turns} turns · checks ${summary.checksPassed} passed, ` +
      `${summary.checksFailed} failed · ${summary.mismatches} differ · ${Object.keys(part.families).length} task families (${tools})`;
    console.log(summary.mismatches > 0 || summary.checksFailed > 0 ? red(line) : line);
  }
  return clean;
}
