/**
 * The example android sessions, one per dialect, each played from the bundled example spec's home screen:
 * - androidworld: add the contact Ada Lovelace (555-0136) in Contacts, with JSONActions over element lists;
 * - phone-invoke: set a 6:30 AM alarm in Clock, with `<invoke name="phone">` calls over phone states.
 * There is no emulator here: every screen below was written by hand for these examples (not captured from a
 * device) and is served by the scripted model server.
 */

export type AndroidExampleDialect = 'androidworld' | 'phone-invoke';

export interface AndroidScenario {
  readonly title: string;
  readonly dialect: AndroidExampleDialect;
  /** The bundled spec the session runs in: `examples/<specFile>`. */
  readonly specFile: string;
  readonly seed: number;
  /** Whether the last action ends the episode (androidworld's `status`; phone-invoke has no such action). */
  readonly endsWithCompletion: boolean;
  /** Each action with the screen the scripted server answers after it. */
  readonly turns: ReadonlyArray<{ readonly action: unknown; readonly observation: string }>;
}

/**
 * An M3A element list (AndroidWorld agents/m3a.py): each row is an element description after its index, numbered
 * from 0 (every element here is valid, so there are no gaps).
 */
function elementList(rows: readonly string[]): string {
  return rows.map((row, index) => `UI element ${index}: {"index": ${index}, ${row}}`).join('\n');
}

interface PhoneStateParts {
  readonly app: string;
  readonly keyboard: 'Hidden' | 'Shown';
  readonly focused: string;
  readonly clickable: readonly string[];
}

/** A phone state: App, Keyboard and Focused Element bullets, then the clickable elements numbered from 1. */
function phoneState(parts: PhoneStateParts): string {
  return [
    `- App: ${parts.app}`,
    `- Keyboard: ${parts.keyboard}`,
    `- Focused Element: ${parts.focused}`,
    'Clickable elements:',
    ...parts.clickable.map((row, index) => `${index + 1}. ${row}`),
  ].join('\n');
}

// ---------------------------------------------------------------------------------------------------------------
// androidworld: Google Contacts (element lists)

const _C = 'com.google.android.contacts';
const KEYBOARD_ROW = `"is_clickable": False, "is_long_clickable": False, "is_editable": False, "is_selected": False, "is_checked": False`;
const clockRow = (time: string): string =>
  `"text": "${time}", "content_description": "${time} AM", "is_clickable": False, "is_long_clickable": False, "is_editable": False, "is_selected": False, "is_checked": False`;

const CONTACTS_TOP = [
  `"is_clickable": False, "is_long_clickable": False, "is_editable": False, "is_selected": False, "is_checked": False`,
  `"text": "Contacts", "is_clickable": False, "is_long_clickable": False, "is_editable": False, "is_selected": False, "is_checked": False`,
  `"content_description": "Search contacts", "is_clickable": True, "is_long_clickable": False, "is_editable": False, "is_selected": False, "is_checked": False`,
  `"is_clickable": False, "is_long_clickable": False, "is_editable": False, "is_scrollable": True, "is_selected": False, "is_checked": False`,
];
const CREATE_CONTACT_FAB = `"content_description": "Create contact", "is_clickable": True, "is_long_clickable": False, "is_editable": False, "is_selected": False, "is_checked": False`;

const CONTACTS_LIST = elementList([
  ...CONTACTS_TOP,
  `"text": "A", "is_clickable": False, "is_long_clickable": False, "is_editable": False, "is_selected": False, "is_checked": False`,
  `"text": "Alan Turing", "is_clickable": True, "is_long_clickable": True, "is_editable": False, "is_selected": False, "is_checked": False`,
  `"text": "G", "is_clickable": False, "is_long_clickable": False, "is_editable": False, "is_selected": False, "is_checked": False`,
  `"text": "Grace Hopper", "is_clickable": True, "is_long_clickable": True, "is_editable": False, "is_selected": False, "is_checked": False`,
  CREATE_CONTACT_FAB,
  clockRow('9:41'),
]);

interface ContactFormState {
  readonly name: string;
  readonly phone: string;
  readonly focus: 'name' | 'phone';
}

