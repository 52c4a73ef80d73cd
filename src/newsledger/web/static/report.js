// The static report's verdict buttons: show the groups of one verdict (the served ledger filters by address).
document.querySelectorAll(".quick button").forEach(function (b) {
  b.addEventListener("click", function () {
    document.querySelectorAll(".quick button").forEach(function (x) { x.classList.remove("on"); x.setAttribute("aria-pressed", "false"); });
    b.classList.add("on");
    b.setAttribute("aria-pressed", "true");
    var want = b.getAttribute("data-status");
    document.querySelectorAll("section.group").forEach(function (g) {
      g.classList.toggle("hidden", want !== "all" && g.getAttribute("data-status") !== want);
    });
  });
});
