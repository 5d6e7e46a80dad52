/*
 * Scoped localStorage helpers that never throw: storage may be blocked, full,
 * or hold something that is not ours. Values are stored as JSON.
 */
const PREFIX = "alingsas-riktlinje-sm";

export const REGISTRATION_KEY = "anmalan:v1";

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
