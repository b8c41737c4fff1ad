// pamphlet edit: the page. Plain JS, no framework; every request goes to
// the local server that printed this page's address (the token travels
// in a same-site cookie set on the first load).
"use strict";

const $ = (id) => document.getElementById(id);
const state = { view: null, byId: {}, drafts: {}, current: null, timer: null, seq: 0 };

// h builds an element: h("div", {class: "x"}, "text", child …).
function h(tag, attrs, ...kids) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k.startsWith("on")) el.addEventListener(k.slice(2), v);
    else el.setAttribute(k, v === true ? "" : v);
  }
  for (const c of kids.flat()) if (c !== null && c !== undefined) el.append(c.nodeType ? c : String(c));
  return el;
}

function toast(text) {
  const t = $("toast");
  t.textContent = text;
  t.classList.add("show");
  clearTimeout(toast.timer);
  toast.timer = setTimeout(() => t.classList.remove("show"), 2500);
}

async function api(path, body) {
  const opt = body === undefined ? {} : { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) };
  const res = await fetch(path, opt);
  let data = {};
  try { data = await res.json(); } catch (e) { data = { error: res.status + " " + res.statusText }; }
  if (!res.ok) { const err = new Error(data.error || res.statusText); err.status = res.status; err.data = data; throw err; }
  return data;
}

const FORMS = ["zero", "one", "two", "few", "many", "other"];
const needsWork = (m) => m.status === "missing" || m.status === "stale";
const formsText = (f) => !f ? "" : FORMS.filter((k) => f[k] !== undefined).map((k) => (k === "other" || Object.keys(f).length === 1 ? "" : k + ": ") + f[k]).join("\n");

function params() {
  const p = new URLSearchParams(location.hash.slice(1));
  return { lang: p.get("lang") || "", pivot: p.get("pivot") || "" };
}

async function load(lang, pivot) {
  const q = new URLSearchParams();
  if (lang) q.set("lang", lang);
  if (pivot) q.set("pivot", pivot);
  let v;
  try { v = await api("/api/museum?" + q); }
  catch (e) { $("banner").hidden = false; $("banner").textContent = e.message; return; }
  state.view = v;
  state.byId = {};
  for (const m of v.messages) state.byId[m.id] = m;
  state.drafts = {};
  state.current = null;
  history.replaceState(null, "", "/#lang=" + encodeURIComponent(v.lang.tag) + (pivot ? "&pivot=" + encodeURIComponent(pivot) : ""));
  document.title = "pamphlet edit · " + v.lang.name;
  $("museum").textContent = v.museum;
  $("dir").textContent = v.dir;
  const banner = $("banner");
  banner.hidden = !(v.readOnly || v.new);
  banner.textContent = v.readOnly ? "The embedded sample museum is read-only: browse and preview freely; to translate, copy it with  pamphlet init DIR  and run  pamphlet edit --museum DIR."
    : v.new ? "Starting " + v.lang.name + ": locales/" + v.lang.tag + ".toml will be created by the first save." : "";
  fillSelect($("lang"), v.languages.concat(v.languages.some((l) => l.tag === v.lang.tag) ? [] : [v.lang]).map((l) => [l.tag, l.name]), v.lang.tag);
  fillSelect($("pivot"), [["none", "(none)"]].concat(v.languages.filter((l) => l.tag !== v.lang.tag).map((l) => [l.tag, l.name])), v.pivot || "none");
  const kind = v.words.part || "Part";
  fillSelect($("part"), [["", "All: " + kind + " …"]].concat(v.parts.map((p) => [p.id, p.label]), [["common", "Cover, back page, common texts"]]), "");
  document.documentElement.dataset.lang = v.lang.tag;
  render();
  $("pages").replaceChildren(h("p", { class: "hint" }, "Click in a text to see its panel as it will print."));
}

function fillSelect(sel, items, value) {
  sel.replaceChildren(...items.map(([v, t]) => h("option", { value: v, selected: v === value }, t)));
}

function visible(m) {
  if ($("needs").checked && !needsWork(m)) return false;
  const part = $("part").value;
  if (part === "common" ? m.part !== "" : part && m.part !== part) return false;
  const q = $("search").value.trim().toLowerCase();
  if (!q) return true;
  const hay = [m.id, m.where, m.description, formsText(m.source), formsText(m.translation), formsText(m.pivot), formsText(state.drafts[m.id])].join("\n").toLowerCase();
  return hay.includes(q);
}

