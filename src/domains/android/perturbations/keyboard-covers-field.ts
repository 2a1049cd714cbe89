import { z } from 'zod';
import { definePerturbation, type ObservationContext } from '../../../core/perturbation.js';
import { type AndroidAction, androidActionKind, targetIndexOf } from '../actions.js';
import { parsePhoneElementLine } from '../dialects/phone-invoke/index.js';
import {
  type AndroidBounds,
  type AndroidElement,
  type AndroidScreen,
  isSystemPackage,
  packageOfResource,
} from '../screen.js';
import { formatOf, parseScreen, phoneElementLine, screenSize, setPhoneBullet } from './screen-overlay.js';

const KeyboardCoversFieldParams = z
  .object({
    /** The keyboard's top edge in pixels (a Pixel's Gboard starts at 1581 of 2400). */
    keyboardTop: z.number().int().min(200).max(5000).default(1581),
  })
  .strict();
type KeyboardCoversFieldParams = z.output<typeof KeyboardCoversFieldParams>;

function isKeyboard(element: AndroidElement): boolean {
  const owner = packageOfResource(element.resourceId) ?? '';
  return /inputmethod|keyboard/i.test(owner) || /keyboard/i.test(element.resourceId);
}

function isEditable(element: AndroidElement): boolean {
  return element.flags.includes('editable') || /EditText|AutoCompleteTextView/.test(element.className);
}

function describePhoneElement(element: AndroidElement): string {
  return `${element.className}: ${element.resourceId}, ${element.text}`;
}

/** The field the keyboard types into: the focused field, the one the action targets, or the first editable one. */
function typedField(screen: AndroidScreen, action: unknown): AndroidElement | undefined {
  const candidates = screen.elements.filter(
    (element) => !isKeyboard(element) && !isSystemPackage(packageOfResource(element.resourceId) ?? 'app'),
  );
  const index = action === undefined ? undefined : targetIndexOf(action as AndroidAction);
  return (
    candidates.find((element) => element.flags.includes('focused') && isEditable(element)) ??
    candidates.find(
      (element) => screen.focused !== undefined && describePhoneElement(element) === screen.focused,
    ) ??
    candidates.find((element) => element.index === index && isEditable(element)) ??
    candidates.find(isEditable) ??
    candidates.find((element) => element.index === index) ??
    candidates[candidates.length - 1]
  );
}

/** Where the covered field sits: moved down behind the keyboard, keeping its height. */
function coveredBounds(
  field: AndroidElement,
  params: KeyboardCoversFieldParams,
  height: number,
): AndroidBounds {
  const bounds = field.bounds ?? { x1: 0, y1: 0, x2: 0, y2: 0 };
  const fieldHeight = Math.max(60, bounds.y2 - bounds.y1);
  const y1 = Math.min(params.keyboardTop + 160, height - fieldHeight - 80);
  return { x1: bounds.x1, y1, x2: bounds.x2, y2: y1 + fieldHeight };
}

function renderPhoneState(
  params: KeyboardCoversFieldParams,
  context: ObservationContext,
  screen: AndroidScreen,
): string {
  const field = typedField(screen, context.action);
  let text = setPhoneBullet(context.observation, 'Keyboard', 'Shown');
  if (field === undefined) return text;
  const moved = { ...field, bounds: coveredBounds(field, params, screenSize(screen).height) };
  text = setPhoneBullet(text, 'Focused Element', describePhoneElement(moved));
  return text
    .split('\n')
    .map((line) =>
      parsePhoneElementLine(line)?.index === field.index ? phoneElementLine(field.index, moved) : line,
    )
    .join('\n');
}

const centreY = (bounds: AndroidBounds): number => (bounds.y1 + bounds.y2) / 2;

/** The soft keyboard opens over the field being typed into, hiding it. */
export const keyboardCoversField = definePerturbation({
  id: 'keyboard-covers-field',
  title: 'Keyboard covers the field',
  description:
    'The soft keyboard opens over the field the agent types into: the app does not scroll it into view, so the focused field lies behind the keyboard and what is typed cannot be seen.',
  params: KeyboardCoversFieldParams,
  // M3A's element list (androidworld) shows no positions, so only the phone state can show a covered field.
  appliesTo: (_params, context) => {
    if (formatOf(context) !== 'phone-state') return false;
    if (context.action === undefined) return true;
    const kind = androidActionKind(context.action as AndroidAction);
    return kind === 'type' || kind === 'tap' || kind === 'double_tap' || kind === 'long_press';
  },
  instruction: (params) =>
    `The soft keyboard is shown and covers the lower part of the screen from y=${params.keyboardTop} down, and the app does not scroll the field being typed into above it: that field keeps the focus but lies behind the keyboard (its bounds start below y=${params.keyboardTop}), so typed text is not visible. In a phone state the Keyboard line reads Shown and the Focused Element is that field; an element list (which shows no positions) is left as it is.`,
  render: (params, context) => {
    const screen = parseScreen(context);
    return formatOf(context) === 'phone-state'
      ? renderPhoneState(params, context, screen)
      : context.observation;
  },
  manifested: (params, context) => {
    const screen = parseScreen(context);
    if (formatOf(context) === 'phone-state') {
      if (!/shown|visible|open/i.test(screen.keyboard ?? '')) return false;
      const focused = screen.elements.find((element) => describePhoneElement(element) === screen.focused);
      const fields = focused === undefined ? screen.elements.filter(isEditable) : [focused];
      return fields.some(
        (element) => element.bounds !== undefined && centreY(element.bounds) >= params.keyboardTop,
      );
    }
    return false;
  },
});
