// Claim details beside a highlight, on hover and on keyboard focus. The details are a hidden
// list in the page (each mark is described by it); the box shows a copy of that list, made
// with cloneNode, so no article text is ever parsed as HTML here.
(function () {
  "use strict";
  var tip = null;
  var shownFor = null;

  function claimOf(node) {
    while (node && node.nodeType === 1) {
      if (node.hasAttribute("data-details")) { return node; }
      node = node.parentNode;
    }
    return null;
  }

  function show(mark) {
    var details = document.getElementById(mark.getAttribute("data-details"));
    if (!tip || !details) { return; }
    tip.replaceChildren(details.cloneNode(true));
    tip.firstChild.removeAttribute("id");
    tip.hidden = false;
    var box = mark.getBoundingClientRect();
    var left = Math.min(window.scrollX + box.left, window.scrollX + document.documentElement.clientWidth - tip.offsetWidth - 8);
    tip.style.left = Math.max(window.scrollX + 8, left) + "px";
    tip.style.top = (window.scrollY + box.bottom + 6) + "px";
    if (shownFor) { shownFor.classList.remove("active"); }
    shownFor = document.getElementById(mark.getAttribute("data-details").replace(/^d-/, "c-")) || mark;
    shownFor.classList.add("active");
  }

  function hide() {
    if (tip) { tip.hidden = true; }
    if (shownFor) { shownFor.classList.remove("active"); shownFor = null; }
  }

  document.addEventListener("DOMContentLoaded", function () {
    tip = document.getElementById("claim-tip");
    document.addEventListener("mouseover", function (e) { var m = claimOf(e.target); if (m) { show(m); } });
    document.addEventListener("mouseout", function (e) {
      var m = claimOf(e.target);
      if (m && m !== document.activeElement && !(e.relatedTarget && claimOf(e.relatedTarget) === m)) { hide(); }
    });
    document.addEventListener("focusin", function (e) { var m = claimOf(e.target); if (m) { show(m); } else { hide(); } });
    document.addEventListener("focusout", function (e) { if (claimOf(e.target)) { hide(); } });
    document.addEventListener("keydown", function (e) { if (e.key === "Escape") { hide(); } });
  });
}());
