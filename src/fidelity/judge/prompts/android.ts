import { guiDomainPrompt } from './common.js';

/** An Android phone: the screen after a tap, swipe, typed text or key press. */
export const ANDROID_JUDGE_PROMPT = guiDomainPrompt({
  screen:
    'The agent operates an Android phone. The observation describes the screen after the action: the foreground app and its view hierarchy or element list.',
  anchors: `- the app package and activity, the screen title and the navigation stack;
- dialogs, bottom sheets, permission prompts and toasts;
- the on-screen keyboard, focus, the cursor and the text typed into fields;
- selected or checked controls, list position, active tab and scroll position;
- the exact visible text of the region the action touched.`,
});
