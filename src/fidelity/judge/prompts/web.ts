import { guiDomainPrompt } from './common.js';

/** A web browser: the page after a click, typed text, navigation or script. */
export const WEB_JUDGE_PROMPT = guiDomainPrompt({
  screen:
    'The agent operates a web browser. The observation describes the browser after the action: URL, title, tabs and the page as an accessibility tree or element list.',
  anchors: `- the URL, the page title, the active tab or frame, and browser dialogs;
- whether navigation happened, and how loading ended (loaded, error page, still loading, redirect, login wall,
  nothing changed);
- the exact visible text, table rows, prices and dates that matter to the task;
- form field values and validation messages;
- modals, dropdowns and cookie banners, the scroll position and viewport;
- console output or error blocks when the observation shows them.`,
});
