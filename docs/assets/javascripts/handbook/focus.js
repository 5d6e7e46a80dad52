/*
 * Links to a form control ("Fyll i …" in the error summary, "Ändra" in the
 * review) focus it the way GOV.UK's error summary does: scroll the control's
 * label into view first (the label says what the control is, and Material's
 * fixed header could cover it), then focus without scrolling again.
 */
export function focusControl(control) {
  const label = control.ownerDocument.querySelector(`label[for='${control.id}']`) || control;
  label.scrollIntoView({ block: "center" });
  control.focus({ preventScroll: true });
}

// Make `link` (href="#<id>") focus the control with that id. The click stops
// here: Material's instant navigation listens on <body>, ignores
// preventDefault, and would push a history entry and jump to the control,
// hiding its label under the header.
export function linkToControl(link, id) {
  link.href = `#${id}`;
  link.addEventListener("click", (event) => {
    event.preventDefault();
    event.stopPropagation();
    focusControl(document.getElementById(id));
  });
}
