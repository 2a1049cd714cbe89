import { randomUUID } from 'node:crypto';
import { createInterface } from 'node:readline';
import type { Engine } from '../../core/engine.js';
import { AgentWorldError, toAgentWorldError } from '../../core/errors.js';
import type { Turn } from '../../core/turn.js';
import type { WorldSpec } from '../../core/world-spec.js';
import { createEnv, parseWorldSpec } from '../../session/create-env.js';
import { RecordingSink } from '../../session/recording-sink.js';
import type { Session } from '../../session/session.js';
import { readSpecFile } from '../../session/spec-file.js';
import { SHADOW_EVENT } from '../../shadow/shadow-record.js';
import { openStore, redactStoreLocation, resolveStoreLocation, type Store } from '../../store/index.js';
import { actionFromLine } from '../action-input.js';
import { ActionScript } from '../action-script.js';
import { createEngineFromFlags, type EngineFlags } from '../engine-factory.js';
import { dim, formatError } from '../output.js';
import { type PerturbationFlags, withPerturbationFlags } from '../perturbation-flags.js';
import { turnFooter } from '../turn-footer.js';

export interface RecordFlags extends EngineFlags, PerturbationFlags {
  readonly actions?: string | undefined;
  readonly out?: string | undefined;
  /** `--store PATH|URL` (else `$AGENTWORLD_STORE`, else the default file); false for `--no-store`. */
  readonly store?: string | false | undefined;
  readonly sessions?: number | undefined;
  readonly seed?: number | undefined;
  /**
   * `--shadow-engine KIND` (`agentworld shadow`): run this engine beside the recorded one on the same actions and
   * record, per turn, how its observation differs (see src/shadow). Its flags are the shared engine flags.
   */
  readonly shadowEngine?: string | undefined;
}

const INTERACTIVE_HELP = `Type an action and press Enter (JSON as it is; terminal: a shell line; mcp/search: tool {"arg": …}).
Every turn is committed to the store and --out as it happens.
  :next    finish this session and start the next (--sessions)
  :quit    finish this session and stop (Ctrl-D too)
  :help    this text`;

/** How one session's loop ended. */
type SessionEnd = 'done' | 'quit';

interface Recording {
  readonly spec: WorldSpec;
  readonly engine: Engine;
  readonly sink: RecordingSink;
  readonly signal: AbortSignal;
  readonly labels: Record<string, string>;
}

/**
 * `agentworld record SPEC`: runs sessions over an engine (the real one by default) with a scripted agent
 * (`--actions FILE`, `-` for stdin) or typed actions, committing each turn to the store and the --out JSONL
 * file as it happens. Returns the exit status: 0, 1 on an error (the turns before it stay recorded), 130 when
 * interrupted.
 */
export async function runRecord(specPath: string, flags: RecordFlags): Promise<number> {
  const controller = new AbortController();
  const abort = (): void => controller.abort();
  process.once('SIGINT', abort);
  process.once('SIGTERM', abort);
  const { signal } = controller;
  let engine: Engine | undefined;
  let store: Store | undefined;
  let total = 0;
  try {
    const spec = parseWorldSpec(
      await withPerturbationFlags(await readSpecFile(specPath, { signal }), flags, { signal }),
    );
    const storeLocation = flags.store === false ? undefined : resolveStoreLocation(flags.store);
    store = storeLocation === undefined ? undefined : await openStore(storeLocation, { signal });
    const sink = new RecordingSink(store, flags.out);
    await sink.check({ signal });
    engine = await createEngineFromFlags({ ...flags, engine: flags.engine ?? 'real' }, { spec, signal });
    if (flags.shadowEngine !== undefined) engine = await withShadow(engine, flags, spec, signal);
    const count = flags.sessions ?? 1;
    const script = flags.actions === undefined ? undefined : ActionScript.open(flags.actions);
    const typed = script === undefined ? typedLines(abort) : undefined;
    const labels = {
      recordedBy: flags.shadowEngine === undefined ? 'agentworld record' : 'agentworld shadow',
      recording: randomUUID(),
      agent: flags.actions === undefined ? 'interactive' : `actions:${flags.actions}`,
      ...(flags.shadowEngine === undefined ? {} : { shadowEngine: flags.shadowEngine }),
    };
    const recording: Recording = { spec, engine, sink, signal, labels };
    const shownStore = storeLocation === undefined ? undefined : redactStoreLocation(storeLocation);
    const where = [shownStore, flags.out].filter((path) => path !== undefined).join(' and ');
    console.error(
      dim(
        `recording ${count} session${count === 1 ? '' : 's'} of ${spec.domain} over engine ${engineName(engine)} to ${where || 'nowhere (--no-store, no --out)'}`,
      ),
    );
    try {
      for (let index = 0; index < count; index++) {
        const seed = flags.seed === undefined ? undefined : flags.seed + index;
        const session = await createEnv(spec, { engine, signal });
        await session.reset({ seed, signal });
        const sessionLabels = { ...labels, session: `${index + 1}/${count}` };
        const record = (): ReturnType<Session['toRecord']> => recordOf(session, sessionLabels);
        await sink.begin(record(), { signal });
        console.error(dim(`session ${session.id} (${index + 1}/${count}) · seed ${record().seed}`));
        if (index === 0 && script === undefined) console.log(record().initialObservation);
        const end =
          script === undefined
            ? await typedSession(session, typed as TypedLines, { ...recording, labels: sessionLabels })
            : await scriptedSession(session, script, { ...recording, labels: sessionLabels });
        await session.close();
        await sink.finish(record(), { signal });
        total += session.turns.length;
        console.error(dim(`session ${session.id}: ${session.turns.length} turns recorded`));
        if (end === 'quit') break;
      }
    } finally {
      typed?.close();
    }
    return 0;
  } catch (error) {
    const converted = toAgentWorldError(error);
    console.error(formatError(converted, process.stderr));
    if (total > 0 || converted.code === 'ABORTED')
      console.error(dim('every turn committed before this stays recorded'));
    return converted.code === 'ABORTED' ? 130 : 1;
  } finally {
    process.removeListener('SIGINT', abort);
    process.removeListener('SIGTERM', abort);
    await engine?.close();
    await store?.close();
  }
}

