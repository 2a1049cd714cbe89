import { createInterface, type Interface } from 'node:readline/promises';
import { injectionReport } from '../../control/index.js';
import type { Engine } from '../../core/engine.js';
import { AgentWorldError, toAgentWorldError } from '../../core/errors.js';
import { createEnv, parseWorldSpec } from '../../session/create-env.js';
import type { Session } from '../../session/session.js';
import { appendSessionRecord } from '../../session/session-file.js';
import { readSpecFile } from '../../session/spec-file.js';
import { actionFromLine } from '../action-input.js';
import { embeddedEngineOf, simulatedBy } from '../embedded-engine-label.js';
import { embeddedModelMismatch } from '../embedded-fit.js';
import { createEngineFromFlags, type EngineFlags } from '../engine-factory.js';
import { bold, dim, formatError } from '../output.js';
import { type PerturbationFlags, withPerturbationFlags } from '../perturbation-flags.js';
import { turnFooter } from '../turn-footer.js';

export interface SimFlags extends EngineFlags, PerturbationFlags {
  readonly seed?: number | undefined;
  readonly save?: string | undefined;
}

const HELP = `Type an action and press Enter. JSON is sent as it is; otherwise
  terminal: the line is typed and run, e.g.  ls -la
  mcp/search: tool_name {"arg": "value"}
Commands:
  :history        the turns of the current session
  :fork           fork the current session and switch to the fork
  :sessions       list sessions (forks included)
  :switch N       switch to session number N
  :save [FILE]    append the current session to a JSONL file (default: --save or session-<id>.jsonl)
  :state          the ledger (what AgentWorld tracks deterministically)
  :report         perturbations injected so far, and how many the observations showed
  :help           this text
  :quit           leave (Ctrl-D works too; Ctrl-C stops a step that is running)`;

function turnCount(count: number): string {
  return `${count} turn${count === 1 ? '' : 's'}`;
}

/** What the loop knows between lines. */
interface SimState {
  readonly sessions: Session[];
  current: Session;
  /** Per session, the turn count last written to each file, so the exit save does not write it twice. */
  readonly saved: Map<Session, Map<string, number>>;
}

async function save(state: SimState, session: Session, path: string): Promise<void> {
  await appendSessionRecord(path, session.toRecord({ savedBy: 'agentworld sim' }));
  const files = state.saved.get(session) ?? new Map<string, number>();
  files.set(path, session.turns.length);
  state.saved.set(session, files);
}

/** Runs one `:command`; returns false when the loop should end. */
async function runCommand(line: string, state: SimState, flags: SimFlags): Promise<boolean> {
  const match = /^(:\S+)\s*(.*)$/s.exec(line);
  const command = match?.[1] ?? line;
  const argument = match?.[2]?.trim() ?? '';
  const { current, sessions } = state;
  switch (command) {
    case ':quit':
    case ':exit':
    case ':q':
      return false;
    case ':help':
      console.log(HELP);
      return true;
    case ':history':
      if (current.turns.length === 0) console.log(dim('(no turns yet)'));
      for (const turn of current.turns) {
        console.log(bold(`--- turn ${turn.index}`));
        console.log(JSON.stringify(turn.action));
        console.log(turn.observation);
        console.log(dim(turnFooter(turn)));
      }
      return true;
    case ':fork': {
      const fork = current.fork();
      sessions.push(fork);
      state.current = fork;
      console.log(dim(`forked at turn ${fork.forkedAtTurn} → session #${sessions.length - 1} (${fork.id})`));
      return true;
    }
    case ':sessions':
      sessions.forEach((session, index) => {
        const marker = session === current ? '*' : ' ';
        const parent =
          session.parentId === undefined
            ? ''
            : ` · fork of ${session.parentId.slice(0, 8)} at turn ${session.forkedAtTurn}`;
        console.log(`${marker} #${index} ${session.id} · ${turnCount(session.turns.length)}${parent}`);
      });
      return true;
    case ':switch': {
      const index = /^\d+$/.test(argument) ? Number(argument) : Number.NaN;
      const target = sessions[index];
      if (target === undefined) {
        throw new AgentWorldError(
          'INVALID_REQUEST',
          `No session #${argument === '' ? '?' : argument}: use :switch N with N from 0 to ${sessions.length - 1} (see :sessions).`,
        );
      }
      state.current = target;
      console.log(dim(`switched to session #${index} (${target.id}, ${turnCount(target.turns.length)})`));
      return true;
    }
    case ':save': {
      const path = argument === '' ? (flags.save ?? `session-${current.id}.jsonl`) : argument;
      await save(state, current, path);
      console.log(dim(`saved session ${current.id} (${turnCount(current.turns.length)}) to ${path}`));
      return true;
    }
    case ':report': {
      const report = injectionReport(current.turns);
      console.log(JSON.stringify(report, null, 2));
      return true;
    }
    case ':state':
      console.log(JSON.stringify(current.ledgerSummary(), null, 2));
      return true;
    default:
      throw new AgentWorldError('INVALID_REQUEST', `Unknown command ${command}. Type :help.`);
  }
}

