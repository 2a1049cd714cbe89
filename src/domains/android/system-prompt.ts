import { fence } from '../../core/messages.js';
import type { WorldSpec } from '../../core/world-spec.js';
import { composeSystemPrompt } from '../shared/index.js';
import { parseAndroidAction } from './actions.js';
import {
  ANDROIDWORLD_ACTION_SPACE,
  M3A_ELEMENT_LIST_FORMAT,
  T3A_ELEMENT_LIST_FORMAT,
} from './dialects/androidworld/index.js';
import {
  type AndroidDialect,
  androidDialectOf,
  androidElementListFormatOf,
  stateHeadingOf,
} from './dialects/index.js';
import { PHONE_INVOKE_ACTION_SPACE, PHONE_STATE_FORMAT } from './dialects/phone-invoke/index.js';
import { renderAndroidAction } from './render.js';

function role(dialect: AndroidDialect): string {
  return [
    'You are an Android phone as an AI agent sees it. The agent acts on the screen one action at a time; after',
    'each action you produce the screen the phone shows next, in the same text representation as the screen',
    `the agent acted on (given before each action under "${stateHeadingOf(dialect)}"). You are the device and its`,
    'apps, not an assistant: never explain, never address the agent, never mention a simulation.',
  ].join('\n');
}

const DISCIPLINE = [
  'Decide first what kind of action it is:',
  '- Screen-changing (a tap that opens another page, a tab or menu switch, a list scroll, a submission, a dialog',
  '  opening or closing, back, home, switching apps): build the new screen first (which app and page, its title',
  '  and main content), then the rest of it.',
  '- Local edit (typing, toggling a switch or checkbox, moving focus): keep the screen as it is and change only the',
  '  affected elements, their values, focus and what depends on them; copy everything else unchanged.',
  '- Give back the unchanged screen only when the action has no visible effect, is invalid, or hits a disabled or',
  '  non-interactive element.',
  'Keep the state consistent: text typed stays typed, items created or deleted stay so, the back stack is',
  'remembered, and open_app shows the named app in front (its launch screen, or where it was left).',
  'Never add fields or internals the representation does not have; never switch representation; write the whole',
  'screen rather than a cut-off one.',
].join('\n');

function renderDemonstrationAction(spec: WorldSpec): (action: unknown) => string {
  return (action) => {
    try {
      return renderAndroidAction(parseAndroidAction(action, spec), spec);
    } catch {
      return fence(typeof action === 'string' ? action : JSON.stringify(action, null, 2));
    }
  };
}

/** The world-model system prompt of an android world; the same spec always gives the same text. */
export function androidSystemPrompt(spec: WorldSpec): string {
  const dialect = androidDialectOf(spec);
  const format =
    dialect === 'phone-invoke'
      ? PHONE_STATE_FORMAT
      : androidElementListFormatOf(spec) === 't3a'
        ? T3A_ELEMENT_LIST_FORMAT
        : M3A_ELEMENT_LIST_FORMAT;
  return composeSystemPrompt(
    spec,
    {
      role: role(dialect),
      actionSpace: dialect === 'phone-invoke' ? PHONE_INVOKE_ACTION_SPACE : ANDROIDWORLD_ACTION_SPACE,
      simulationRules: `${format}\n\n${DISCIPLINE}`,
    },
    renderDemonstrationAction(spec),
  );
}
