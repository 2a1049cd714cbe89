/**
 * Conformance fixtures of the phone-invoke dialect.
 *
 * The observation (the phone state) is DroidRun's. Written by hand from droidrun/droidrun
 * c0fc91cbbd74c0af86872e707f6f743f083697bd, droidrun/tools/formatters/indexed_formatter.py (`IndexedFormatter`:
 * `format`, `_format_phone_state`, `_format_ui_elements_text`, `_format_ui_elements`, `_flatten_with_index`,
 * `_format_node`); the same text is in droidrun/agent/utils/device_state_formatter.py of the releases before it
 * (uk0/droidrun a5f8cf8). That version's schema line, `'index. className: resourceId, text - bounds(x1,y1,x2,y2)'`,
 * is the one AgentWorldBench's "phone" rows show; DroidRun later (e2bd52f, 497c414) split it into two lines and
 * added `; isChecked=…`, which these fixtures do not cover.
 *
 * The actions (`<invoke name="phone">` with click, long_press, type, swipe, open_app, system_button, and an optional
 * `<invoke name="remember">` first) come from the Qwen-AgentWorld spec only (qwen-agentworld-spec.md §1.5, "phone"
 * sub-source). No harness source defining this `phone` tool was found: DroidRun's own agents call Python tools
 * (`tap_by_index`, `swipe`, `input_text`, …), and Qwen2.5-VL's `mobile_use` tool has a similar action set but no
 * `index`. The `<invoke>`/`<parameter>` layout is Anthropic's XML function-call form, which the agent model (Claude)
 * wrote. The action fixtures below therefore restate the spec text, not a parser.
 */
import type { DroidRunNode, DroidRunPhoneState } from './render.js';

/** The Files app at Downloads, as the DroidRun Portal reports it (a filtered tree). */
export const FILES_STATE: DroidRunPhoneState = {
  currentApp: 'Files',
  packageName: 'com.google.android.documentsui',
  isEditable: false,
  focusedElement: null,
};

export const FILES_TREE: DroidRunNode = {
  className: 'android.widget.FrameLayout',
  resourceId: 'com.google.android.documentsui:id/drawer_layout',
  boundsInScreen: { left: 0, top: 0, right: 1080, bottom: 2400 },
  children: [
    {
      className: 'android.widget.ImageButton',
      contentDescription: 'Show roots',
      boundsInScreen: { left: 0, top: 137, right: 147, bottom: 284 },
    },
    {
      className: 'android.widget.TextView',
      resourceId: 'com.google.android.documentsui:id/breadcrumb_text',
      text: 'Downloads',
      boundsInScreen: { left: 0, top: 258, right: 267, bottom: 384 },
    },
    {
      className: 'android.widget.LinearLayout',
      boundsInScreen: { left: 0, top: 420, right: 1080, bottom: 620 },
      children: [
        {
          className: 'android.widget.TextView',
          resourceId: 'android:id/title',
          text: 'report "final".pdf',
          boundsInScreen: { left: 189, top: 452, right: 812, bottom: 510 },
        },
      ],
    },
  ],
};

/** What DroidRun gives its agent for that state, byte for byte. */
export const FILES_TEXT = [
  '**Current Phone State:**',
  '• **App:** Files (com.google.android.documentsui)',
  '• **Keyboard:** Hidden',
  "• **Focused Element:** ''",
  '',
  "Current Clickable UI elements from the device in the schema 'index. className: resourceId, text - bounds(x1,y1,x2,y2)':",
  '1. FrameLayout: "com.google.android.documentsui:id/drawer_layout", "com.google.android.documentsui:id/drawer_layout" - (0,0,1080,2400)',
  '2. ImageButton: "Show roots" - (0,137,147,284)',
  '3. TextView: "com.google.android.documentsui:id/breadcrumb_text", "Downloads" - (0,258,267,384)',
  '4. LinearLayout: "android.widget.LinearLayout" - (0,420,1080,620)',
  '5. TextView: "android:id/title", "report "final".pdf" - (189,452,812,510)',
].join('\n');

/** The search field of Files with the keyboard up, typed into; and a screen whose tree is empty. */
export const SEARCH_STATE: DroidRunPhoneState = {
  currentApp: 'Files',
  packageName: 'com.google.android.documentsui',
  isEditable: true,
  focusedElement: { text: 'invoice' },
};

