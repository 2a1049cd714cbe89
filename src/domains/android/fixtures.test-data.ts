/** Realistic screens shared by the android tests (written for these tests; not captured from a device). */

export const CONTACTS_LIST = [
  '[ 0] | android.widget.FrameLayout | text="" desc="" res="com.google.android.contacts:id/root" | bounds=[0,0][1080,2400] | ',
  '[ 1] | android.widget.TextView | text="Contacts" desc="" res="com.google.android.contacts:id/toolbar_title" | bounds=[189,146][492,230] | ',
  '[ 2] | android.widget.ImageButton | text="" desc="Search contacts" res="com.google.android.contacts:id/search_button" | bounds=[870,132][996,258] | clickable',
  '[ 3] | androidx.recyclerview.widget.RecyclerView | text="" desc="" res="com.google.android.contacts:id/list" | bounds=[0,286][1080,2274] | scrollable',
  '[ 4] | android.widget.TextView | text="Grace Hopper" desc="" res="com.google.android.contacts:id/name" | bounds=[220,330][1020,410] | clickable, long_clickable',
  '[ 5] | android.widget.ImageButton | text="" desc="Create contact" res="com.google.android.contacts:id/floating_action_button" | bounds=[870,2064][1038,2232] | clickable',
  '[ 6] | android.widget.TextView | text="9:42" desc="9:42 AM" res="com.android.systemui:id/clock" | bounds=[63,24][161,108] | ',
].join('\n');

export const CONTACT_FORM = [
  '[ 0] | android.widget.FrameLayout | text="" desc="" res="com.google.android.contacts:id/root" | bounds=[0,0][1080,2400] | ',
  '[ 1] | android.widget.ImageButton | text="" desc="Cancel" res="com.google.android.contacts:id/toolbar_close" | bounds=[0,132][126,258] | clickable',
  '[ 2] | android.widget.TextView | text="Create contact" desc="" res="com.google.android.contacts:id/toolbar_title" | bounds=[189,146][640,230] | ',
  '[ 3] | android.widget.Button | text="Save" desc="" res="com.google.android.contacts:id/menu_save" | bounds=[864,146][1038,244] | clickable',
  '[ 4] | android.widget.EditText | text="First name" desc="" res="com.google.android.contacts:id/first_name" | bounds=[168,520][1038,646] | clickable, focused, editable',
  '[ 5] | android.widget.EditText | text="Last name" desc="" res="com.google.android.contacts:id/last_name" | bounds=[168,678][1038,804] | clickable, editable',
  '[ 6] | android.widget.EditText | text="Phone" desc="" res="com.google.android.contacts:id/phone" | bounds=[168,880][1038,1006] | clickable, editable',
  '[ 7] | android.widget.TextView | text="9:42" desc="9:42 AM" res="com.android.systemui:id/clock" | bounds=[63,24][161,108] | ',
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