async function runAction(line: string, state: SimState, signal: AbortSignal): Promise<void> {
  const session = state.current;
  const result = await session.step(actionFromLine(line, session.spec.domain), { signal });
  console.log(result.observation);
  console.log(dim(turnFooter(result.info.turn)));
  if (result.terminated) console.log(dim('(the agent declared the task complete: terminated)'));
  if (result.truncated) console.log(dim('(turn limit reached: truncated)'));
}

/** Reads lines until :quit or the end of input. Ctrl-C (on a terminal) stops a running step, else leaves. */
async function readLoop(readline: Interface, state: SimState, flags: SimFlags, interactive: boolean) {
  let running: AbortController | undefined;
  readline.on('SIGINT', () => {
    if (running !== undefined) running.abort();
    else readline.close();
  });
  const prompt = (): void => {
    if (interactive) readline.prompt();
  };
  prompt();
  for await (const line of readline) {
    const trimmed = line.trim();
    if (trimmed === '') {
      prompt();
      continue;
    }
    try {
      if (trimmed.startsWith(':')) {
        if (!(await runCommand(trimmed, state, flags))) break;
      } else {
        running = new AbortController();
        await runAction(line, state, running.signal);
      }
    } catch (error) {
      console.log(formatError(toAgentWorldError(error)));
    } finally {
      running = undefined;
    }
    prompt();
  }
}

/**
 * `agentworld sim SPEC`: an interactive session against a world model. Lines come from stdin, so actions can
 * be piped in; without a terminal there is no prompt and no colour. Returns the exit status.
 */
export async function runSim(specPath: string, flags: SimFlags): Promise<number> {
  let engine: Engine | undefined;
  try {
    const spec = parseWorldSpec(await withPerturbationFlags(await readSpecFile(specPath), flags));
    // The domain picks the default engine: a terminal world without a model server gets the hybrid (the terminal
    // twin, then the embedded model), an mcp world of server-memory the embedded mcp model.
    engine = await createEngineFromFlags(flags, { spec });
    const root = await createEnv(spec, { engine });
    const reset = await root.reset({ seed: flags.seed });
    const state: SimState = { sessions: [root], current: root, saved: new Map() };
    console.log(
      dim(
        `session ${root.id} · ${root.spec.domain}/${root.dialect} · seed ${reset.info.seed} · engine ${engine.id}${simulatedBy(engine)}`,
      ),
    );
    const layout = embeddedEngineOf(engine)?.layout;
    if (layout !== undefined) {
      const mismatch = embeddedModelMismatch(root.spec, layout);
      if (mismatch !== undefined) console.log(dim(mismatch));
    }
    if (root.spec.task) console.log(`${bold('Task:')} ${root.spec.task}`);
    console.log(dim('Type :help for commands.'));
    console.log(reset.observation);

    const interactive = process.stdin.isTTY === true;
    const readline = createInterface({ input: process.stdin, output: process.stdout, terminal: interactive });
    readline.setPrompt(dim('action> '));
    try {
      await readLoop(readline, state, flags, interactive);
    } finally {
      readline.close();
    }
    if (interactive) process.stdout.write('\n');

    if (flags.save !== undefined) {
      const path = flags.save;
      let count = 0;
      for (const session of state.sessions) {
        const alreadySaved = state.saved.get(session)?.get(path) === session.turns.length;
        if (session.turns.length === 0 || alreadySaved) continue;
        await save(state, session, path);
        count += 1;
      }
      if (count > 0) console.log(dim(`saved ${count} session${count === 1 ? '' : 's'} to ${path}`));
    }
    for (const session of state.sessions) await session.close();
    return 0;
  } catch (error) {
    console.error(formatError(toAgentWorldError(error), process.stderr));
    return 1;
  } finally {
    await engine?.close();
  }
}