function progress() {
  const ms = state.view.messages;
  const done = ms.filter((m) => !needsWork(m)).length;
  $("progress").textContent = done + " of " + ms.length + " texts done";
}

// render draws the list of messages, grouped as the museum is visited.
function render() {
  const v = state.view;
  const list = $("list");
  const tree = $("tree");
  list.replaceChildren();
  tree.replaceChildren();
  const groups = v.parts.map((p) => ({ id: p.id, label: p.label, rooms: p.rooms || [] })).concat([{ id: "", label: "Cover, back page, common texts", rooms: [] }]);
  for (const g of groups) {
    const ms = v.messages.filter((m) => m.part === g.id && visible(m));
    if (!ms.length) continue;
    const pid = "g-" + (g.id || "common");
    list.append(h("h2", { class: "part", id: pid }, g.label));
    tree.append(h("a", { class: "part", href: "#", onclick: (e) => { e.preventDefault(); $(pid).scrollIntoView(); } }, g.label, h("span", { class: "n" }, count(ms))));
    let room = null;
    for (const m of ms) {
      if (m.room !== room) {
        room = m.room;
        const r = g.rooms.find((r) => r.id === room);
        if (r) {
          const rid = "r-" + r.id;
          list.append(h("h3", { class: "room", id: rid }, (v.words.room ? v.words.room + ": " : "") + r.label));
          tree.append(h("a", { class: "room", href: "#", onclick: (e) => { e.preventDefault(); $(rid).scrollIntoView(); } }, r.label, h("span", { class: "n" }, count(ms.filter((x) => x.room === r.id)))));
        }
      }
      list.append(card(m));
    }
  }
  if (!list.childElementCount) list.append(h("p", { class: "hint" }, $("needs").checked ? "Nothing needs you here: every text is translated." : "No text matches."));
  progress();
}

function count(ms) {
  const n = ms.filter(needsWork).length;
  return n ? String(n) : "";
}

function srcForms(forms, lang, dir) {
  return h("div", { class: "v", lang, dir }, formsText(forms));
}

// card is one message: what it says, where it prints, the text boxes.
function card(m) {
  const v = state.view;
  const el = h("section", { class: "msg", id: "m-" + m.id, "data-id": m.id });
  el.append(h("div", { class: "head" },
    h("span", { class: "badge s-" + m.status.replace(/[^a-z-]/g, "") }, m.status),
    h("code", {}, m.id),
    h("span", { class: "where" }, m.where || "")));
  if (m.description) el.append(h("p", { class: "desc" }, m.description));
  el.append(h("div", { class: "row" }, h("span", { class: "k" }, v.source), srcForms(m.source, v.source, v.sourceDir)));
  if (v.pivot) {
    el.append(h("div", { class: "row" }, h("span", { class: "k" }, v.pivot + (m.pivotStale ? " (old)" : "")),
      m.pivot ? srcForms(m.pivot, v.pivot, v.pivotDir) : h("div", { class: "v hint" }, "not translated yet")));
  }
  if (m.status === "stale") {
    const box = h("div", { class: "stalebox" });
    box.append(h("div", {}, h("strong", {}, "The source changed since this was translated.")));
    if (m.oldSource) {
      box.append(h("div", { class: "row" }, h("span", { class: "k" }, "old source"), srcForms(m.oldSource, v.source, v.sourceDir)));
      box.append(h("div", { class: "row" }, h("span", { class: "k" }, "changes"),
        h("div", { class: "v diff", dir: v.sourceDir }, (m.diff || []).map((d) => d.op === "=" ? d.text : h(d.op === "-" ? "del" : "ins", {}, d.text)))));
    } else {
      box.append(h("div", { class: "hint" }, "The old source is not known: compare the current translation with the source above."));
    }
    box.append(h("div", { class: "row" }, h("span", { class: "k" }, "current"), srcForms(m.translation, v.lang.tag, v.lang.dir)));
    el.append(box);
  }
  if (m.placeholders && m.placeholders.length) {
    el.append(h("div", { class: "row" }, h("span", { class: "k" }, "keep"), h("div", { class: "v" }, m.placeholders.map((p) => h("span", { class: "ph" }, p)))));
  }
  const draft = state.drafts[m.id] || m.translation || {};
  for (const f of m.needs) {
    const ex = m.examples && m.examples[f] ? "for " + m.examples[f].join(", ") + " …" : "";
    const ta = h("textarea", {
      lang: v.lang.tag, dir: v.lang.dir, rows: m.source.other && m.source.other.length > 90 ? 4 : 2,
      "data-form": f, "aria-label": m.id + (m.needs.length > 1 ? " (" + f + ")" : ""), readonly: v.readOnly,
    });
    ta.value = draft[f] || "";
    if (v.fonts.body) ta.style.fontFamily = v.fonts.body;
    ta.addEventListener("focus", () => select(m.id));
    ta.addEventListener("input", () => edited(m.id));
    ta.addEventListener("keydown", (e) => {
      if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) { e.preventDefault(); save(m.id, true); }
    });
    el.append(h("div", { class: "form" }, m.needs.length > 1 ? h("label", {}, f + " " + ex) : null, ta));
  }
  el.append(h("ul", { class: "findings" }));
  const actions = h("div", { class: "actions" },
    h("button", { type: "button", tabindex: "-1", class: "save", disabled: v.readOnly, onclick: () => save(m.id, false) }, "Save"),
    m.status === "stale" ? h("button", { type: "button", tabindex: "-1", disabled: v.readOnly, onclick: () => confirmMsg(m.id) }, "Confirm unchanged") : null,
    h("span", { class: "state" }));
  el.append(actions);
  return el;
}

