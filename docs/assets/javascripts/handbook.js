/*
 * Handbook enhancements: checklists that remember their ticks, and the account
 * registration (validation, review, outputs, export and import).
 *
 * Progressive enhancement: the HTML works without this file. Controls that need
 * JavaScript ship `hidden` and are revealed here. Everything stays in the
 * browser (localStorage); nothing is sent anywhere.
 *
 * Layout: storage helpers, then pure functions (state, validation, formats),
 * then DOM wiring, then the subscription to Material's `document$`, which runs
 * after every page load, instant navigation included.
 */
(function () {
  "use strict";

  var PREFIX = "alingsas-riktlinje-sm";
  var FILE_FORMAT = "alingsas-riktlinje-sociala-medier/anmalan";
  var FILE_VERSION = 1;

  /* ---------------------------------------------------------------- storage */

  // Scoped localStorage helpers that never throw: storage may be blocked,
  // full, or hold something that is not ours.
  var store = {
    get: function (key) {
      try {
        var raw = window.localStorage.getItem(PREFIX + ":" + key);
        return raw === null ? null : JSON.parse(raw);
      } catch (err) {
        return null;
      }
    },
    set: function (key, value) {
      try {
        window.localStorage.setItem(PREFIX + ":" + key, JSON.stringify(value));
        return true;
      } catch (err) {
        return false;
      }
    },
    remove: function (key) {
      try {
        window.localStorage.removeItem(PREFIX + ":" + key);
      } catch (err) {
        /* blocked storage: nothing to remove */
      }
    }
  };

  function checklistKey(id, version) {
    return "checklista:" + id + ":v" + version;
  }
  var REGISTRATION_KEY = "anmalan:v1";

  /* ---------------------------------------------------------- pure helpers */

  // Ticked ids that still exist: removed items drop out, new ones start unticked.
  function tickedIds(stored, knownIds) {
    if (!stored || !Array.isArray(stored.ticked)) return [];
    return stored.ticked.filter(function (id) {
      return typeof id === "string" && knownIds.indexOf(id) !== -1;
    });
  }

  function summaryText(done, total) {
    if (done === total) return "Alla " + total + " klara";
    return done + " av " + total + " klara";
  }

  // Answers that still match a field; values are strings.
  function cleanAnswers(stored, fieldIds) {
    var answers = {};
    if (!stored || typeof stored.answers !== "object" || stored.answers === null) return answers;
    fieldIds.forEach(function (id) {
      var value = stored.answers[id];
      if (typeof value === "string") answers[id] = value;
    });
    return answers;
  }

  function hasContent(answers) {
    return Object.keys(answers).some(function (id) {
      return answers[id].trim() !== "";
    });
  }

  // [{id, label}] of required fields left empty.
  function missingRequired(fields, answers) {
    return fields.filter(function (field) {
      return field.required && !(answers[field.id] || "").trim();
    });
  }

  function csvCell(value) {
    var text = String(value);
    return /[";\r\n]/.test(text) ? '"' + text.replace(/"/g, '""') + '"' : text;
  }

  // One row a field; semicolons, as Swedish spreadsheet programs expect.
  function toCSV(fields, answers) {
    var rows = [["Fält", "Uppgift", "Svar"]];
    fields.forEach(function (field) {
      rows.push([field.id, field.label, answers[field.id] || ""]);
    });
    return "\ufeff" + rows.map(function (row) {
      return row.map(csvCell).join(";");
    }).join("\r\n") + "\r\n";
  }

  function toText(doc) {
    var lines = [doc.title, "Datum: " + doc.date, "Enligt " + doc.source, ""];
    doc.fields.forEach(function (field) {
      lines.push(field.label + ": " + (doc.answers[field.id] || "–"));
    });
    lines.push("", doc.checklistTitle);
    doc.items.forEach(function (item) {
      lines.push((item.ticked ? "[x] " : "[ ] ") + item.label);
    });
    return lines.join("\n") + "\n";
  }

  function toFile(doc) {
    return {
      format: FILE_FORMAT,
      version: FILE_VERSION,
      saved: doc.date,
      source: doc.source,
      answers: doc.answers,
      checklist: {
        id: doc.checklistId,
        ticked: doc.items.filter(function (i) { return i.ticked; }).map(function (i) { return i.id; })
      }
    };
  }

  // Parse an imported file: {ok: true, answers, ticked} or {ok: false, message}.
  function parseFile(text, fieldIds, itemIds) {
    var data;
    try {
      data = JSON.parse(text);
    } catch (err) {
      return { ok: false, message: "Filen går inte att läsa. Välj en fil som du har laddat ner från den här sidan." };
    }
    if (!data || data.format !== FILE_FORMAT) {
      return { ok: false, message: "Filen är inte en sparad anmälan från den här handboken. Inget har ändrats." };
    }
    if (data.version !== FILE_VERSION || typeof data.answers !== "object" || data.answers === null) {
      return { ok: false, message: "Filen har ett format som den här sidan inte känner igen. Inget har ändrats." };
    }
    return {
      ok: true,
      answers: cleanAnswers({ answers: data.answers }, fieldIds),
      ticked: tickedIds(data.checklist || {}, itemIds)
    };
  }

  function today() {
    var d = new Date();
    var pad = function (n) { return (n < 10 ? "0" : "") + n; };
    return d.getFullYear() + "-" + pad(d.getMonth() + 1) + "-" + pad(d.getDate());
  }

  /* ------------------------------------------------------------ checklists */

  function initChecklist(form) {
    var id = form.getAttribute("data-mdx-checklist");
    var version = form.getAttribute("data-mdx-version");
    var key = checklistKey(id, version);
    var boxes = Array.prototype.slice.call(form.querySelectorAll("input[type=checkbox]"));
    var ids = boxes.map(function (box) { return box.id; });
    var summary = form.querySelector("[data-mdx-summary]");
    var actions = form.querySelector("[data-mdx-actions]");
    var listeners = [];

    var ticked = tickedIds(store.get(key), ids);
    boxes.forEach(function (box) {
      box.checked = ticked.indexOf(box.id) !== -1;
    });

    function update(save) {
      var done = boxes.filter(function (b) { return b.checked; });
      summary.textContent = summaryText(done.length, boxes.length);
      Array.prototype.forEach.call(form.querySelectorAll("fieldset"), function (fieldset) {
        var inStep = fieldset.querySelectorAll("input[type=checkbox]");
        var doneInStep = fieldset.querySelectorAll("input[type=checkbox]:checked");
        var status = fieldset.querySelector("[data-mdx-step-status]");
        status.textContent = doneInStep.length === inStep.length ? "Klart" : doneInStep.length + " av " + inStep.length;
        status.hidden = false;
        fieldset.classList.toggle("mdx-checklist__step--done", doneInStep.length === inStep.length);
      });
      if (save) {
        store.set(key, { ticked: done.map(function (b) { return b.id; }), saved: new Date().toISOString() });
      }
      listeners.forEach(function (listener) { listener(); });
    }

    form.addEventListener("change", function (event) {
      if (event.target.type === "checkbox") update(true);
    });
    form.querySelector("[data-mdx-reset]").addEventListener("click", function () {
      if (!window.confirm("Vill du ta bort alla bockar i checklistan och börja om?")) return;
      boxes.forEach(function (box) { box.checked = false; });
      store.remove(key);
      update(false);
      boxes[0].focus();
    });
    form.addEventListener("submit", function (event) { event.preventDefault(); });

    summary.hidden = false;
    actions.hidden = false;
    update(false);

    return {
      id: id,
      title: form.getAttribute("aria-label"),
      items: function () {
        return boxes.map(function (box) {
          var label = form.querySelector("label[for='" + box.id + "']");
          return { id: box.id, label: label.textContent.trim(), ticked: box.checked };
        });
      },
      tick: function (idsToTick) {
        boxes.forEach(function (box) { box.checked = idsToTick.indexOf(box.id) !== -1; });
        update(true);
      },
      ids: ids,
      onChange: function (listener) { listeners.push(listener); }
    };
  }

  /* ---------------------------------------------------------- registration */

  function initRegistration(root, checklists) {
    var form = root.querySelector("[data-mdx-registration-form]");
    var checklist = checklists[root.getAttribute("data-mdx-checklist-ref")];
    var review = root.querySelector("[data-mdx-review]");
    var summaryBox = root.querySelector("[data-mdx-error-summary]");
    var status = root.querySelector("[data-mdx-status]");
    var controls = Array.prototype.slice.call(form.querySelectorAll(".mdx-field__control"));
    var fields = controls.map(function (control) {
      var label = form.querySelector("label[for='" + control.id + "']");
      return {
        id: control.name,
        label: label.textContent.replace(/\s*\(frivilligt\)$/, "").trim(),
        required: control.hasAttribute("data-mdx-required"),
        control: control
      };
    });
    var fieldIds = fields.map(function (f) { return f.id; });

    function answers() {
      var result = {};
      fields.forEach(function (field) { result[field.id] = field.control.value; });
      return result;
    }

    function fill(values) {
      fields.forEach(function (field) { field.control.value = values[field.id] || ""; });
    }

    function save() {
      store.set(REGISTRATION_KEY, { answers: answers(), saved: new Date().toISOString() });
    }

    function say(message) {
      status.textContent = "";
      window.setTimeout(function () { status.textContent = message; }, 50);
    }

    function doc() {
      return {
        title: root.getAttribute("data-mdx-title"),
        source: root.getAttribute("data-mdx-source"),
        date: today(),
        fields: fields,
        answers: answers(),
        checklistId: checklist ? checklist.id : null,
        checklistTitle: checklist ? "Checklista: " + checklist.title : "",
        items: checklist ? checklist.items() : []
      };
    }

    function clearErrors() {
      fields.forEach(function (field) {
        var error = root.querySelector("#" + field.control.id + "-fel");
        error.hidden = true;
        error.textContent = "";
        field.control.removeAttribute("aria-invalid");
        setDescribedBy(field.control, error.id, false);
      });
      summaryBox.hidden = true;
    }

    function setDescribedBy(control, id, on) {
      var ids = (control.getAttribute("aria-describedby") || "").split(/\s+/).filter(Boolean);
      ids = ids.filter(function (x) { return x !== id; });
      if (on) ids.unshift(id);
      if (ids.length) control.setAttribute("aria-describedby", ids.join(" "));
      else control.removeAttribute("aria-describedby");
    }

    function showErrors(missing) {
      var list = summaryBox.querySelector("[data-mdx-error-list]");
      list.textContent = "";
      missing.forEach(function (field) {
        var message = "Fyll i " + field.label.toLowerCase();
        var error = root.querySelector("#" + field.control.id + "-fel");
        error.textContent = message;
        error.hidden = false;
        field.control.setAttribute("aria-invalid", "true");
        setDescribedBy(field.control, error.id, true);
        var li = document.createElement("li");
        var a = document.createElement("a");
        a.href = "#" + field.control.id;
        a.textContent = message;
        a.addEventListener("click", function (event) {
          event.preventDefault();
          field.control.focus();
        });
        li.appendChild(a);
        list.appendChild(li);
      });
      summaryBox.querySelector("[data-mdx-error-title]").textContent =
        missing.length === 1 ? "Det finns 1 fel i anmälan" : "Det finns " + missing.length + " fel i anmälan";
      summaryBox.hidden = false;
      summaryBox.focus();
    }

    function changeLink(targetId, what) {
      var a = document.createElement("a");
      a.href = "#" + targetId;
      a.className = "mdx-review__change";
      a.textContent = "Ändra";
      var hidden = document.createElement("span");
      hidden.className = "mdx-visually-hidden";
      hidden.textContent = " " + what;
      a.appendChild(hidden);
      a.addEventListener("click", function (event) {
        event.preventDefault();
        var target = document.getElementById(targetId);
        target.scrollIntoView({ block: "center" });
        target.focus();
      });
      return a;
    }

    function renderReview() {
      var d = doc();
      review.querySelector("[data-mdx-date]").textContent = d.date;
      var dl = review.querySelector("[data-mdx-answers]");
      dl.textContent = "";
      d.fields.forEach(function (field) {
        var row = document.createElement("div");
        row.className = "mdx-review__row";
        var dt = document.createElement("dt");
        dt.textContent = field.label;
        var dd = document.createElement("dd");
        var value = document.createElement("span");
        value.className = "mdx-review__value";
        value.textContent = d.answers[field.id] || "Inte ifyllt";
        dd.appendChild(value);
        dd.appendChild(changeLink(field.control.id, field.label.toLowerCase()));
        row.appendChild(dt);
        row.appendChild(dd);
        dl.appendChild(row);
      });
      review.querySelector("[data-mdx-review-checklist-title]").textContent = d.checklistTitle;
      var ul = review.querySelector("[data-mdx-review-checklist]");
      ul.textContent = "";
      d.items.forEach(function (item) {
        var li = document.createElement("li");
        li.className = item.ticked ? "mdx-review__item mdx-review__item--done" : "mdx-review__item";
        var state = document.createElement("span");
        state.className = "mdx-review__state";
        state.textContent = item.ticked ? "Klart" : "Inte klart";
        var text = document.createElement("span");
        text.textContent = " " + item.label + " ";
        li.appendChild(state);
        li.appendChild(text);
        li.appendChild(changeLink(item.id, item.label));
        ul.appendChild(li);
      });
    }

    function download(kind) {
      var d = doc();
      var name = "anmalan-konto-" + d.date;
      var blob = kind === "csv"
        ? new Blob([toCSV(d.fields, d.answers)], { type: "text/csv;charset=utf-8" })
        : new Blob([JSON.stringify(toFile(d), null, 2) + "\n"], { type: "application/json" });
      var a = document.createElement("a");
      a.href = URL.createObjectURL(blob);
      a.download = name + "." + kind;
      document.body.appendChild(a);
      a.click();
      a.remove();
      window.setTimeout(function () { URL.revokeObjectURL(a.href); }, 1000);
      say(kind === "csv" ? "Anmälan har laddats ner som CSV." : "Anmälan har laddats ner som JSON.");
    }

    function copy() {
      var text = toText(doc());
      var done = function () { say("Anmälan är kopierad. Klistra in den i ett mejl eller dokument."); };
      var fallback = function () {
        var area = document.createElement("textarea");
        area.value = text;
        area.setAttribute("readonly", "");
        area.style.position = "fixed";
        area.style.opacity = "0";
        document.body.appendChild(area);
        area.select();
        var ok = false;
        try { ok = document.execCommand("copy"); } catch (err) { ok = false; }
        area.remove();
        if (ok) done(); else say("Det gick inte att kopiera. Markera texten under Kontrollera dina uppgifter och kopiera den.");
      };
      if (navigator.clipboard && navigator.clipboard.writeText) {
        navigator.clipboard.writeText(text).then(done, fallback);
      } else {
        fallback();
      }
    }

    function importFile(file) {
      var reader = new FileReader();
      reader.onload = function () {
        var result = parseFile(String(reader.result), fieldIds, checklist ? checklist.ids : []);
        if (!result.ok) {
          say(result.message);
          return;
        }
        var existing = hasContent(answers()) || (checklist && checklist.items().some(function (i) { return i.ticked; }));
        if (existing && !window.confirm("Du har redan fyllt i uppgifter. Vill du ersätta dem med innehållet i filen?")) {
          say("Inget har ändrats.");
          return;
        }
        fill(result.answers);
        save();
        if (checklist) checklist.tick(result.ticked);
        clearErrors();
        review.hidden = true;
        say("Filen är inläst. Dina uppgifter och bockar är återställda.");
      };
      reader.onerror = function () { say("Filen gick inte att läsa. Inget har ändrats."); };
      reader.readAsText(file);
    }

    // Restore, then wire.
    fill(cleanAnswers(store.get(REGISTRATION_KEY), fieldIds));
    form.addEventListener("input", function () {
      save();
      if (!review.hidden) renderReview();
    });
    form.addEventListener("change", save);
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      clearErrors();
      var missing = missingRequired(fields, answers());
      if (missing.length) {
        review.hidden = true;
        showErrors(missing);
        return;
      }
      renderReview();
      review.hidden = false;
      review.focus();
    });
    root.querySelector("[data-mdx-clear]").addEventListener("click", function () {
      if (!window.confirm("Vill du tömma alla fält i anmälan?")) return;
      fill({});
      store.remove(REGISTRATION_KEY);
      clearErrors();
      review.hidden = true;
      say("Anmälan är tömd.");
    });
    if (checklist) {
      checklist.onChange(function () {
        if (!review.hidden) renderReview();
      });
    }
    root.querySelector("[data-mdx-print]").addEventListener("click", function () {
      renderReview();
      window.print();
    });
    Array.prototype.forEach.call(root.querySelectorAll("[data-mdx-download]"), function (button) {
      button.addEventListener("click", function () { download(button.getAttribute("data-mdx-download")); });
    });
    root.querySelector("[data-mdx-copy]").addEventListener("click", copy);
    var picker = root.querySelector("[data-mdx-import]");
    picker.addEventListener("change", function () {
      if (picker.files && picker.files[0]) importFile(picker.files[0]);
      picker.value = "";
    });

    Array.prototype.forEach.call(root.querySelectorAll("[data-mdx-actions], [data-mdx-transfer]"), function (el) {
      el.hidden = false;
    });
    root.querySelector("[data-mdx-noscript]").hidden = true;
  }

  /* ------------------------------------------------------------ rule index */

  // Filter the list of all rules by role and level; the filter lives in the URL
  // (?roll=kontoansvarig&niva=ska), so a filtered list can be shared.
  function initRuleIndex(root) {
    var form = root.querySelector("[data-mdx-filter]");
    var count = root.querySelector("[data-mdx-rule-count]");
    var total = Number(count.getAttribute("data-mdx-total"));
    var role = form.elements.roll;
    var level = form.elements.niva;
    var params = new URLSearchParams(window.location.search);
    var known = function (select, value) {
      return Array.prototype.some.call(select.options, function (o) { return o.value === value; });
    };
    if (known(role, params.get("roll") || "")) role.value = params.get("roll") || "";
    if (known(level, params.get("niva") || "")) level.value = params.get("niva") || "";

    function apply(updateUrl) {
      var shown = 0;
      Array.prototype.forEach.call(root.querySelectorAll("section"), function (group) {
        var visible = 0;
        Array.prototype.forEach.call(group.querySelectorAll("tbody tr"), function (row) {
          var roles = row.getAttribute("data-mdx-roles").split(" ");
          var match = (!role.value || roles.indexOf(role.value) !== -1) &&
            (!level.value || row.getAttribute("data-mdx-level") === level.value);
          row.hidden = !match;
          if (match) visible += 1;
        });
        group.hidden = visible === 0;
        shown += visible;
      });
      count.textContent = shown === total
        ? total + (total === 1 ? " regel" : " regler")
        : "Visar " + shown + " av " + total + " regler";
      if (updateUrl) {
        var url = new URL(window.location.href);
        url.searchParams.delete("roll");
        url.searchParams.delete("niva");
        if (role.value) url.searchParams.set("roll", role.value);
        if (level.value) url.searchParams.set("niva", level.value);
        window.history.replaceState(window.history.state, "", url.toString());
      }
    }

    form.addEventListener("change", function () { apply(true); });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    form.hidden = false;
    apply(false);
  }

  /* ------------------------------------------------------------------ init */

  function init() {
    var checklists = {};
    Array.prototype.forEach.call(document.querySelectorAll("form[data-mdx-checklist]"), function (form) {
      var api = initChecklist(form);
      checklists[api.id] = api;
    });
    Array.prototype.forEach.call(document.querySelectorAll("[data-mdx-registration]"), function (root) {
      initRegistration(root, checklists);
    });
    Array.prototype.forEach.call(document.querySelectorAll("[data-mdx-rule-index]"), initRuleIndex);
  }

  // Exposed for tests of the pure functions; not used by the page.
  window.__mdxHandbook = {
    tickedIds: tickedIds, summaryText: summaryText, toCSV: toCSV, parseFile: parseFile, missingRequired: missingRequired
  };

  if (typeof window.document$ !== "undefined" && window.document$.subscribe) {
    window.document$.subscribe(init);
  } else {
    document.addEventListener("DOMContentLoaded", init);
  }
})();
