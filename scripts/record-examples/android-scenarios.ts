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

/** Numbers element-list rows from 0 the way AndroidWorld prints them (`[ 0]`, …, `[10]`). */
function elementList(rows: readonly string[]): string {
  return rows.map((row, index) => `[${String(index).padStart(2, ' ')}] | ${row}`).join('\n');
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

const C = 'com.google.android.contacts';
const KEYBOARD_ROW = `android.widget.FrameLayout | text="" desc="" res="com.google.android.inputmethod.latin:id/keyboard_holder" | bounds=[0,1581][1080,2337] | `;
const clockRow = (time: string): string =>
  `android.widget.TextView | text="${time}" desc="${time} AM" res="com.android.systemui:id/clock" | bounds=[63,24][161,108] | `;

const CONTACTS_TOP = [
  `android.widget.FrameLayout | text="" desc="" res="${C}:id/root" | bounds=[0,0][1080,2400] | `,
  `android.widget.TextView | text="Contacts" desc="" res="${C}:id/toolbar_title" | bounds=[189,146][492,230] | `,
  `android.widget.ImageButton | text="" desc="Search contacts" res="${C}:id/search_button" | bounds=[870,132][996,258] | clickable`,
  `androidx.recyclerview.widget.RecyclerView | text="" desc="" res="${C}:id/list" | bounds=[0,286][1080,2274] | scrollable`,
];
const CREATE_CONTACT_FAB = `android.widget.ImageButton | text="" desc="Create contact" res="${C}:id/floating_action_button" | bounds=[870,2064][1038,2232] | clickable`;

const CONTACTS_LIST = elementList([
  ...CONTACTS_TOP,
  `android.widget.TextView | text="A" desc="" res="${C}:id/header" | bounds=[42,330][126,410] | `,
  `android.widget.TextView | text="Alan Turing" desc="" res="${C}:id/name" | bounds=[220,330][1020,410] | clickable, long_clickable`,
  `android.widget.TextView | text="G" desc="" res="${C}:id/header" | bounds=[42,477][126,557] | `,
  `android.widget.TextView | text="Grace Hopper" desc="" res="${C}:id/name" | bounds=[220,477][1020,557] | clickable, long_clickable`,
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
  const focused = (field: ContactFormState['focus']): string =>
    state.focus === field ? 'clickable, focused, editable' : 'clickable, editable';
  return elementList([
    `android.widget.FrameLayout | text="" desc="" res="${C}:id/root" | bounds=[0,0][1080,2400] | `,
    `android.widget.ImageButton | text="" desc="Cancel" res="${C}:id/toolbar_close" | bounds=[0,132][126,258] | clickable`,
    `android.widget.TextView | text="Create contact" desc="" res="${C}:id/toolbar_title" | bounds=[189,146][640,230] | `,
    `android.widget.Button | text="Save" desc="" res="${C}:id/menu_save" | bounds=[864,146][1038,244] | clickable`,
    `android.widget.EditText | text="${state.name || 'Name'}" desc="" res="${C}:id/name_field" | bounds=[168,520][934,646] | ${focused('name')}`,
    `android.widget.ImageView | text="" desc="Show more name fields" res="${C}:id/expansion_view" | bounds=[934,540][1038,626] | clickable`,
    `android.widget.EditText | text="${state.phone || 'Phone'}" desc="" res="${C}:id/phone_field" | bounds=[168,720][1038,846] | ${focused('phone')}`,
    ...(state.phone === ''
      ? []
      : [
          `android.widget.Spinner | text="Mobile" desc="Phone type" res="${C}:id/spinner" | bounds=[168,862][480,950] | clickable`,
        ]),
    `android.widget.EditText | text="Email" desc="" res="${C}:id/email_field" | bounds=[168,${state.phone === '' ? 920 : 1010}][1038,${state.phone === '' ? 1046 : 1136}] | clickable, editable`,
    KEYBOARD_ROW,
    clockRow('9:41'),
  ]);
}

const CONTACT_DETAILS = elementList([
  `android.widget.FrameLayout | text="" desc="" res="${C}:id/root" | bounds=[0,0][1080,2400] | `,
  'android.widget.ImageButton | text="" desc="Navigate up" res="" | bounds=[0,132][126,258] | clickable',
  `android.widget.ImageButton | text="" desc="Edit contact" res="${C}:id/menu_edit" | bounds=[702,132][828,258] | clickable`,
  `android.widget.ImageButton | text="" desc="Add to favourites" res="${C}:id/menu_star" | bounds=[828,132][954,258] | clickable`,
  'android.widget.ImageView | text="" desc="More options" res="" | bounds=[954,132][1080,258] | clickable',
  `android.widget.TextView | text="Ada Lovelace" desc="" res="${C}:id/large_title" | bounds=[63,700][1017,800] | `,
  `android.widget.Button | text="Call" desc="" res="${C}:id/call_button" | bounds=[84,880][294,1050] | clickable`,
  `android.widget.Button | text="Text" desc="" res="${C}:id/text_button" | bounds=[330,880][540,1050] | clickable`,
  `android.widget.Button | text="Video" desc="" res="${C}:id/video_button" | bounds=[576,880][786,1050] | clickable`,
  `android.widget.TextView | text="Contact info" desc="" res="${C}:id/section_title" | bounds=[63,1150][600,1220] | `,
  `android.widget.TextView | text="555-0136" desc="" res="${C}:id/header" | bounds=[220,1262][860,1330] | clickable, long_clickable`,
  `android.widget.TextView | text="Mobile" desc="" res="${C}:id/sub_header" | bounds=[220,1330][500,1385] | `,
  `android.widget.ImageButton | text="" desc="Send text message" res="${C}:id/icon_alternate" | bounds=[900,1262][1038,1385] | clickable`,
  clockRow('9:42'),
]);

const CONTACTS_LIST_WITH_ADA = elementList([
  ...CONTACTS_TOP,
  `android.widget.TextView | text="A" desc="" res="${C}:id/header" | bounds=[42,330][126,410] | `,
  `android.widget.TextView | text="Ada Lovelace" desc="" res="${C}:id/name" | bounds=[220,330][1020,410] | clickable, long_clickable`,
  `android.widget.TextView | text="Alan Turing" desc="" res="${C}:id/name" | bounds=[220,440][1020,520] | clickable, long_clickable`,
  `android.widget.TextView | text="G" desc="" res="${C}:id/header" | bounds=[42,587][126,667] | `,
  `android.widget.TextView | text="Grace Hopper" desc="" res="${C}:id/name" | bounds=[220,587][1020,667] | clickable, long_clickable`,
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
