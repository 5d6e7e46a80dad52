/*
 * Component name -> its start function. A component's module registers itself
 * when it runs: loaded by the page's own <script type="module"> (hooks/bundle.py
 * adds one for each component the page has, so it runs before the page is
 * ready), or imported by main.js after an instant navigation.
 */
const starts = new Map();

export function register(name, start) {
  starts.set(name, start);
}

export function registered(name) {
  return starts.get(name);
}