/** The Create contact editor with the keyboard up; a label spinner appears once a phone number is typed. */
function contactForm(state: ContactFormState): string {
  const field = (text: string): string =>
    `"text": "${text}", "is_clickable": True, "is_long_clickable": False, "is_editable": True, "is_focusable": True, "is_selected": False, "is_checked": False`;
  return elementList([
    `"is_clickable": False, "is_long_clickable": False, "is_editable": False, "is_selected": False, "is_checked": False`,
    `"content_description": "Cancel", "is_clickable": True, "is_long_clickable": False, "is_editable": False, "is_selected": False, "is_checked": False`,
    `"text": "Create contact", "is_clickable": False, "is_long_clickable": False, "is_editable": False, "is_selected": False, "is_checked": False`,
    `"text": "Save", "is_clickable": True, "is_long_clickable": False, "is_editable": False, "is_selected": False, "is_checked": False`,
    field(state.name || 'Name'),
    `"content_description": "Show more name fields", "is_clickable": True, "is_long_clickable": False, "is_editable": False, "is_selected": False, "is_checked": False`,
    field(state.phone || 'Phone'),
    ...(state.phone === ''
      ? []
      : [
          `"text": "Mobile", "content_description": "Phone type", "is_clickable": True, "is_long_clickable": False, "is_editable": False, "is_selected": False, "is_checked": False`,
        ]),
    `"text": "Email", "is_clickable": True, "is_long_clickable": False, "is_editable": True, "is_selected": False, "is_checked": False`,
    KEYBOARD_ROW,
    clockRow('9:41'),
  ]);
}

const CONTACT_DETAILS = elementList([
  `"is_clickable": False, "is_long_clickable": False, "is_editable": False, "is_selected": False, "is_checked": False`,
  '"content_description": "Navigate up", "is_clickable": True, "is_long_clickable": False, "is_editable": False, "is_selected": False, "is_checked": False',
  `"content_description": "Edit contact", "is_clickable": True, "is_long_clickable": False, "is_editable": False, "is_selected": False, "is_checked": False`,
  `"content_description": "Add to favourites", "is_clickable": True, "is_long_clickable": False, "is_editable": False, "is_selected": False, "is_checked": False`,
  '"content_description": "More options", "is_clickable": True, "is_long_clickable": False, "is_editable": False, "is_selected": False, "is_checked": False',
  `"text": "Ada Lovelace", "is_clickable": False, "is_long_clickable": False, "is_editable": False, "is_selected": False, "is_checked": False`,
  `"text": "Call", "is_clickable": True, "is_long_clickable": False, "is_editable": False, "is_selected": False, "is_checked": False`,
  `"text": "Text", "is_clickable": True, "is_long_clickable": False, "is_editable": False, "is_selected": False, "is_checked": False`,
  `"text": "Video", "is_clickable": True, "is_long_clickable": False, "is_editable": False, "is_selected": False, "is_checked": False`,
  `"text": "Contact info", "is_clickable": False, "is_long_clickable": False, "is_editable": False, "is_selected": False, "is_checked": False`,
  `"text": "555-0136", "is_clickable": True, "is_long_clickable": True, "is_editable": False, "is_selected": False, "is_checked": False`,
  `"text": "Mobile", "is_clickable": False, "is_long_clickable": False, "is_editable": False, "is_selected": False, "is_checked": False`,
  `"content_description": "Send text message", "is_clickable": True, "is_long_clickable": False, "is_editable": False, "is_selected": False, "is_checked": False`,
  clockRow('9:42'),
]);

const CONTACTS_LIST_WITH_ADA = elementList([
  ...CONTACTS_TOP,
  `"text": "A", "is_clickable": False, "is_long_clickable": False, "is_editable": False, "is_selected": False, "is_checked": False`,
  `"text": "Ada Lovelace", "is_clickable": True, "is_long_clickable": True, "is_editable": False, "is_selected": False, "is_checked": False`,
  `"text": "Alan Turing", "is_clickable": True, "is_long_clickable": True, "is_editable": False, "is_selected": False, "is_checked": False`,
  `"text": "G", "is_clickable": False, "is_long_clickable": False, "is_editable": False, "is_selected": False, "is_checked": False`,
  `"text": "Grace Hopper", "is_clickable": True, "is_long_clickable": True, "is_editable": False, "is_selected": False, "is_checked": False`,
  CREATE_CONTACT_FAB,
  clockRow('9:42'),
]);

// ---------------------------------------------------------------------------------------------------------------
// phone-invoke: Google Clock (phone states)

