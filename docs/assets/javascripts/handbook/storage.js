/*
 * Scoped localStorage helpers that never throw: storage may be blocked, full,
 * or hold something that is not ours. Values are stored as JSON.
 */
const PREFIX = "alingsas-riktlinje-sm";

export function formKey(formId) {
  return `${formId}:v1`;
}

export function checklistKey(id, version) {
  return `checklista:${id}:v${version}`;
}

export function get(key) {
  try {
    const raw = window.localStorage.getItem(`${PREFIX}:${key}`);
    return raw === null ? null : JSON.parse(raw);
  } catch {
    return null;
  }
}

// True when saved; false when storage is blocked or full.
export function set(key, value) {
  try {
    window.localStorage.setItem(`${PREFIX}:${key}`, JSON.stringify(value));
    return true;
  } catch {
    return false;
  }
}

export function remove(key) {
  try {
    window.localStorage.removeItem(`${PREFIX}:${key}`);
  } catch {
    // Blocked storage: nothing to remove.
  }
}

// Whether this browser lets the handbook keep anything at all.
export function available() {
  const probe = `${PREFIX}:prov`;
  try {
    window.localStorage.setItem(probe, "1");
    window.localStorage.removeItem(probe);
    return true;
  } catch {
    return false;
  }
}

// Call `callback(value)` when another tab changes `key` (the browser's storage
// event fires only in the other tabs). Instant navigation replaces the page but
// not the window, so the listener goes away once `root` has left the document.
export function watch(key, root, callback) {
  const full = `${PREFIX}:${key}`;
  const listener = (event) => {
    if (!root.isConnected) {
      window.removeEventListener("storage", listener);
      return;
    }
    if (event.key === full || event.key === null) callback(get(key));
  };
  window.addEventListener("storage", listener);
}

// Remove everything the handbook has stored in this browser: its own keys and
// the theme's keys for this site (Material keeps them under the site's path, as
// "<path>.__palette"; see __md_scope). Returns how many keys were removed, or
// null when the browser does not let the page at its storage.
export function clearAll() {
  const own = `${PREFIX}:`;
  const scope = window.__md_scope instanceof URL ? `${window.__md_scope.pathname}.__` : null;
  let removed = 0;
  try {
    for (const storage of [window.localStorage, window.sessionStorage]) {
      const keys = Array.from({ length: storage.length }, (_, i) => storage.key(i));
      for (const key of keys) {
        if (key.startsWith(own) || (scope && key.startsWith(scope))) {
          storage.removeItem(key);
          removed += 1;
        }
      }
    }
  } catch {
    return null;
  }
  return removed;
}
