import { z } from 'zod';
import { definePerturbation, type ObservationContext } from '../../../core/perturbation.js';
import { type AndroidAction, androidActionKind, targetIndexOf } from '../actions.js';
import {
  type AndroidBounds,
  type AndroidElement,
  type AndroidScreen,
  isSystemPackage,
  packageOfResource,
  parseElementLine,
  parsePhoneElementLine,
  screenBodyLines,
} from '../screen.js';
import {
  elementLine,
  formatOf,
  insertIntoElementList,
  parseScreen,
  phoneElementLine,
  screenSize,
  setPhoneBullet,
} from './screen-overlay.js';

const KeyboardCoversFieldParams = z
  .object({
    /** The keyboard's top edge in pixels (a Pixel's Gboard starts at 1581 of 2400). */
    keyboardTop: z.number().int().min(200).max(5000).default(1581),
  })
  .strict();
type KeyboardCoversFieldParams = z.output<typeof KeyboardCoversFieldParams>;

const IME_RESOURCE = 'com.google.android.inputmethod.latin:id/keyboard_holder';

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
  const fieldHeight = Math.max(60, field.bounds.y2 - field.bounds.y1);
  const y1 = Math.min(params.keyboardTop + 160, height - fieldHeight - 80);
  return { x1: field.bounds.x1, y1, x2: field.bounds.x2, y2: y1 + fieldHeight };
}

function renderElementList(
  params: KeyboardCoversFieldParams,
  context: ObservationContext,
  screen: AndroidScreen,
): string {
  const field = typedField(screen, context.action);
  const { width, height } = screenSize(screen);
  const lines = screenBodyLines(context.observation);
  const rewritten = lines.map((line) => {
    const element = parseElementLine(line);
    if (element === undefined) return line;
    const flags = element.flags.filter((flag) => flag !== 'focused');
    if (field !== undefined && element.index === field.index) {
      return elementLine(element.index, {
        className: element.className,
        text: element.text,
        description: element.description,
        resourceId: element.resourceId,
        bounds: coveredBounds(field, params, height),
        flags: [...flags, 'focused'],
      });
    }
    if (isKeyboard(element)) {
      return elementLine(element.index, {
        className: element.className,
        text: element.text,
        description: element.description,
        resourceId: element.resourceId,
        bounds: { x1: 0, y1: params.keyboardTop, x2: width, y2: height - 63 },
        flags: element.flags,
      });
    }
    return element.flags.includes('focused') ? elementLine(element.index, { ...element, flags }) : line;
  });
  const text = rewritten.join('\n');
  if (screen.elements.some(isKeyboard)) return text;
  return insertIntoElementList(text, [
    {
      className: 'android.widget.FrameLayout',
      resourceId: IME_RESOURCE,
      bounds: { x1: 0, y1: params.keyboardTop, x2: width, y2: height - 63 },
    },
  ]);
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
  appliesTo: (_params, context) => {
    if (context.action === undefined) return true;
    const kind = androidActionKind(context.action as AndroidAction);
    return kind === 'type' || kind === 'tap' || kind === 'double_tap' || kind === 'long_press';
  },
  instruction: (params) =>
    `The soft keyboard is shown and covers the lower part of the screen from y=${params.keyboardTop} down, and the app does not scroll the field being typed into above it: that field keeps the focus but lies behind the keyboard (its bounds start below y=${params.keyboardTop}), so typed text is not visible. In an element list the keyboard is an element with res ${IME_RESOURCE} and bounds from y=${params.keyboardTop}, listed before the status bar; in a phone state the Keyboard line reads Shown and the Focused Element is that field.`,
  render: (params, context) => {
    const screen = parseScreen(context);
    return formatOf(context) === 'phone-state'
      ? renderPhoneState(params, context, screen)
      : renderElementList(params, context, screen);
  },
  manifested: (params, context) => {
    const screen = parseScreen(context);
    if (formatOf(context) === 'phone-state') {
      if (!/shown|visible|open/i.test(screen.keyboard ?? '')) return false;
      const focused = screen.elements.find((element) => describePhoneElement(element) === screen.focused);
      const fields = focused === undefined ? screen.elements.filter(isEditable) : [focused];
      return fields.some((element) => centreY(element.bounds) >= params.keyboardTop);
    }
    const keyboard = screen.elements.find(isKeyboard);
    if (keyboard === undefined) return false;
    return screen.elements.some(
      (element) =>
        !isKeyboard(element) &&
        (isEditable(element) || element.flags.includes('focused')) &&
        centreY(element.bounds) >= keyboard.bounds.y1 &&
        centreY(element.bounds) <= keyboard.bounds.y2,
    );
  },
});
