import {
  type OsDesktopNode,
  type OsDesktopPoint,
  type OsLedger,
  osNodesAt,
  osParseDesktopTable,
} from '../../../domains/os/index.js';
import { type DomainMetrics, stateSection } from '../domain-metrics.js';
import { multisetF1 } from '../structural/multiset-f1.js';

/**
 * Rows that open a top-level window. OSWorld's own Ubuntu linearisation (`filter_nodes` in
 * mm_agents/accessibility_tree_wrap/heuristic_retrieve.py, pkueecszc/OSWorld eac51b5) drops frame, window and
 * dialog rows and keeps only `alert`; AgentWorld's tables (fixtures, recordings, perturbations) print them.
 */
const WINDOW_TAGS = new Set(['frame', 'window', 'dialog', 'alert', 'file-chooser']);

/** Tags that take typed text: the os checks' editable set plus the text-input suffixes OSWorld's filter keeps. */
const EDITABLE_TAGS = new Set(['entry', 'text', 'paragraph', 'terminal', 'spin-button', 'password-text']);
const EDITABLE_SUFFIXES = ['textbox', 'textfield', 'textarea', 'searchbox'];

function isEditable(node: OsDesktopNode): boolean {
  return (
    EDITABLE_TAGS.has(node.tag) ||
    node.tag.startsWith('document') ||
    EDITABLE_SUFFIXES.some((suffix) => node.tag.endsWith(suffix))
  );
}

/** An element as its role (the tag column) and accessible name (the name column). */
export interface OsElementRef {
  readonly role: string;
  readonly name: string;
}

/** What an accessibility table implies about the desktop, as the os state-change metric compares it. */
export interface OsDesktopState {
  /** The application of the active window: its class column, else the title's ` - App` suffix. */
  readonly activeApplication: string | null;
  /** The active window: the last window row of the table (a dialog follows the window it belongs to). */
  readonly activeWindow: OsElementRef | null;
  /** Every open window (role and title), sorted. */
  readonly windows: readonly OsElementRef[];
  /** The element that takes keyboard input, inferred (the table has no focus column). */
  readonly focusedElement: OsElementRef | null;
  /** The text column of the focused element. */
  readonly focusedText: string | null;
}

function refOf(node: OsDesktopNode): OsElementRef {
  return { role: node.tag, name: node.name };
}

function applicationOf(window: OsDesktopNode): string | null {
  if (window.className.trim() !== '') return window.className.trim();
  const cut = window.name.lastIndexOf(' - ');
  const suffix = cut === -1 ? '' : window.name.slice(cut + 3).trim();
  return suffix === '' ? null : suffix;
}

/** The rows of the active window: from its row up to the next window row (the whole table when none). */
function activeWindowRows(
  nodes: readonly OsDesktopNode[],
  window: OsDesktopNode | undefined,
): OsDesktopNode[] {
  if (window === undefined) return [...nodes];
  const after = nodes.slice(window.index + 1);
  const end = after.findIndex((node) => WINDOW_TAGS.has(node.tag));
  return end === -1 ? after : after.slice(0, end);
}

/**
 * The focused element. OSWorld's table prints no focus marker (the `focused` state only exists in the XML it
 * filters), so focus is inferred within the active window: the editable element under the pointer (where the
 * last click landed), else the one whose text ends with the latest typed text, else its only editable element.
 */
function focusedOf(
  rows: readonly OsDesktopNode[],
  pointer: OsDesktopPoint | null,
  typed: readonly string[],
): OsDesktopNode | undefined {
  const editable = rows.filter(isEditable);
  if (pointer !== null) {
    const underPointer = osNodesAt(editable, pointer)[0];
    if (underPointer !== undefined) return underPointer;
  }
  const lastTyped = typed.at(-1)?.trim() ?? '';
  if (lastTyped !== '') {
    const edited = editable.filter((node) => node.text.trimEnd().endsWith(lastTyped));
    if (edited.length === 1) return edited[0];
  }
  return editable.length === 1 ? editable[0] : undefined;
}

/** The desktop state a table implies, given the pointer and typed texts the actions so far tell. */
export function osDesktopState(
  screen: string,
  pointer: OsDesktopPoint | null = null,
  typed: readonly string[] = [],
): OsDesktopState {
  const nodes = osParseDesktopTable(screen).nodes;
  const windows = nodes.filter((node) => WINDOW_TAGS.has(node.tag));
  const active = windows.at(-1);
  const focused = focusedOf(activeWindowRows(nodes, active), pointer, typed);
  return {
    activeApplication: active === undefined ? null : applicationOf(active),
    activeWindow: active === undefined ? null : refOf(active),
    windows: windows
      .map(refOf)
      .sort((left, right) => left.role.localeCompare(right.role) || left.name.localeCompare(right.name)),
    focusedElement: focused === undefined ? null : refOf(focused),
    focusedText: focused === undefined ? null : focused.text,
  };
}

/**
 * OS: the first screen is turn 1's `Current State`; structure is a node-level F1 of the accessibility tables
 * (tag, name, text; positions and sizes left out); state is what the table implies about the desktop
 * (`osDesktopState`): active application and window, open windows, focused element and its text.
 */
export const osMetrics: DomainMetrics = {
  domain: 'os',
  specFromRow(_row, turns, dialect) {
    const screen = stateSection(turns[0]);
    const task = turns[0]?.sections['Task Instruction'];
    return {
      domain: 'os',
      dialect,
      ...(task === undefined ? {} : { task }),
      initialState: screen === undefined ? { data: {} } : { text: screen, data: {} },
    };
  },
  structural(truth, prediction) {
    const parse = (text: string): string[] =>
      osParseDesktopTable(text).nodes.map((node) => [node.tag, node.name, node.text].join('\t'));
    return { kind: 'nodes', score: multisetF1(parse(truth), parse(prediction)) };
  },
  stateOf(ledger) {
    const os = ledger as OsLedger;
    return { ...osDesktopState(os.screen, os.pointer, os.typed) };
  },
};