const K = 'com.google.android.deskclock';
const CLOCK_APP = `Clock (${K})`;
const CLOCK_TABS = [
  `android.widget.TextView: ${K}:id/tab_menu_alarm, Alarm - (0,2184,216,2337)`,
  `android.widget.TextView: ${K}:id/tab_menu_clock, Clock - (216,2184,432,2337)`,
  `android.widget.TextView: ${K}:id/tab_menu_timer, Timer - (432,2184,648,2337)`,
  `android.widget.TextView: ${K}:id/tab_menu_stopwatch, Stopwatch - (648,2184,864,2337)`,
  `android.widget.TextView: ${K}:id/tab_menu_bedtime, Bedtime - (864,2184,1080,2337)`,
  `android.widget.ImageButton: ${K}:id/fab, Add alarm - (456,1932,624,2100)`,
];

const CLOCK_ALARMS = phoneState({
  app: CLOCK_APP,
  keyboard: 'Hidden',
  focused: 'None',
  clickable: [
    'android.widget.ImageView: , More options - (954,132,1080,258)',
    `android.widget.TextView: ${K}:id/digital_clock, 7:00 AM - (63,420,560,560)`,
    `android.widget.Switch: ${K}:id/onoff, Off - (888,440,1017,540)`,
    `android.widget.ImageButton: ${K}:id/arrow, Expand alarm - (900,580,1017,680)`,
    ...CLOCK_TABS,
  ],
});

const CLOCK_DIAL_PICKER = phoneState({
  app: CLOCK_APP,
  keyboard: 'Hidden',
  focused: 'None',
  clickable: [
    `android.widget.TextView: ${K}:id/material_hour_tv, 7 - (262,640,472,830)`,
    `android.widget.TextView: ${K}:id/material_minute_tv, 00 - (548,640,758,830)`,
    `android.widget.Button: ${K}:id/material_clock_period_am_button, AM - (806,616,962,722)`,
    `android.widget.Button: ${K}:id/material_clock_period_pm_button, PM - (806,722,962,828)`,
    `android.widget.ImageButton: ${K}:id/material_timepicker_mode_button, Switch to text input mode for the time input - (100,1780,226,1900)`,
    `android.widget.Button: ${K}:id/material_timepicker_cancel_button, Cancel - (520,1780,760,1900)`,
    `android.widget.Button: ${K}:id/material_timepicker_ok_button, OK - (790,1780,980,1900)`,
  ],
});

/** The time picker in text input mode, raised above the keyboard. */
function clockInputPicker(hour: string, minute: string, focus: 'hour' | 'minute'): string {
  const hourRow = `android.widget.EditText: ${K}:id/material_hour_text_input, ${hour}`;
  const minuteRow = `android.widget.EditText: ${K}:id/material_minute_text_input, ${minute}`;
  return phoneState({
    app: CLOCK_APP,
    keyboard: 'Shown',
    focused: focus === 'hour' ? hourRow : minuteRow,
    clickable: [
      `${hourRow} - (262,640,472,830)`,
      `${minuteRow} - (548,640,758,830)`,
      `android.widget.Button: ${K}:id/material_clock_period_am_button, AM - (806,616,962,722)`,
      `android.widget.Button: ${K}:id/material_clock_period_pm_button, PM - (806,722,962,828)`,
      `android.widget.ImageButton: ${K}:id/material_timepicker_mode_button, Switch to clock mode for the time input - (100,1300,226,1420)`,
      `android.widget.Button: ${K}:id/material_timepicker_cancel_button, Cancel - (520,1300,760,1420)`,
      `android.widget.Button: ${K}:id/material_timepicker_ok_button, OK - (790,1300,980,1420)`,
    ],
  });
}