function formsOf(id) {
  const el = $("m-" + id);
  const out = {};
  if (!el) return state.drafts[id] || {};
  for (const ta of el.querySelectorAll("textarea")) out[ta.dataset.form] = ta.value;
  return out;
}

function select(id) {
  if (state.current === id) return;
  if (state.current && $("m-" + state.current)) $("m-" + state.current).classList.remove("current");
  state.current = id;
  $("m-" + id).classList.add("current");
  refresh(id);
}

function edited(id) {
  state.drafts[id] = formsOf(id);
  $("m-" + id).querySelector(".state").textContent = "not saved";
  clearTimeout(state.timer);
  state.timer = setTimeout(() => refresh(id), 350);
}

// refresh runs the checks and redraws the preview for the text as typed;
// an answer that comes back after a newer request is dropped.
async function refresh(id) {
  const seq = ++state.seq;
  const body = { lang: state.view.lang.tag, id, forms: formsOf(id) };
  const [checks, pv] = await Promise.allSettled([api("/api/check", body), api("/api/preview", body)]);
  if (seq !== state.seq) return;
  const ul = $("m-" + id) && $("m-" + id).querySelector(".findings");
  if (ul) {
    if (checks.status === "fulfilled") {
      ul.replaceChildren(...checks.value.findings.map((f) => h("li", { class: f.severity }, f.severity + ": [" + f.rule + "] " + f.message)));
    } else ul.replaceChildren(h("li", { class: "error" }, checks.reason.message));
  }
  showPreview(id, pv.status === "fulfilled" ? pv.value : { error: pv.reason.message, pages: [] });
}

function showPreview(id, pv) {
  const m = state.byId[id];
  $("pvwhere").textContent = pv.part ? pv.part + (pv.pageCount ? " · " + pv.pageCount + " pages" : "") : "";
  const note = $("pvnote");
  note.textContent = pv.error ? "The text cannot be set: " + pv.error : pv.note || "";
  note.className = pv.error || pv.pageCount !== pv.savedPageCount ? "warn" : "";
  $("pages").replaceChildren(...pv.pages.map((p) => {
    const fig = h("figure", {}, h("figcaption", {}, "page " + p.number + " of " + pv.pageCount));
    fig.insertAdjacentHTML("beforeend", p.svg); // drawn by the server, every text escaped
    return fig;
  }));
  $("openpdf").onclick = () => window.open("/pdf?lang=" + encodeURIComponent(state.view.lang.tag) + "&id=" + encodeURIComponent(m.id), "_blank");
}

function shown(m) {
  return { shown: m.translation || null, shownHash: m.hash || "", sourceHash: m.sourceHash };
}

