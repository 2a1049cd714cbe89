import { z } from 'zod';
import { definePerturbation } from '../../../core/perturbation.js';
import {
  actsOnDesktop,
  appendRows,
  appName,
  dialogRows,
  hasButton,
  nodesShowing,
  screenOf,
} from './desktop-overlay.js';

const AppNotRespondingParams = z
  .object({
    /** The application that hangs; empty: the foreground one. */
    app: z.string().max(80).default(''),
  })
  .strict();

const NOT_RESPONDING = /(?:is not|isn['’]t|not) responding/i;

/** The foreground application stops responding; GNOME offers to wait or force it to quit. */
export const appNotResponding = definePerturbation({
  id: 'app-not-responding',
  title: 'Application not responding',
  description:
    'The foreground application hangs: the desktop shows the "is not responding" dialog with Force Quit and Wait buttons, and the window ignores input until the agent chooses.',
  params: AppNotRespondingParams,
  appliesTo: (_params, context) => actsOnDesktop(context),
  instruction: (params) => {
    const app = params.app === '' ? 'the foreground application' : `"${params.app}"`;
    return `${app === 'the foreground application' ? 'The foreground application' : app} stops responding and the action has no effect in it: GNOME Shell shows its dialog as rows after the others — a \`dialog\` row named "“APP” is not responding." (APP being the application's name, class gnome-shell), a label saying the agent can wait for it or force it to quit, and the push-buttons "Force Quit" and "Wait". Wait keeps the window frozen a little longer; Force Quit closes it.`;
  },
  render: (params, context) => {
    const title = `“${appName(params.app, context.observation)}” is not responding.`;
    return appendRows(
      context.observation,
      dialogRows({
        screen: screenOf(context),
        title,
        className: 'gnome-shell',
        lines: ['Wait for it to continue, or force it to quit now and lose any unsaved work.'],
        buttons: ['Force Quit', 'Wait'],
      }),
    );
  },
  manifested: (_params, context) =>
    nodesShowing(context.observation, NOT_RESPONDING).length > 0 &&
    hasButton(context.observation, ['Force Quit', 'Wait']),
});
