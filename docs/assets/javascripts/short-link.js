/*
 * A rule's short link page (r/<id>/, overrides/partials/short_link.html): go on
 * to the rule at once. A plain script, not inline, so the Content-Security-Policy
 * needs no hash per page; not a module, so it also runs from disk (file://),
 * where a folder needs its index.html.
 */
const link = document.querySelector("[data-mdx-target]");
if (link) {
  let target = link.getAttribute("href");
  if (window.location.protocol === "file:") target = target.replace(/\/(#|$)/, "/index.html$1");
  window.location.replace(target);
}
