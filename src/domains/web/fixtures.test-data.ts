/** Hand-written pages used by the web tests (shaped like the recorder's real pages). */
export const SHOP_HOME_AXTREE = [
  'URL: http://shop.example.com/',
  'Title: Shop',
  '',
  "[1] RootWebArea 'Shop', focused",
  "  [12] heading 'Shop', level=1",
  "  [145] searchbox 'Search products'",
  "  [152] button 'Go'",
  "  [160] link 'Cart (2)', url='http://shop.example.com/cart'",
  "  StaticText 'Free shipping over $50'",
].join('\n');

export const SHOP_SEARCH_FILLED_AXTREE = SHOP_HOME_AXTREE.replace(
  "[145] searchbox 'Search products'",
  "[145] searchbox 'Search products', focused, value='headphones'",
);

export const SHOP_CART_AXTREE = [
  'URL: http://shop.example.com/cart',
  'Title: Cart',
  '',
  "[1] RootWebArea 'Cart', focused",
  "  [210] heading 'Your cart', level=1",
  "  [215] link 'Back to shop', url='http://shop.example.com/'",
].join('\n');

export const HOME_ARIA = [
  '### Page',
  '- Page URL: http://127.0.0.1:8080/',
  '- Page Title: Home',
  '### Snapshot',
  '```yaml',
  '- generic [ref=e1]:',
  '  - heading "Welcome" [level=1] [ref=e2]',
  '  - link "Contact form" [ref=e3] [cursor=pointer]:',
  '    - /url: /form.html',
  '  - paragraph [ref=e4]: Pick a page.',
  '```',
].join('\n');

export const FORM_ARIA = [
  '### Page',
  '- Page URL: http://127.0.0.1:8080/form.html',
  '- Page Title: Contact',
  '### Snapshot',
  '```yaml',
  '- generic [ref=e1]:',
  '  - heading "Contact us" [level=1] [ref=e2]',
  '  - textbox "Name" [ref=e5]',
  '  - button "Send" [ref=e6]',
  '```',
].join('\n');
