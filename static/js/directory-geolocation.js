/* "Près de chez moi": a progressive enhancement of the directory's GET form.
   Without JavaScript (or without geolocation) the button never appears and the
   form works as is. The position only fills the hidden lat/lon fields; the
   server sorts by distance. Nothing is stored. */
(function () {
  "use strict";
  function init() {
    var form = document.querySelector("form.directory-filters");
    if (!form || !("geolocation" in navigator)) return;
    var actions = form.querySelector("[data-geolocate]");
    var lat = form.querySelector("input[name=lat]");
    var lon = form.querySelector("input[name=lon]");
    if (!actions || !lat || !lon) return;

    var button = document.createElement("button");
    button.type = "button";
    button.className = "button button-secondary";
    button.textContent = actions.dataset.labelButton;
    var status = document.createElement("p");
    status.className = "help";
    status.setAttribute("role", "status");
    actions.appendChild(button);
    actions.appendChild(status);

    button.addEventListener("click", function () {
      button.disabled = true;
      status.textContent = actions.dataset.labelSearching;
      navigator.geolocation.getCurrentPosition(
        function (position) {
          lat.value = position.coords.latitude.toFixed(5);
          lon.value = position.coords.longitude.toFixed(5);
          status.textContent = actions.dataset.labelFound;
          form.submit();
        },
        function () {
          button.disabled = false;
          status.textContent = actions.dataset.labelError;
        },
        { enableHighAccuracy: false, timeout: 10000, maximumAge: 600000 }
      );
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
