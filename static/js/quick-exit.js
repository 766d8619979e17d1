// Exit this page: a progressive enhancement. The link works on its own (it goes to /exit,
// which signs out and leaves). Here we also blank the page at once, replace this history
// entry, and let Shift pressed three times leave from anywhere.
(function () {
  "use strict";
  var link = document.getElementById("quick-exit");
  if (!link) { return; }
  function leave(event) {
    if (event) { event.preventDefault(); }
    document.documentElement.classList.add("blanked");
    document.body.classList.add("blanked");
    document.title = "";
    window.location.replace(link.href);
  }
  link.addEventListener("click", leave);
  var presses = 0;
  var timer = null;
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Shift" || event.repeat) { return; }
    presses += 1;
    clearTimeout(timer);
    timer = setTimeout(function () { presses = 0; }, 1000);
    if (presses >= 3) { leave(); }
  });
})();
