import { z } from 'zod';
import { definePerturbation } from '../../../core/perturbation.js';
import {
  dialogLayout,
  foregroundLabel,
  parseScreen,
  screenSize,
  showDialog,
  textsOf,
} from './screen-overlay.js';

const PERMISSIONS = {
  location: { question: "access this device's location", runtime: true },
  camera: { question: 'take pictures and record video', runtime: true },
  microphone: { question: 'record audio', runtime: true },
  contacts: { question: 'access your contacts', runtime: false },
  notifications: { question: 'send you notifications', runtime: false },
  photos: { question: 'access photos and videos on this device', runtime: false },
  phone: { question: 'make and manage phone calls', runtime: false },
  sms: { question: 'send and view SMS messages', runtime: false },
  calendar: { question: 'access your calendar', runtime: false },
} as const;

const PermissionDialogParams = z
  .object({
    /** The permission asked for. */
    permission: z.enum(Object.keys(PERMISSIONS) as [keyof typeof PERMISSIONS]).default('location'),
    /** The app asking; empty: the app in front. */
    app: z.string().max(80).default(''),
  })
  .strict();
type PermissionDialogParams = z.output<typeof PermissionDialogParams>;

const CONTROLLER = 'com.google.android.permissioncontroller';

/** The buttons Android shows: foreground-only choices for location, camera and microphone; allow/deny otherwise. */
function choices(params: PermissionDialogParams): { text: string; id: string }[] {
  if (PERMISSIONS[params.permission].runtime) {
    return [
      { text: 'While using the app', id: 'permission_allow_foreground_only_button' },
      { text: 'Only this time', id: 'permission_allow_one_time_button' },
      { text: 'Don’t allow', id: 'permission_deny_button' },
    ];
  }
  return [
    { text: 'Allow', id: 'permission_allow_button' },
    { text: 'Don’t allow', id: 'permission_deny_button' },
  ];
}

const CHOICE = /^(?:allow|don['’]t allow|deny|while using the app|only this time)$/i;

/** Android's runtime permission prompt appears over the app. */
export const permissionDialog = definePerturbation({
  id: 'permission-dialog',
  title: 'Permission dialog',
  description:
    'The app asks for a runtime permission: the system permission prompt ("Allow APP to …?") appears over it with its choices, and the app waits for the answer.',
  params: PermissionDialogParams,
  overridesChecks: {
    'foreground-app':
      'the system permission prompt (the permission controller) is in front of the app open_app asked for, which waits for the answer behind it',
  },
  appliesTo: (_params, context) => context.action === undefined || !isFinalAction(context.action),
  instruction: (params) => {
    const app = params.app === '' ? 'the app in front' : `"${params.app}"`;
    const buttons = choices(params)
      .map((choice) => `"${choice.text}"`)
      .join(', ');
    return `${app === 'the app in front' ? 'The app in front' : app} asks for the ${params.permission} permission: the system prompt of ${CONTROLLER} appears over it with the message "Allow APP to ${PERMISSIONS[params.permission].question}?" (APP being the app's name) and the buttons ${buttons}. In an element list its elements come after the app's and before the status bar and keyboard lines (res ids ${CONTROLLER}:id/permission_message and …_button); in a phone state the App line becomes Permission controller (${CONTROLLER}) and only the buttons are listed. The app behind does not react until a button is pressed.`;
  },
  render: (params, context) => {
    const screen = parseScreen(context);
    const app = foregroundLabel(params.app, screen);
    const buttons = choices(params);
    const layout = dialogLayout(screenSize(screen), { texts: 1, buttons: buttons.length, stacked: true });
    return showDialog(context, {
      owner: { label: 'Permission controller', packageName: CONTROLLER },
      panel: {
        className: 'android.widget.LinearLayout',
        resourceId: `${CONTROLLER}:id/grant_dialog`,
        bounds: layout.panel,
      },
      texts: [
        {
          className: 'android.widget.TextView',
          text: `Allow ${app} to ${PERMISSIONS[params.permission].question}?`,
          resourceId: `${CONTROLLER}:id/permission_message`,
          bounds: layout.text(0),
        },
      ],
      buttons: buttons.map((choice, column) => ({
        className: 'android.widget.Button',
        text: choice.text,
        resourceId: `${CONTROLLER}:id/${choice.id}`,
        bounds: layout.button(column),
        flags: ['clickable'],
      })),
    });
  },
  manifested: (_params, context) => {
    const screen = parseScreen(context);
    const texts = textsOf(screen);
    const question = texts.some((text) => /\ballow\b.+\?$/i.test(text.trim()));
    const owner = screen.app?.packageName?.includes('permissioncontroller') === true;
    return (question || owner) && texts.some((text) => CHOICE.test(text.trim()));
  },
});

/** `status` and `answer` only report to the user: the phone does not react to them. */
export function isFinalAction(action: unknown): boolean {
  const type = (action as { action_type?: unknown }).action_type;
  return type === 'status' || type === 'answer';
}
