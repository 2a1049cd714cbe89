import { guiDomainPrompt } from './common.js';

/** A desktop computer: the desktop after a click, typed text, hotkey or script. */
export const OS_JUDGE_PROMPT = guiDomainPrompt({
  screen:
    'The agent operates a desktop computer. The observation describes the desktop after the action: windows, applications and their contents, usually as an accessibility tree.',
  anchors: `- the active application, the focused window and its title, window stacking order, minimised or maximised
  state, and geometry;
- dialogs, menus and file pickers;
- exact names of files, documents and tabs;
- focus, selection, edited text and whether it was saved;
- rows of terminal output, changes seen in the file manager;
- the status bar, clock, coordinates and taskbar.`,
});