const CLOCK_ALARMS_WITH_NEW = phoneState({
  app: CLOCK_APP,
  keyboard: 'Hidden',
  focused: 'None',
  clickable: [
    'android.widget.ImageView: , More options - (954,132,1080,258)',
    `android.widget.TextView: ${K}:id/digital_clock, 6:30 AM - (63,420,560,560)`,
    `android.widget.Switch: ${K}:id/onoff, On - (888,440,1017,540)`,
    `android.widget.TextView: ${K}:id/edit_label, Add label - (63,600,600,680)`,
    `android.widget.TextView: ${K}:id/choose_ringtone, Default (Cesium) - (63,720,600,800)`,
    `android.widget.CheckBox: ${K}:id/vibrate_onoff, Vibrate - (63,840,600,920)`,
    `android.widget.Button: ${K}:id/delete, Delete - (63,960,360,1040)`,
    `android.widget.ImageButton: ${K}:id/arrow, Collapse alarm - (900,960,1017,1060)`,
    `android.widget.TextView: ${K}:id/digital_clock, 7:00 AM - (63,1160,560,1300)`,
    `android.widget.Switch: ${K}:id/onoff, Off - (888,1180,1017,1280)`,
    `android.widget.ImageButton: ${K}:id/arrow, Expand alarm - (900,1320,1017,1420)`,
    ...CLOCK_TABS,
  ],
});

/** The launcher home screen of examples/android-phone-invoke.json, where Back from Clock returns. */
const LAUNCHER_HOME = phoneState({
  app: 'Pixel Launcher (com.google.android.apps.nexuslauncher)',
  keyboard: 'Hidden',
  focused: 'None',
  clickable: [
    'android.widget.TextView: , Contacts - (77,1582,245,1784)',
    'android.widget.TextView: , Clock - (322,1582,490,1784)',
    'android.widget.TextView: , Phone - (77,1924,245,2126)',
    'android.widget.TextView: , Messages - (322,1924,490,2126)',
    'android.widget.TextView: , Chrome - (590,1924,758,2126)',
  ],
});

/** An `<invoke name="phone">` call as an agent writes it, optionally after a `remember` call. */
function phoneCall(parameters: Readonly<Record<string, string>>, remember?: Record<string, string>): string {
  const block = (name: string, values: Readonly<Record<string, string>>): string =>
    [
      `<invoke name="${name}">`,
      ...Object.entries(values).map(([key, value]) => `<parameter name="${key}">${value}</parameter>`),
      '</invoke>',
    ].join('\n');
  return [...(remember === undefined ? [] : [block('remember', remember)]), block('phone', parameters)].join(
    '\n',
  );
}

export const ANDROID_SCENARIOS: readonly AndroidScenario[] = [
  {
    title: 'Add the contact Ada Lovelace in Contacts (androidworld)',
    dialect: 'androidworld',
    specFile: 'android-androidworld.json',
    seed: 7,
    endsWithCompletion: true,
    turns: [
      { action: { action_type: 'open_app', app_name: 'Contacts' }, observation: CONTACTS_LIST },
      {
        action: { action_type: 'click', index: 8 },
        observation: contactForm({ name: '', phone: '', focus: 'name' }),
      },
      {
        action: { action_type: 'input_text', text: 'Ada Lovelace', index: 4 },
        observation: contactForm({ name: 'Ada Lovelace', phone: '', focus: 'name' }),
      },
      {
        action: { action_type: 'input_text', text: '555-0136', index: 6 },
        observation: contactForm({ name: 'Ada Lovelace', phone: '555-0136', focus: 'phone' }),
      },
      { action: { action_type: 'click', index: 3 }, observation: CONTACT_DETAILS },
      { action: { action_type: 'navigate_back' }, observation: CONTACTS_LIST_WITH_ADA },
      { action: { action_type: 'status', goal_status: 'complete' }, observation: CONTACTS_LIST_WITH_ADA },
    ],
  },
  {
    title: 'Set a 6:30 AM alarm in Clock (phone-invoke)',
    dialect: 'phone-invoke',
    specFile: 'android-phone-invoke.json',
    seed: 7,
    endsWithCompletion: false,
    turns: [
      { action: phoneCall({ action: 'open_app', text: 'Clock' }), observation: CLOCK_ALARMS },
      { action: phoneCall({ action: 'click', index: '10' }), observation: CLOCK_DIAL_PICKER },
      {
        action: phoneCall({ action: 'click', index: '5' }),
        observation: clockInputPicker('7', '00', 'hour'),
      },
      {
        action: phoneCall({ action: 'type', text: '0630' }),
        observation: clockInputPicker('06', '30', 'minute'),
      },
      { action: phoneCall({ action: 'click', index: '7' }), observation: CLOCK_ALARMS_WITH_NEW },
      {
        action: phoneCall(
          { action: 'system_button', button: 'back' },
          { note: 'Alarm for 6:30 AM is saved and switched on' },
        ),
        observation: LAUNCHER_HOME,
      },
    ],
  },
];
