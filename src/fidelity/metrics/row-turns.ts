import { OBSERVATION_MARKER } from '../../core/messages.js';
import { restoreUntrustedText } from '../../core/untrusted-text.js';
import type { BenchRow } from '../schemas.js';

/** One turn's user message taken apart (spec §0.2): its headed sections and its fenced action. */
export interface RowTurn {
  /** Sections before `**Action:**`, by heading (`Current State`, `Task Instruction` …), guards removed. */
  readonly sections: Readonly<Record<string, string>>;
  /** The fence's language tag (`json`, `python`, `bash`, `xml`, or ''). */
  readonly language: string;
  /** The action text inside the fence; undefined when the turn has no fenced action. */
  readonly action: string | undefined;
}

const SECTION_HEADING = /^\*\*([^*\n]+?):\*\*[ \t]*$/;

/**
 * Splits one `prompt[i]` into its sections and the fenced action body. The instruction suffix after the closing
 * fence (evaluated turn only) is ignored. Section bodies had their layout lines guarded (`guardUntrustedText`)
 * when they were written; the guards are removed so the text equals the observation it repeats.
 */
export function parseRowTurn(prompt: string): RowTurn {
  const lines = prompt.replace(/\r\n/g, '\n').split('\n');
  const sections: Record<string, string> = {};
  let heading: string | undefined;
  let body: string[] = [];
  const close = (): void => {
    if (heading !== undefined && heading !== 'Action') {
      sections[heading] = restoreUntrustedText(body.join('\n').replace(/\n+$/, ''));
    }
  };
  let index = 0;
  for (; index < lines.length; index++) {
    const line = lines[index] as string;
    const match = SECTION_HEADING.exec(line);
    if (match !== null) {
      close();
      heading = match[1]?.trim();
      body = [];
      if (heading === 'Action') {
        index++;
        break;
      }
      continue;
    }
    if (heading !== undefined) body.push(line);
  }
  if (heading !== 'Action') {
    close();
    return { sections, language: '', action: undefined };
  }
  const open = /^(`{3,}|~{3,})([^`\s]*)\s*$/.exec(lines[index] ?? '');
  if (open === null) return { sections, language: '', action: undefined };
  const fenceText = open[1] as string;
  const closing = new RegExp(`^${fenceText[0] === '`' ? '`' : '~'}{${fenceText.length},}\\s*$`);
  const actionLines: string[] = [];
  for (index++; index < lines.length; index++) {
    const line = lines[index] as string;
    if (closing.test(line)) return { sections, language: open[2] ?? '', action: actionLines.join('\n') };
    actionLines.push(line);
  }
  return { sections, language: open[2] ?? '', action: undefined };
}

/**
 * An observation without the `**Environment Observation:**` marker, as the reference's `clean_response_marker`
 * removes it (spec §3.4 step 5: a leading marker only, else every occurrence), then trimmed, as the reference's
 * extraction trims the prediction (§3.4 step 3): both sides of a comparison go through this.
 */
export function cleanObservation(text: string): string {
  const cleaned = text.startsWith(OBSERVATION_MARKER)
    ? text.slice(OBSERVATION_MARKER.length)
    : text.split(OBSERVATION_MARKER).join('');
  return cleaned.trim();
}

/** The raw observation a response message records (its marker line removed, nothing trimmed). */
export function responseObservation(message: string): string {
  if (!message.startsWith(OBSERVATION_MARKER)) return message;
  return message.slice(OBSERVATION_MARKER.length).replace(/^\r?\n/, '');
}

/** The ground-truth message of a row's evaluated turn (`response[turn_idx-1]`); undefined when out of range. */
export function rowGroundTruth(row: BenchRow): string | undefined {
  return row.response[row.turn_idx - 1];
}
