/**
 * The phone state as DroidRun's `IndexedFormatter.format` writes it (droidrun/droidrun c0fc91c,
 * droidrun/tools/formatters/indexed_formatter.py), from the same inputs: the Portal's phone state and its filtered
 * accessibility tree. Restated in our words:
 * - the heading `**Current Phone State:**`, then `• **App:** {currentApp} ({packageName})` (packageName defaults to
 *   `Unknown`), `• **Keyboard:** Visible` when `isEditable` else `Hidden`, and `• **Focused Element:** '{text}'`
 *   (`''` when the focused element has no text);
 * - a blank line, the line `Current Clickable UI elements from the device in the schema 'index. className:
 *   resourceId, text - bounds(x1,y1,x2,y2)':`, then the tree flattened depth first, numbered from 1;
 * - per node: `{index}. {ShortClass}: "{resourceId}", "{text}" - ({left},{top},{right},{bottom})`, the class cut
 *   to its last dotted part, the text falling back to the content description, the resource id, then the full
 *   class name; an empty resource id (or text) is left out with its quotes, an empty class with its colon;
 * - `No UI elements found` in place of the lines when the tree is empty.
 */

/** The Portal's phone state, as DroidRun reads it. */
export interface DroidRunPhoneState {
  readonly currentApp?: string;
  readonly packageName?: string;
  readonly isEditable?: boolean;
  readonly focusedElement?: { readonly text?: string } | null;
}

/** One accessibility node of the Portal's tree, with the fields DroidRun reads. */
export interface DroidRunNode {
  readonly className?: string;
  readonly resourceId?: string;
  readonly text?: string;
  readonly contentDescription?: string;
  readonly boundsInScreen?: {
    readonly left?: number;
    readonly top?: number;
    readonly right?: number;
    readonly bottom?: number;
  };
  readonly children?: readonly DroidRunNode[];
}

const SCHEMA_LINE =
  "Current Clickable UI elements from the device in the schema 'index. className: resourceId, text - bounds(x1,y1,x2,y2)':";

function phoneStateText(state: DroidRunPhoneState): string {
  const focused = state.focusedElement?.text ? `'${state.focusedElement.text}'` : "''";
  return [
    '**Current Phone State:**',
    `• **App:** ${state.currentApp ?? ''} (${state.packageName ?? 'Unknown'})`,
    `• **Keyboard:** ${state.isEditable === true ? 'Visible' : 'Hidden'}`,
    `• **Focused Element:** ${focused}`,
  ].join('\n');
}

function nodeLine(node: DroidRunNode, index: number): string {
  const className = node.className ?? '';
  const text = node.text || node.contentDescription || node.resourceId || className;
  const shortClass = className === '' ? '' : (className.split('.').pop() ?? '');
  const bounds = node.boundsInScreen ?? {};
  const parts = [`${index}.`];
  if (shortClass !== '') parts.push(`${shortClass}:`);
  const details: string[] = [];
  if (node.resourceId) details.push(`"${node.resourceId}"`);
  if (text) details.push(`"${text}"`);
  if (details.length > 0) parts.push(details.join(', '));
  parts.push(`- (${bounds.left ?? 0},${bounds.top ?? 0},${bounds.right ?? 0},${bounds.bottom ?? 0})`);
  return parts.join(' ');
}

function flatten(node: DroidRunNode, lines: string[]): void {
  lines.push(nodeLine(node, lines.length + 1));
  for (const child of node.children ?? []) flatten(child, lines);
}

/** The phone state text DroidRun gives its agent for this state and (filtered) tree. */
export function renderDroidRunPhoneState(state: DroidRunPhoneState, tree: DroidRunNode | undefined): string {
  const lines: string[] = [];
  if (tree !== undefined) flatten(tree, lines);
  return `${phoneStateText(state)}\n\n${SCHEMA_LINE}\n${lines.length > 0 ? lines.join('\n') : 'No UI elements found'}`;
}
