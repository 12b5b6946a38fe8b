/* The HTML book's pages (tools/split-html): the contents drawer, the
   pop-ups on identifiers and chunk references, and the search (lunr). */
(function () {
  "use strict";

  /* the contents: a sidebar on a wide screen, a drawer on a phone */
  function sidebar() {
    var button = document.getElementById("toc-toggle");
    if (!button) return;
    button.addEventListener("click", function () {
      var open = document.body.classList.toggle("toc-open");
      button.setAttribute("aria-expanded", open ? "true" : "false");
    });
    document.getElementById("sidebar").addEventListener("click", function (e) {
      if (e.target.closest("a")) document.body.classList.remove("toc-open");
    });
    var cur = document.querySelector("#sidebar li.current");
    if (cur && cur.scrollIntoView) cur.scrollIntoView({ block: "nearest" });
  }

  /* a pop-up on each identifier and chunk reference: where it is defined,
     and the first lines of that chunk (window.NWCHUNKS, chunks.js) */
  var pop = null, shownFor = null;
  function chunkOf(a) {
    var href = a.getAttribute("href") || "";
    var m = href.match(/^([^#]*)#(nw\d+)$/);
    return m && window.NWCHUNKS ? window.NWCHUNKS[m[2]] : null;
  }
  function show(a) {
    var c = chunkOf(a);
    if (!c) return;
    if (!pop) {
      pop = document.createElement("div");
      pop.id = "popup";
      pop.setAttribute("role", "tooltip");
      document.body.appendChild(pop);
    }
    pop.textContent = "";
    var h = document.createElement("div");
    h.className = "popup-head";
    h.textContent = (a.classList.contains("nwid") ? a.textContent + ": defined in " : "") + c.h;
    var pre = document.createElement("pre");
    pre.textContent = c.c;
    var go = document.createElement("a");
    go.href = a.href;
    go.textContent = "go to " + c.h.replace(/^.*\s(\S+)⟩.*$/, "$1");
    pop.appendChild(h);
    pop.appendChild(pre);
    pop.appendChild(go);
    pop.hidden = false;
    var r = a.getBoundingClientRect(), w = Math.min(560, document.documentElement.clientWidth - 16);
    pop.style.width = w + "px";
    var left = Math.max(8, Math.min(r.left + window.scrollX, window.scrollX + document.documentElement.clientWidth - w - 8));
    pop.style.left = left + "px";
    pop.style.top = (r.bottom + window.scrollY + 6) + "px";
    shownFor = a;
  }
  function hide() { if (pop) pop.hidden = true; shownFor = null; }
  function popups() {
    var pointer = "mouse";
    document.addEventListener("pointerdown", function (e) { pointer = e.pointerType; }, true);
    document.addEventListener("mouseover", function (e) {
      if (pointer === "touch") return;
      var a = e.target.closest && e.target.closest("a[href*='#nw']");
      if (a && !a.closest("#popup")) show(a);
      else if (pop && !e.target.closest("#popup") && shownFor && !shownFor.contains(e.target)) hide();
    });
    /* on a touch screen the first tap shows the pop-up, its link goes there */
    document.addEventListener("click", function (e) {
      var a = e.target.closest && e.target.closest("a[href*='#nw']");
      if (pointer === "touch" && a && !a.closest("#popup") && shownFor !== a && chunkOf(a)) {
        e.preventDefault();
        show(a);
      } else if (!(e.target.closest && e.target.closest("#popup"))) hide();
    });
    document.addEventListener("keydown", function (e) { if (e.key === "Escape") hide(); });
  }

  /* search: lunr's index of every section (window.SEARCH_DOCS), made at the
     first keystroke */
  var index = null;
  function search() {
    var input = document.getElementById("search"), box = document.getElementById("search-results");
    if (!input || !window.lunr || !window.SEARCH_DOCS) return;
    function build() {
      index = lunr(function () {
        this.ref("u");
        this.field("t", { boost: 5 });
        this.field("b");
        /* identifiers keep their underscores: no stemming of free_pages */
        this.pipeline.remove(lunr.stemmer);
        this.searchPipeline.remove(lunr.stemmer);
        var self = this;
        window.SEARCH_DOCS.forEach(function (d) { self.add(d); });
      });
    }
    var byUrl = {};
    window.SEARCH_DOCS.forEach(function (d) { byUrl[d.u] = d; });
    function run() {
      var q = input.value.trim();
      box.textContent = "";
      if (!q) { box.hidden = true; return; }
      if (!index) build();
      var hits;
      try { hits = index.search(q); }
      catch (err) { hits = index.search(q.replace(/[:~^+\-*]/g, " ")); }
      if (!hits.length) {
        var none = document.createElement("p");
        none.textContent = "Nothing found for " + q + ".";
        box.appendChild(none);
      }
      var ol = document.createElement("ol");
      hits.slice(0, 30).forEach(function (h) {
        var d = byUrl[h.ref], li = document.createElement("li"), a = document.createElement("a");
        a.href = d.u;
        a.textContent = d.t;
        var where = document.createElement("span");
        where.className = "search-chapter";
        where.textContent = d.c;
        li.appendChild(a);
        li.appendChild(where);
        ol.appendChild(li);
      });
      if (hits.length) box.appendChild(ol);
      box.hidden = false;
    }
    input.addEventListener("input", run);
    input.addEventListener("search", run);
  }

  document.addEventListener("DOMContentLoaded", function () {
    sidebar();
    popups();
    search();
  });
})();
