/**
 * The byte layout `terminal-bytes-v1` of AgentWorld's embedded terminal world model, exactly as
 * training/layout.py builds it (a test compares the two on a fixture):
 *
 *   <s> SYSTEM_LINE  ECHO(1) TARGET(1) </s>  ECHO(2) TARGET(2) </s> …
 *
 * ECHO is what the terminal shows once a command is typed (prompt, command, newline); the engine knows it and
 * feeds it. TARGET is the rest of that turn's screen (output and next prompt), which the model predicts.
 * Ids: 0 `<unk>`, 1 `<s>`, 2 `</s>`, byte b → 3 + b.
 */

export const LAYOUT_ID = 'terminal-bytes-v1';
export const UNK_ID = 0;
export const BOS_ID = 1;
export const EOS_ID = 2;
export const BYTE_OFFSET = 3;
export const VOCAB_SIZE = 256 + BYTE_OFFSET;
export const SYSTEM_LINE = 'agentworld terminal, bash 80 columns\n';
export const CONTINUATION_PROMPT = '> ';

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: false });

/** The ids of a string's UTF-8 bytes. */
export function byteIds(text: string): number[] {
  const bytes = encoder.encode(text);
  const ids = new Array<number>(bytes.length);
  for (let index = 0; index < bytes.length; index++) ids[index] = BYTE_OFFSET + (bytes[index] as number);
  return ids;
}

/** The raw bytes of byte ids; special ids are dropped. */
export function idsToBytes(ids: readonly number[]): Uint8Array {
  const bytes: number[] = [];
  for (const id of ids) if (id >= BYTE_OFFSET && id < VOCAB_SIZE) bytes.push(id - BYTE_OFFSET);
  return Uint8Array.from(bytes);
}

/** Decodes byte ids as UTF-8 (invalid sequences become U+FFFD). */
export function idsToText(ids: readonly number[]): string {
  return decoder.decode(idsToBytes(ids));
}

/**
 * The command line of a one-command action (`[{ keystrokes: "cmd\n" }]`), without its final newline; undefined
 * for anything the layout has no place for (keys such as C-c, text without Enter, an empty line).
 */
export function commandOfKeystrokes(keystrokes: string): string | undefined {
  if (!keystrokes.endsWith('\n')) return undefined;
  const command = keystrokes.slice(0, -1);
  if (command.trim() === '' || command.includes('\r')) return undefined;
  return command;
}

/** The command of an action made of exactly one command entry, as layout.py's command_of_action. */
export function commandOfAction(action: unknown): string | undefined {
  if (!Array.isArray(action) || action.length !== 1) return undefined;
  const entry: unknown = action[0];
  if (entry === null || typeof entry !== 'object') return undefined;
  const keystrokes = (entry as { keystrokes?: unknown }).keystrokes;
  return typeof keystrokes === 'string' ? commandOfKeystrokes(keystrokes) : undefined;
}

/** What the screen shows once the command is typed and Enter pressed. */
export function renderEcho(prompt: string, command: string): string {
  return `${prompt}${command.split('\n').join(`\n${CONTINUATION_PROMPT}`)}\n`;
}

/** Splits a recorded screen into echo and target, reading the prompt off its first line (layout.py's rule). */
export function splitObservation(
  observation: string,
  command: string,
): { readonly echo: string; readonly target: string } | undefined {
  const firstLineEnd = observation.indexOf('\n');
  if (firstLineEnd < 0) return undefined;
  const firstLine = observation.slice(0, firstLineEnd);
  const commandFirst = command.split('\n', 1)[0] as string;
  if (!firstLine.endsWith(commandFirst)) return undefined;
  const prompt = firstLine.slice(0, firstLine.length - commandFirst.length);
  if (prompt === '') return undefined;
  const echo = renderEcho(prompt, command);
  if (!observation.startsWith(echo)) return undefined;
  return { echo, target: observation.slice(echo.length) };
}

/** One turn of the layout: the echo the engine feeds and the target the model predicts. */
export interface LayoutTurn {
  readonly echo: string;
  readonly target: string;
}

export interface LayoutSequence {
  readonly ids: number[];
  /** 1 where training takes loss (target bytes and `</s>`). */
  readonly lossMask: number[];
}

/** The ids of `<s>` and the system line, which start every sequence. */
export function sequenceHead(): number[] {
  return [BOS_ID, ...byteIds(SYSTEM_LINE)];
}

/**
 * The ids and loss mask of a whole session: the head (by default `<s>` and the terminal system line; another
 * layout passes its own), then each turn's echo without loss and its target and `</s>` with.
 */
export function buildSequence(
  turns: readonly LayoutTurn[],
  head: readonly number[] = sequenceHead(),
): LayoutSequence {
  const ids = [...head];
  const lossMask = ids.map(() => 0);
  for (const turn of turns) {
    for (const id of byteIds(turn.echo)) {
      ids.push(id);
      lossMask.push(0);
    }
    for (const id of [...byteIds(turn.target), EOS_ID]) {
      ids.push(id);
      lossMask.push(1);
    }
  }
  return { ids, lossMask };
}

/** The sequence of a recorded session, or undefined when any turn does not fit the layout. */
export function sessionSequence(record: {
  readonly turns: readonly { readonly action: unknown; readonly observation: string }[];
}): LayoutSequence | undefined {
  const turns: LayoutTurn[] = [];
  for (const turn of record.turns) {
    const command = commandOfAction(turn.action);
    if (command === undefined) return undefined;
    const parts = splitObservation(turn.observation, command);
    if (parts === undefined) return undefined;
    turns.push(parts);
  }
  return turns.length === 0 ? undefined : buildSequence(turns);
}
