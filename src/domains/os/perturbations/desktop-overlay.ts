import type { PerturbationContext } from '../../../core/perturbation.js';
import {
  DESKTOP_TABLE_HEADER,
  type DesktopNode,
  looksLikeDesktopTable,
  parseDesktopTable,
} from '../accessibility-table.js';
import { traceOsAction } from '../action-trace.js';
import type { OsAction } from '../actions.js';
import { DEFAULT_OS_SCREEN, readOsInitialData } from '../setup.js';
import { renderDesktopTextCell } from '../table-render.js';

/** One row of the accessibility table, before it is written out. */
export interface DesktopRow {
  readonly tag: string;
  readonly name?: string;
  readonly text?: string;
  readonly className?: string;
  readonly description?: string;
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** A row as the linearised table prints it: seven tab-separated columns. */
export function formatRow(row: DesktopRow): string {
  return [
    row.tag,
    row.name ?? '',
    renderDesktopTextCell(row.text ?? ''),
    row.className ?? '',
    row.description ?? '',
    `(${Math.round(row.x)}, ${Math.round(row.y)})`,
    `(${Math.round(row.width)}, ${Math.round(row.height)})`,
  ].join('\t');
}

/** The table with rows added after its last row (a new window comes last in the tree, as the recordings show). */
export function appendRows(observation: string, rows: readonly DesktopRow[]): string {
  const body = observation.replace(/\s+$/, '');
  const head = looksLikeDesktopTable(body)
    ? body
    : body === ''
      ? DESKTOP_TABLE_HEADER
      : `${DESKTOP_TABLE_HEADER}\n${body}`;
  return [head, ...rows.map(formatRow)].join('\n');
}

/** The screen size of the spec's desktop. */
export function screenOf(context: PerturbationContext): { width: number; height: number } {
  try {
    return readOsInitialData(context.spec).screen;
  } catch {
    return DEFAULT_OS_SCREEN;
  }
}

/** The window the agent works in: the last frame of the table (its name, class and rows), if any. */
export interface ForegroundWindow {
  readonly frame: DesktopNode;
  /** The application's display name (`gedit` from "Untitled Document 1 - gedit"). */
  readonly app: string;
}

export function foregroundWindow(observation: string): ForegroundWindow | undefined {
  const nodes = parseDesktopTable(observation).nodes;
  const frame = [...nodes].reverse().find((node) => node.tag === 'frame' || node.tag === 'window');
  if (frame === undefined) return undefined;
  const suffix = frame.name.includes(' - ') ? frame.name.slice(frame.name.lastIndexOf(' - ') + 3).trim() : '';
  return { frame, app: suffix || frame.className || frame.name || 'Application' };
}

/** The application a dialog names: the one configured, else the foreground window's, else a generic name. */
export function appName(configured: string, observation: string): string {
  if (configured !== '') return configured;
  return foregroundWindow(observation)?.app ?? 'Application';
}

/** A dialog's rows: the window, a title, message lines, then its buttons along the bottom, centred on screen. */
export function dialogRows(options: {
  readonly screen: { readonly width: number; readonly height: number };
  readonly tag?: string;
  readonly title: string;
  readonly className: string;
  readonly lines: readonly string[];
  readonly buttons: readonly string[];
  readonly extra?: readonly { readonly tag: string; readonly name: string; readonly text?: string }[];
  readonly width?: number;
  /** Top edge; centred vertically when left out. */
  readonly y?: number;
}): DesktopRow[] {
  const width = options.width ?? 480;
  const extra = options.extra ?? [];
  const height = 96 + 26 * options.lines.length + 40 * extra.length + 48;
  const x = Math.round((options.screen.width - width) / 2);
  const y = options.y ?? Math.round((options.screen.height - height) / 2);
  const rows: DesktopRow[] = [
    { tag: options.tag ?? 'dialog', name: options.title, className: options.className, x, y, width, height },
    {
      tag: 'label',
      name: options.title,
      text: options.title,
      x: x + 24,
      y: y + 24,
      width: width - 48,
      height: 22,
    },
  ];
  options.lines.forEach((line, index) => {
    rows.push({
      tag: 'label',
      name: line,
      text: line,
      x: x + 24,
      y: y + 60 + 26 * index,
      width: width - 48,
      height: 20,
    });
  });
  const extraTop = y + 60 + 26 * options.lines.length + 8;
  extra.forEach((item, index) => {
    rows.push({
      tag: item.tag,
      name: item.name,
      ...(item.text === undefined ? {} : { text: item.text }),
      x: x + 24,
      y: extraTop + 40 * index,
      width: width - 48,
      height: 34,
    });
  });
  const buttonWidth = Math.floor(
    (width - 24 * (options.buttons.length + 1)) / Math.max(1, options.buttons.length),
  );
  options.buttons.forEach((button, index) => {
    rows.push({
      tag: 'push-button',
      name: button,
      x: x + 24 + index * (buttonWidth + 24),
      y: y + height - 48,
      width: buttonWidth,
      height: 34,
    });
  });
  return rows;
}

/** Whether the action is one the desktop reacts to (FAIL and DONE end the episode and change nothing). */
export function actsOnDesktop(context: PerturbationContext): boolean {
  if (context.action === undefined) return true;
  try {
    const special = traceOsAction(context.action as OsAction, null).special;
    return special !== 'DONE' && special !== 'FAIL';
  } catch {
    return true;
  }
}

function normalise(text: string): string {
  return text
    .toLowerCase()
    .replace(/[“”"'’]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The table's nodes whose name or text contains the words (quotes and case ignored). */
export function nodesShowing(observation: string, words: string | RegExp): DesktopNode[] {
  const nodes = parseDesktopTable(observation).nodes;
  return nodes.filter((node) =>
    typeof words === 'string'
      ? normalise(`${node.name} ${node.text}`).includes(normalise(words))
      : words.test(`${node.name}\n${node.text}`),
  );
}

/** Whether the table has a push-button with one of these names (case ignored). */
export function hasButton(observation: string, names: readonly string[]): boolean {
  const wanted = new Set(names.map(normalise));
  return parseDesktopTable(observation).nodes.some(
    (node) => (node.tag === 'push-button' || node.tag === 'button') && wanted.has(normalise(node.name)),
  );
}