function recordOf(session: Session, labels: Record<string, string>): ReturnType<Session['toRecord']> {
  return session.toRecord(labels);
}

/** The turn footer, with the shadow engine's comparison (one line) under it in shadow mode. */
function footerOf(turn: Turn): string {
  const shadow = turn.events.find((event) => event.type === SHADOW_EVENT)?.message;
  return shadow === undefined ? turnFooter(turn) : `${turnFooter(turn)}\n${shadow}`;
}

/** `real`, or `real with shadow replay` in shadow mode. */
function engineName(engine: Engine): string {
  const pair = engine as Partial<Record<'primary' | 'shadow', Engine>>;
  return engine.id === 'shadow' && pair.primary !== undefined && pair.shadow !== undefined
    ? `${pair.primary.id} with shadow ${pair.shadow.id}`
    : engine.id;
}

/** Wraps the recorded engine in a ShadowEngine running `--shadow-engine` beside it (`agentworld shadow`). */
async function withShadow(
  primary: Engine,
  flags: RecordFlags,
  spec: WorldSpec,
  signal: AbortSignal,
): Promise<Engine> {
  let shadow: Engine;
  try {
    shadow = await createEngineFromFlags({ ...flags, engine: flags.shadowEngine }, { spec, signal });
  } catch (error) {
    await primary.close();
    throw error;
  }
  const { ShadowEngine } = await import('../../shadow/index.js');
  return new ShadowEngine({ primary, shadow });
}

async function scriptedSession(
  session: Session,
  script: ActionScript,
  recording: Recording,
): Promise<SessionEnd> {
  for (let index = 0; ; index++) {
    const item = await script.at(index);
    if (item === undefined) return 'done';
    try {
      const result = await session.step(item.action, { signal: recording.signal });
      await recording.sink.commitTurn(recordOf(session, recording.labels), { signal: recording.signal });
      console.log(result.observation);
      console.error(dim(footerOf(result.info.turn)));
      if (result.terminated || result.truncated) return 'done';
    } catch (error) {
      const converted = toAgentWorldError(error);
      if (converted.code === 'ABORTED') throw converted;
      throw new AgentWorldError(converted.code, `${item.where}: ${converted.message}`, {
        cause: error,
        details: { ...(converted.details ?? {}), action: item.where },
      });
    }
  }
}

interface TypedLines {
  next(): Promise<string | undefined>;
  close(): void;
}

/** Lines typed (or piped) on stdin, shared by every session of an interactive recording. */
function typedLines(interrupt: () => void): TypedLines {
  const interactive = process.stdin.isTTY === true;
  const readline = createInterface({ input: process.stdin, output: process.stdout, terminal: interactive });
  readline.setPrompt(dim('record> '));
  // Ctrl-C on a terminal stops a running step (ABORTED) and ends the input.
  readline.on('SIGINT', () => {
    interrupt();
    readline.close();
  });
  const iterator = readline[Symbol.asyncIterator]();
  return {
    async next() {
      if (interactive) readline.prompt();
      const line = await iterator.next();
      return line.done === true ? undefined : line.value;
    },
    close: () => readline.close(),
  };
}

async function typedSession(session: Session, lines: TypedLines, recording: Recording): Promise<SessionEnd> {
  for (;;) {
    const line = await lines.next();
    if (line === undefined) return 'quit';
    const trimmed = line.trim();
    if (trimmed === '') continue;
    if (trimmed === ':quit' || trimmed === ':q' || trimmed === ':exit') return 'quit';
    if (trimmed === ':next') return 'done';
    if (trimmed === ':help') {
      console.log(INTERACTIVE_HELP);
      continue;
    }
    try {
      const result = await session.step(actionFromLine(line, session.spec.domain), {
        signal: recording.signal,
      });
      await recording.sink.commitTurn(recordOf(session, recording.labels), { signal: recording.signal });
      console.log(result.observation);
      console.log(dim(footerOf(result.info.turn)));
      if (result.terminated || result.truncated) return 'done';
    } catch (error) {
      const converted = toAgentWorldError(error);
      if (converted.code === 'ABORTED' || converted.code === 'STORE_ERROR') throw converted;
      // A bad typed action is reported and the prompt comes back; nothing was recorded for it.
      console.log(formatError(converted));
    }
  }
}
