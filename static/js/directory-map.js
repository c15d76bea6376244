/* Map of the directory: an enhancement over the list, which says the same.
   Leaflet (vendored) draws the GeoJSON of the current filters; the tiles' URL and
   attribution come from data-* attributes set by the server. No inline script. */
(function () {
  "use strict";
  function popupContent(feature) {
    var p = feature.properties || {};
    var wrapper = document.createElement("div");
    var link = document.createElement("a");
    link.href = p.url;
    link.textContent = p.name;
    var strong = document.createElement("strong");
    strong.appendChild(link);
    wrapper.appendChild(strong);
    if (p.city) {
      wrapper.appendChild(document.createElement("br"));
      wrapper.appendChild(document.createTextNode(p.city));
    }
    return wrapper;
  }

  function init() {
    var section = document.querySelector("[data-directory-map]");
    var el = document.getElementById("directory-map");
    if (!section || !el || typeof window.L === "undefined") return;
    section.hidden = false;
    var L = window.L;
    var map = L.map(el, { scrollWheelZoom: false, zoomControl: false }).setView(
      [48.2, -2.9],
      8
    );
    // Leaflet's own buttons say "Zoom in" / "Zoom out": the page gives the French.
    L.control
      .zoom({
        zoomInTitle: el.dataset.labelZoomIn,
        zoomOutTitle: el.dataset.labelZoomOut,
      })
      .addTo(map);
    L.tileLayer(el.dataset.tilesUrl, {
      attribution: el.dataset.attribution,
      maxZoom: 18,
    }).addTo(map);
    map.attributionControl.setPrefix(false);

    fetch(el.dataset.geojsonUrl, { headers: { Accept: "application/geo+json" } })
      .then(function (response) {
        if (!response.ok) throw new Error(response.status);
        return response.json();
      })
      .then(function (data) {
        var layer = L.geoJSON(data, {
          pointToLayer: function (feature, latlng) {
            var name = (feature.properties && feature.properties.name) || "";
            return L.marker(latlng, { alt: name, title: name, keyboard: true });
          },
          onEachFeature: function (feature, marker) {
            marker.bindPopup(popupContent(feature));
          },
        }).addTo(map);
        var bounds = layer.getBounds();
        if (bounds.isValid()) map.fitBounds(bounds, { padding: [20, 20], maxZoom: 13 });
        el.setAttribute("data-loaded", "true");
      })
      .catch(function () {
        var note = document.createElement("p");
        note.className = "help";
        note.textContent = el.dataset.labelError;
        section.appendChild(note);
      });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