async function save(id, next) {
  const m = state.byId[id];
  const el = $("m-" + id);
  const st = el.querySelector(".state");
  st.textContent = "saving…";
  const old = el.querySelector(".conflict");
  if (old) old.remove();
  try {
    const res = await api("/api/save", Object.assign({ lang: state.view.lang.tag, id, forms: formsOf(id) }, shown(m)));
    applySaved(id, res);
    toast((res.outcome === "unchanged" ? "Already saved: " : "Saved in " + res.catalog + ": ") + id);
    if (next) goNext(id);
  } catch (e) {
    st.textContent = "not saved";
    if (e.data && e.data.conflict) conflict(id, e.data.conflict);
    else el.querySelector(".findings").append(h("li", { class: "error" }, "Not saved: " + e.message));
  }
}

async function confirmMsg(id) {
  const m = state.byId[id];
  try {
    const res = await api("/api/confirm", Object.assign({ lang: state.view.lang.tag, id }, shown(m)));
    applySaved(id, res);
    toast("Confirmed: " + id);
  } catch (e) {
    if (e.data && e.data.conflict) conflict(id, e.data.conflict);
    else toast("Not confirmed: " + e.message);
  }
}

// applySaved takes in the message as it is on disk after a save.
function applySaved(id, res) {
  const m = state.byId[id];
  const fresh = res.message;
  for (const k of ["status", "translation", "hash", "source", "sourceHash", "oldSource", "diff"]) m[k] = fresh[k];
  delete state.drafts[id];
  state.view.new = false;
  const el = $("m-" + id);
  const neu = card(m);
  el.replaceWith(neu);
  if (state.current === id) neu.classList.add("current");
  neu.querySelector(".state").textContent = "saved";
  neu.querySelector(".findings").replaceChildren(...(res.findings || []).map((f) => h("li", { class: f.severity }, f.severity + ": [" + f.rule + "] " + f.message)));
  $("banner").hidden = !state.view.readOnly;
  progress();
}

// conflict shows both versions: the page now knows what is on disk, so
// saving again replaces it with the volunteer's text, knowingly.
function conflict(id, c) {
  const m = state.byId[id];
  const v = state.view;
  for (const k of ["status", "translation", "hash", "source", "sourceHash", "oldSource", "diff"]) m[k] = c.disk[k];
  state.drafts[id] = formsOf(id);
  const el = $("m-" + id);
  const neu = card(m);
  el.replaceWith(neu);
  neu.classList.toggle("current", state.current === id);
  neu.append(h("div", { class: "conflict" },
    h("strong", {}, "Not saved: " + c.why + "."),
    h("div", { class: "row" }, h("span", { class: "k" }, "on disk"), srcForms(c.disk.translation, v.lang.tag, v.lang.dir)),
    h("div", { class: "row" }, h("span", { class: "k" }, "yours"), srcForms(c.yours.forms, v.lang.tag, v.lang.dir)),
    h("div", {}, "Your text is still in the box. Save again to replace the version on disk with yours, or copy from it first.")));
}

// goNext focuses the next text after id that needs work, in page order.
function goNext(id) {
  const cards = [...document.querySelectorAll("#list .msg")];
  const i = cards.findIndex((c) => c.dataset.id === id);
  const order = cards.slice(i + 1).concat(cards.slice(0, i + 1));
  const next = order.find((c) => needsWork(state.byId[c.dataset.id]) && c.dataset.id !== id);
  if (!next) { toast("Every text here is done."); return; }
  const ta = next.querySelector("textarea");
  ta.focus();
  next.scrollIntoView({ block: "center" });
}

$("lang").addEventListener("change", () => load($("lang").value, params().pivot));
$("pivot").addEventListener("change", () => load(state.view.lang.tag, $("pivot").value));
$("newlang").addEventListener("submit", (e) => { e.preventDefault(); const t = $("newtag").value.trim(); if (t) load(t, params().pivot); });
for (const id of ["needs", "part"]) $(id).addEventListener("change", render);
$("search").addEventListener("input", () => { clearTimeout(render.timer); render.timer = setTimeout(render, 200); });

// A new #lang= in the address (typed, or a link) opens that language.
window.addEventListener("hashchange", () => { const q = params(); if (!state.view || q.lang !== state.view.lang.tag) load(q.lang, q.pivot); });

const p = params();
load(p.lang, p.pivot);
