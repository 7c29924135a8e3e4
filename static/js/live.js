// Joint session: tell the page when another member saved something. The page works
// without this; it only saves a manual reload. Never reloads over unsaved typing.
(function () {
  var live = document.getElementById("live");
  if (!live || !window.fetch) return;
  var url = live.dataset.url, revision = live.dataset.revision, dirty = false;
  document.addEventListener("input", function () { dirty = true; });
  function poll() {
    fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (data) {
        if (!data || String(data.revision) === revision) return;
        if (dirty) { live.hidden = false; } else { window.location.reload(); }
      })
      .catch(function () {})
      .then(function () { setTimeout(poll, 5000); });
  }
  setTimeout(poll, 5000);
})();
