// Filter the groups by verdict; everything else on the page works without script.
document.querySelectorAll(".filters button").forEach(function (b) {
  b.addEventListener("click", function () {
    document.querySelectorAll(".filters button").forEach(function (x) { x.classList.remove("on"); });
    b.classList.add("on");
    var want = b.getAttribute("data-status");
    document.querySelectorAll(".group").forEach(function (g) {
      g.classList.toggle("hidden", want !== "all" && !g.classList.contains(want));
    });
  });
});
