import { z } from 'zod';
import { definePerturbation } from '../../../core/perturbation.js';
import { DESKTOP_TABLE_HEADER, parseDesktopTable } from '../accessibility-table.js';
import { actsOnDesktop, formatRow, hasButton, screenOf } from './desktop-overlay.js';

const LockScreenParams = z
  .object({
    /** The name shown above the password field. */
    account: z.string().min(1).max(80).default('user'),
  })
  .strict();

/** The clock the panel shows (`Oct 14  10:42` → `10:42`), to carry onto the lock screen. */
function clockOf(observation: string): string {
  const clock = parseDesktopTable(observation).nodes.find((node) => node.name === 'Clock');
  return /\d{1,2}:\d{2}(?:\s?[AP]M)?/.exec(clock?.text ?? '')?.[0] ?? '10:42';
}

/** The session locks: every window is hidden behind the lock screen, which asks for the password. */
export const lockScreen = definePerturbation({
  id: 'lock-screen',
  title: 'Screen locked',
  description:
    'The session locks (idle timeout or a policy): the whole desktop is replaced by the GNOME lock screen with the clock, the account name, a password field and an Unlock button; windows stay open behind it.',
  params: LockScreenParams,
  overridesChecks: {
    'stale-state':
      'the lock screen takes the input and stays as it was: a click or typing on the desktop does not change the screen while it is locked',
  },
  appliesTo: (_params, context) => actsOnDesktop(context),
  instruction: (params) =>
    `The screen locks before the action takes effect: the state is only the lock screen — the table header, then a label with the current time, a label "${params.account}", a \`password-text\` row named "Password" with the focus and a push-button "Unlock"; no window, panel or dock rows are listed. The windows and their content are unchanged behind it and come back after unlocking.`,
  render: (params, context) => {
    const screen = screenOf(context);
    const centre = screen.width / 2;
    const rows = [
      {
        tag: 'label',
        name: 'Clock',
        text: clockOf(context.observation),
        x: centre - 110,
        y: screen.height * 0.3,
        width: 220,
        height: 90,
      },
      {
        tag: 'label',
        name: params.account,
        text: params.account,
        x: centre - 150,
        y: screen.height * 0.5,
        width: 300,
        height: 28,
      },
      {
        tag: 'password-text',
        name: 'Password',
        x: centre - 150,
        y: screen.height * 0.5 + 44,
        width: 260,
        height: 36,
      },
      {
        tag: 'push-button',
        name: 'Unlock',
        x: centre + 114,
        y: screen.height * 0.5 + 44,
        width: 36,
        height: 36,
      },
    ];
    return [DESKTOP_TABLE_HEADER, ...rows.map(formatRow)].join('\n');
  },
  manifested: (_params, context) => {
    const nodes = parseDesktopTable(context.observation).nodes;
    const password = nodes.some((node) => node.tag === 'password-text' || /password/i.test(node.name));
    const noWindows = !nodes.some((node) => node.tag === 'frame');
    return password && (hasButton(context.observation, ['Unlock']) || noWindows);
  },
});
