/*
 * Move focus to a form control the way GOV.UK's error summary does: scroll its
 * label into view first (the label says what the control is, and Material's
 * fixed header could hide it), then focus without scrolling again.
 */
export function focusControl(control) {
  const label = control.ownerDocument.querySelector(`label[for='${control.id}']`) || control;
  label.scrollIntoView({ block: "center" });
  control.focus({ preventScroll: true });
}
