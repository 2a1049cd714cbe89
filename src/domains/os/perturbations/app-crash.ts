import { z } from 'zod';
import { definePerturbation } from '../../../core/perturbation.js';
import { DESKTOP_TABLE_HEADER, parseDesktopTable } from '../accessibility-table.js';
import { actsOnDesktop, appName, dialogRows, formatRow, nodesShowing, screenOf } from './desktop-overlay.js';

const AppCrashParams = z
  .object({
    /** The application that crashes; empty: the foreground one. */
    app: z.string().max(80).default(''),
  })
  .strict();

const TOP_LEVEL = new Set(['frame', 'window', 'dialog', 'alert', 'notification']);
const CRASHED = /closed unexpectedly|stopped unexpectedly|quit unexpectedly|has crashed|crashed/i;

/** The table without the foreground window: its frame row and every row after it up to the next top-level row. */
function withoutForegroundWindow(observation: string): string {
  const lines = observation.replace(/\s+$/, '').split('\n');
  const nodes = parseDesktopTable(observation).nodes;
  const frameIndex = [...nodes]
    .reverse()
    .find((node) => node.tag === 'frame' || node.tag === 'window')?.index;
  if (frameIndex === undefined) return lines.join('\n');
  const next = nodes.slice(frameIndex + 1).find((node) => TOP_LEVEL.has(node.tag));
  const start = (nodes[frameIndex]?.line ?? 1) - 1;
  const end = next === undefined ? lines.length : next.line - 1;
  return [...lines.slice(0, start), ...lines.slice(end)].join('\n');
}

/** The foreground application crashes: its window vanishes and Ubuntu's problem reporter appears. */
export const appCrash = definePerturbation({
  id: 'app-crash',
  title: 'Application crash',
  description:
    "The foreground application crashes: its window disappears (unsaved work is lost) and Ubuntu's problem reporter says it closed unexpectedly, offering to relaunch it.",
  params: AppCrashParams,
  appliesTo: (_params, context) => actsOnDesktop(context),
  instruction: (params) => {
    const app = params.app === '' ? 'The foreground application' : `"${params.app}"`;
    return `${app} crashes while handling the action: its window and all of its rows disappear from the state (unsaved changes are lost; its dock entry is no longer marked Running), and rows for the problem reporter follow the others — a \`dialog\` named "APP closed unexpectedly" (class apport-gtk), a label "APP has closed unexpectedly.", a check-box "Send an error report to help fix this problem" and the push-buttons "Close" and "Relaunch".`;
  },
  render: (params, context) => {
    const app = appName(params.app, context.observation);
    const base = withoutForegroundWindow(context.observation).replace(/\tRunning\t/g, '\t\t');
    const rows = dialogRows({
      screen: screenOf(context),
      title: `${app} closed unexpectedly`,
      className: 'apport-gtk',
      lines: [`${app} has closed unexpectedly.`],
      extra: [{ tag: 'check-box', name: 'Send an error report to help fix this problem' }],
      buttons: ['Close', 'Relaunch'],
    });
    const head = base.trim() === '' ? DESKTOP_TABLE_HEADER : base;
    return [head, ...rows.map(formatRow)].join('\n');
  },
  manifested: (_params, context) => nodesShowing(context.observation, CRASHED).length > 0,
});
