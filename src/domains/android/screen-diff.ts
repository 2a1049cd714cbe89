import type { AndroidElement, AndroidScreen } from './screen.js';

/** One element present on both screens whose visible properties changed. */
export interface AndroidElementChange {
  readonly before: AndroidElement;
  readonly after: AndroidElement;
  /** Which of text, description, bounds and flags differ. */
  readonly fields: readonly string[];
}

/** What changed between two screens, independent of index renumbering. */
export interface AndroidScreenDiff {
  readonly identical: boolean;
  readonly added: readonly AndroidElement[];
  readonly removed: readonly AndroidElement[];
  readonly changed: readonly AndroidElementChange[];
  /** Elements present on both, unchanged, but at another index. */
  readonly renumbered: number;
  readonly appChanged: boolean;
  readonly keyboardChanged: boolean;
  readonly focusChanged: boolean;
}

const boundsKey = (element: AndroidElement): string =>
  element.bounds === undefined
    ? ''
    : `${element.bounds.x1},${element.bounds.y1},${element.bounds.x2},${element.bounds.y2}`;
const fullKey = (element: AndroidElement): string =>
  [
    element.className,
    element.resourceId,
    element.text,
    element.description,
    boundsKey(element),
    [...element.flags].sort().join(','),
  ].join('\u0000');
const contentKey = (element: AndroidElement): string =>
  [element.className, element.resourceId, element.text, element.description].join('\u0000');
const placeKey = (element: AndroidElement): string =>
  [element.className, element.resourceId, boundsKey(element)].join('\u0000');

/** Pairs elements of `left` and `right` with equal keys, in order; returns the pairs and what is left over. */
function pairBy(
  left: AndroidElement[],
  right: AndroidElement[],
  key: (element: AndroidElement) => string,
): { pairs: Array<[AndroidElement, AndroidElement]>; left: AndroidElement[]; right: AndroidElement[] } {
  const waiting = new Map<string, AndroidElement[]>();
  for (const element of right) {
    const list = waiting.get(key(element));
    if (list === undefined) waiting.set(key(element), [element]);
    else list.push(element);
  }
  const pairs: Array<[AndroidElement, AndroidElement]> = [];
  const restLeft: AndroidElement[] = [];
  const used = new Set<AndroidElement>();
  for (const element of left) {
    const match = waiting.get(key(element))?.shift();
    if (match === undefined) restLeft.push(element);
    else {
      pairs.push([element, match]);
      used.add(match);
    }
  }
  return { pairs, left: restLeft, right: right.filter((element) => !used.has(element)) };
}

function changedFields(before: AndroidElement, after: AndroidElement): string[] {
  const fields: string[] = [];
  if (before.text !== after.text) fields.push('text');
  if (before.description !== after.description) fields.push('description');
  if (boundsKey(before) !== boundsKey(after)) fields.push('bounds');
  if ([...before.flags].sort().join(',') !== [...after.flags].sort().join(',')) fields.push('flags');
  return fields;
}

/**
 * The structural diff of two screens: elements are matched by their whole content first, then by class,
 * resource id, text and description (a move or a flag change), then by class, resource id and bounds (a text
 * change); what is left is added or removed. Index numbers are ignored, since every screen renumbers.
 */
export function diffAndroidScreens(before: AndroidScreen, after: AndroidScreen): AndroidScreenDiff {
  const exact = pairBy([...before.elements], [...after.elements], fullKey);
  const byContent = pairBy(exact.left, exact.right, contentKey);
  const byPlace = pairBy(byContent.left, byContent.right, placeKey);
  const changed = [...byContent.pairs, ...byPlace.pairs].map(([left, right]) => ({
    before: left,
    after: right,
    fields: changedFields(left, right),
  }));
  const renumbered = exact.pairs.filter(([left, right]) => left.index !== right.index).length;
  const appChanged =
    (before.app?.name ?? '') !== (after.app?.name ?? '') ||
    (before.app?.packageName ?? '') !== (after.app?.packageName ?? '');
  const keyboardChanged = (before.keyboard ?? '') !== (after.keyboard ?? '');
  const focusChanged = (before.focused ?? '') !== (after.focused ?? '');
  const identical =
    changed.length === 0 &&
    byPlace.left.length === 0 &&
    byPlace.right.length === 0 &&
    !appChanged &&
    !keyboardChanged &&
    !focusChanged;
  return {
    identical,
    added: byPlace.right,
    removed: byPlace.left,
    changed,
    renumbered,
    appChanged,
    keyboardChanged,
    focusChanged,
  };
}
