/** Realistic screens shared by the android tests (written for these tests; not captured from a device). */

export const CONTACTS_LIST = [
  'UI element 0: {"index": 0, "is_clickable": False, "is_long_clickable": False, "is_editable": False, "is_selected": False, "is_checked": False}',
  'UI element 1: {"index": 1, "text": "Contacts", "is_clickable": False, "is_long_clickable": False, "is_editable": False, "is_selected": False, "is_checked": False}',
  'UI element 2: {"index": 2, "content_description": "Search contacts", "is_clickable": True, "is_long_clickable": False, "is_editable": False, "is_selected": False, "is_checked": False}',
  'UI element 3: {"index": 3, "is_clickable": False, "is_long_clickable": False, "is_editable": False, "is_scrollable": True, "is_selected": False, "is_checked": False}',
  'UI element 4: {"index": 4, "text": "Grace Hopper", "is_clickable": True, "is_long_clickable": True, "is_editable": False, "is_selected": False, "is_checked": False}',
  'UI element 5: {"index": 5, "content_description": "Create contact", "is_clickable": True, "is_long_clickable": False, "is_editable": False, "is_selected": False, "is_checked": False}',
  'UI element 6: {"index": 6, "text": "9:42", "content_description": "9:42 AM", "is_clickable": False, "is_long_clickable": False, "is_editable": False, "is_selected": False, "is_checked": False}',
].join('\n');

export const CONTACT_FORM = [
  'UI element 0: {"index": 0, "is_clickable": False, "is_long_clickable": False, "is_editable": False, "is_selected": False, "is_checked": False}',
  'UI element 1: {"index": 1, "content_description": "Cancel", "is_clickable": True, "is_long_clickable": False, "is_editable": False, "is_selected": False, "is_checked": False}',
  'UI element 2: {"index": 2, "text": "Create contact", "is_clickable": False, "is_long_clickable": False, "is_editable": False, "is_selected": False, "is_checked": False}',
  'UI element 3: {"index": 3, "text": "Save", "is_clickable": True, "is_long_clickable": False, "is_editable": False, "is_selected": False, "is_checked": False}',
  'UI element 4: {"index": 4, "text": "First name", "is_clickable": True, "is_long_clickable": False, "is_editable": True, "is_focusable": True, "is_selected": False, "is_checked": False}',
  'UI element 5: {"index": 5, "text": "Last name", "is_clickable": True, "is_long_clickable": False, "is_editable": True, "is_selected": False, "is_checked": False}',
  'UI element 6: {"index": 6, "text": "Phone", "is_clickable": True, "is_long_clickable": False, "is_editable": True, "is_selected": False, "is_checked": False}',
  'UI element 7: {"index": 7, "text": "9:42", "content_description": "9:42 AM", "is_clickable": False, "is_long_clickable": False, "is_editable": False, "is_selected": False, "is_checked": False}',
].join('\n');

export const CLOCK_ALARMS = [
  '- App: Clock (com.google.android.deskclock)',
  '- Keyboard: Hidden',
  '- Focused Element: None',
  'Clickable elements:',
  '1. android.widget.TextView: com.google.android.deskclock:id/tab_menu_alarm, Alarm - (0,2184,216,2337)',
  '2. android.widget.TextView: com.google.android.deskclock:id/tab_menu_clock, Clock - (216,2184,432,2337)',
  '3. android.widget.TextView: com.google.android.deskclock:id/tab_menu_timer, Timer - (432,2184,648,2337)',
  '4. android.widget.ImageButton: com.google.android.deskclock:id/fab, Add alarm - (456,1932,624,2100)',
].join('\n');

export const CLOCK_TIME_PICKER = [
  '- App: Clock (com.google.android.deskclock)',
  '- Keyboard: Hidden',
  '- Focused Element: None',
  'Clickable elements:',
  '1. android.widget.TextView: com.google.android.deskclock:id/material_hour_tv, 7 - (262,640,472,830)',
  '2. android.widget.TextView: com.google.android.deskclock:id/material_minute_tv, 00 - (548,640,758,830)',
  '3. android.widget.Button: com.google.android.deskclock:id/material_clock_period_am_button, AM - (806,616,962,722)',
  '4. android.widget.Button: android:id/button2, Cancel - (520,1780,760,1900)',
  '5. android.widget.Button: android:id/button1, OK - (790,1780,980,1900)',
].join('\n');
