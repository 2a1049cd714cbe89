/**
 * Conformance fixtures of the androidworld dialect, written by hand from AndroidWorld's source rules
 * (google-research/android_world d9c569f, per real-formats.md §7):
 * - M3A: android_world/agents/m3a.py:204-248 `_generate_ui_element_description`,
 *   `_generate_ui_elements_description_list` (read at 0549c0a);
 * - T3A: android_world/agents/t3a.py:186-203 and the `UIElement` dataclass of
 *   android_world/env/representation_utils.py:53-77 (read at 1214f0e).
 */
import type { M3aElement, T3aElement } from './render.js';

/** A Contacts editor; elements 1 and 4 of the tree are invalid (off screen), so the indices skip them. */
export const ELEMENTS: readonly M3aElement[] = [
  { index: 0, isScrollable: true },
  { index: 2, contentDescription: 'Cancel', isClickable: true, isFocusable: true },
  { index: 3, text: 'Save', isClickable: true, isFocusable: true },
  {
    index: 5,
    text: 'Ada',
    hintText: 'First name',
    isClickable: true,
    isLongClickable: true,
    isEditable: true,
    isFocusable: true,
  },
  { index: 6, text: 'Say "hi", then go', tooltip: 'Note', isSelected: true, isChecked: true },
];

export const M3A_TEXT =
  'UI element 0: {"index": 0, "is_clickable": False, "is_long_clickable": False, "is_editable": False, "is_scrollable": True, "is_selected": False, "is_checked": False}\n' +
  'UI element 2: {"index": 2, "content_description": "Cancel", "is_clickable": True, "is_long_clickable": False, "is_editable": False, "is_focusable": True, "is_selected": False, "is_checked": False}\n' +
  'UI element 3: {"index": 3, "text": "Save", "is_clickable": True, "is_long_clickable": False, "is_editable": False, "is_focusable": True, "is_selected": False, "is_checked": False}\n' +
  'UI element 5: {"index": 5, "text": "Ada", "hint_text": "First name", "is_clickable": True, "is_long_clickable": True, "is_editable": True, "is_focusable": True, "is_selected": False, "is_checked": False}\n' +
  'UI element 6: {"index": 6, "text": "Say "hi", then go", "tooltip": "Note", "is_clickable": False, "is_long_clickable": False, "is_editable": False, "is_selected": True, "is_checked": True}\n';

export const SAVE: T3aElement = {
  index: 3,
  text: 'Save',
  className: 'android.widget.Button',
  bboxPixels: { xMin: 864, xMax: 1038, yMin: 146, yMax: 244 },
  isChecked: false,
  isCheckable: false,
  isClickable: true,
  isEditable: false,
  isEnabled: true,
  isFocused: false,
  isFocusable: true,
  isLongClickable: false,
  isScrollable: false,
  isSelected: false,
  isVisible: true,
  packageName: 'com.google.android.contacts',
  resourceName: 'com.google.android.contacts:id/menu_save',
};
export const NOTE: T3aElement = {
  index: 7,
  text: "Ada's note\nline 2",
  contentDescription: 'say "hi"',
  bbox: { xMin: 0, xMax: 0.5, yMin: 0.25, yMax: 1 },
};

export const T3A_TEXT =
  "UI element 3: UIElement(text='Save', content_description=None, class_name='android.widget.Button', bbox=None, " +
  'bbox_pixels=BoundingBox(x_min=864, x_max=1038, y_min=146, y_max=244), hint_text=None, is_checked=False, ' +
  'is_checkable=False, is_clickable=True, is_editable=False, is_enabled=True, is_focused=False, is_focusable=True, ' +
  'is_long_clickable=False, is_scrollable=False, is_selected=False, is_visible=True, ' +
  "package_name='com.google.android.contacts', resource_name='com.google.android.contacts:id/menu_save', " +
  'tooltip=None, resource_id=None)\n' +
  'UI element 7: UIElement(text="Ada\'s note\\nline 2", content_description=\'say "hi"\', class_name=None, ' +
  'bbox=BoundingBox(x_min=0.0, x_max=0.5, y_min=0.25, y_max=1.0), bbox_pixels=None, hint_text=None, ' +
  'is_checked=None, is_checkable=None, is_clickable=None, is_editable=None, is_enabled=None, is_focused=None, ' +
  'is_focusable=None, is_long_clickable=None, is_scrollable=None, is_selected=None, is_visible=None, ' +
  'package_name=None, resource_name=None, tooltip=None, resource_id=None)\n';