export const SEARCH_TEXT_EMPTY_TREE = [
  '**Current Phone State:**',
  '• **App:** Files (com.google.android.documentsui)',
  '• **Keyboard:** Visible',
  "• **Focused Element:** 'invoice'",
  '',
  "Current Clickable UI elements from the device in the schema 'index. className: resourceId, text - bounds(x1,y1,x2,y2)':",
  'No UI elements found',
].join('\n');

/** Phone calls the spec's action space allows, with the canonical action each reads as. */
export const ACCEPTED_CALLS: readonly { readonly xml: string; readonly action: Record<string, unknown> }[] = [
  {
    xml: '<invoke name="phone">\n<parameter name="action">click</parameter>\n<parameter name="index">3</parameter>\n</invoke>',
    action: { action: 'click', index: 3 },
  },
  {
    xml: '<invoke name="phone">\n<parameter name="action">click</parameter>\n<parameter name="coordinate">[540, 1200]</parameter>\n</invoke>',
    action: { action: 'click', coordinate: [540, 1200] },
  },
  {
    xml: '<invoke name="phone">\n<parameter name="action">long_press</parameter>\n<parameter name="index">5</parameter>\n<parameter name="duration">1500</parameter>\n</invoke>',
    action: { action: 'long_press', index: 5, duration: 1500 },
  },
  {
    xml: '<invoke name="phone">\n<parameter name="action">type</parameter>\n<parameter name="text">Q3 &amp; Q4 &lt;draft&gt;</parameter>\n</invoke>',
    action: { action: 'type', text: 'Q3 & Q4 <draft>' },
  },
  {
    xml: '<invoke name="phone">\n<parameter name="action">swipe</parameter>\n<parameter name="coordinate">[540, 1800]</parameter>\n<parameter name="coordinate2">[540, 600]</parameter>\n<parameter name="duration">400</parameter>\n</invoke>',
    action: { action: 'swipe', coordinate: [540, 1800], coordinate2: [540, 600], duration: 400 },
  },
  {
    xml: '<invoke name="phone">\n<parameter name="action">open_app</parameter>\n<parameter name="text">Files</parameter>\n</invoke>',
    action: { action: 'open_app', text: 'Files' },
  },
  ...(['back', 'home', 'enter'] as const).map((button) => ({
    xml: `<invoke name="phone">\n<parameter name="action">system_button</parameter>\n<parameter name="button">${button}</parameter>\n</invoke>`,
    action: { action: 'system_button', button },
  })),
  {
    xml: '<invoke name="remember">\n<parameter name="note">invoice is in Downloads</parameter>\n</invoke>\n<invoke name="phone">\n<parameter name="action">click</parameter>\n<parameter name="index">5</parameter>\n</invoke>',
    action: { action: 'click', index: 5, remember: { note: 'invoice is in Downloads' } },
  },
];

/** Calls outside the spec's action space, with the reason this dialect gives (a pattern of its message). */
export const REFUSED_CALLS: readonly { readonly xml: string; readonly reason: RegExp }[] = [
  {
    xml: '<invoke name="phone">\n<parameter name="action">scroll</parameter>\n<parameter name="index">2</parameter>\n</invoke>',
    reason: /action/,
  },
  {
    xml: '<invoke name="phone">\n<parameter name="action">system_button</parameter>\n<parameter name="button">menu</parameter>\n</invoke>',
    reason: /button/,
  },
  {
    xml: '<invoke name="phone">\n<parameter name="action">swipe</parameter>\n<parameter name="coordinate">[540, 1800]</parameter>\n</invoke>',
    reason: /coordinate2/,
  },
  {
    xml: '<invoke name="phone">\n<parameter name="action">click</parameter>\n<parameter name="index">3</parameter>\n</invoke>\n<invoke name="remember">\n<parameter name="note">later</parameter>\n</invoke>',
    reason: /remember call must come before/,
  },
  {
    xml: '<invoke name="remember">\n<parameter name="note">only a note</parameter>\n</invoke>',
    reason: /no <invoke name="phone">/,
  },
];
