/*
 * Map of the cooperation sites (Leaflet, served from our own static files).
 *
 * Every element with data-map-config="ID" becomes a map; ID names a json_script element that
 * holds the configuration (GeoJSON URL or inline features, tiles URL and attribution, labels,
 * selected kinds). No inline script: the page works under a Content-Security-Policy without
 * 'unsafe-inline'. A form with data-map-filter="MAP-ID" filters the map by kind on the client.
 */
(function () {
  "use strict";

  function readConfig(id) {
    var element = document.getElementById(id);
    return element ? JSON.parse(element.textContent) : null;
  }

  function format(template, values) {
    return template.replace(/%\((\w+)\)s/g, function (match, name) {
      return name in values ? String(values[name]) : match;
    });
  }

  function popupContent(properties, labels) {
    var root = document.createElement("div");
    root.className = "intl-popup";
    var title = document.createElement("p");
    title.className = "intl-popup__title";
    var link = document.createElement("a");
    link.href = properties.url;
    link.textContent = properties.name;
    link.title = labels.openSite;
    title.appendChild(link);
    root.appendChild(title);
    var kind = document.createElement("p");
    kind.className = "intl-popup__kind";
    kind.textContent = properties.kind_label;
    root.appendChild(kind);
    if (properties.place) {
      var place = document.createElement("p");
      place.className = "intl-popup__place";
      place.textContent = properties.place + ", " + properties.country;
      root.appendChild(place);
    }
    return root;
  }

  function markerFor(feature, latlng, labels) {
    var properties = feature.properties;
    var name = [properties.name, properties.kind_label, properties.place + ", " + properties.country].join(" — ");
    var marker = L.marker(latlng, {
      icon: L.divIcon({
        className: "intl-marker intl-marker--" + properties.kind,
        iconSize: [18, 18],
        iconAnchor: [9, 9],
        popupAnchor: [0, -8],
      }),
      title: name,
      keyboard: true,
      riseOnHover: true,
    });
    marker.bindPopup(function () {
      return popupContent(properties, labels);
    });
    marker.on("add", function () {
      marker.getElement().setAttribute("aria-label", name);
    });
    return marker;
  }

  function lineFor(feature) {
    return L.geoJSON(feature, {
      style: { className: "intl-network intl-network--" + feature.properties.kind, weight: 2, dashArray: "6 6" },
      interactive: false,
    });
  }

  function initMap(container) {
    var config = readConfig(container.getAttribute("data-map-config"));
    if (!config || typeof L === "undefined") {
      return;
    }
    var status = document.querySelector('[data-map-status="' + container.id + '"]');
    var fallback = container.querySelector(".intl-map__fallback");
    if (fallback) {
      fallback.remove();
    }
    container.classList.add("intl-map__canvas--ready");

    var map = L.map(container, { worldCopyJump: true, keyboard: true, scrollWheelZoom: false }).setView([20, 0], 2);
    if (config.tilesUrl) {
      L.tileLayer(config.tilesUrl, { attribution: config.tilesAttribution, maxZoom: 18 }).addTo(map);
    }
    map.attributionControl.setPrefix(false);

    var groups = {};
    var siteUrls = {};
    var form = document.querySelector('[data-map-filter="' + container.id + '"]');

    function checkedKinds() {
      if (!form) {
        return null;
      }
      var kinds = [];
      form.querySelectorAll('input[name="kind"]').forEach(function (input) {
        if (input.checked) {
          kinds.push(input.value);
        }
      });
      return kinds;
    }

    function announce(text) {
      if (status) {
        status.textContent = text;
      }
    }

    function applyFilter() {
      var kinds = checkedKinds();
      var shown = {};
      Object.keys(groups).forEach(function (kind) {
        var visible = kinds === null || kinds.indexOf(kind) !== -1;
        if (visible) {
          groups[kind].addTo(map);
          Object.keys(siteUrls[kind]).forEach(function (url) {
            shown[url] = true;
          });
        } else {
          groups[kind].remove();
        }
      });
      if (form) {
        var count = Object.keys(shown).length;
        announce(count ? format(config.labels.siteCount, { count: count }) : config.labels.noSites);
      }
    }

    function show(collection) {
      var bounds = L.latLngBounds([]);
      collection.features.forEach(function (feature) {
        var kind = feature.properties.kind;
        groups[kind] = groups[kind] || L.featureGroup();
        siteUrls[kind] = siteUrls[kind] || {};
        siteUrls[kind][feature.properties.url] = true;
        if (feature.geometry.type === "Point") {
          var latlng = L.latLng(feature.geometry.coordinates[1], feature.geometry.coordinates[0]);
          markerFor(feature, latlng, config.labels).addTo(groups[kind]);
          bounds.extend(latlng);
        } else {
          lineFor(feature).addTo(groups[kind]);
        }
      });
      applyFilter();
      if (bounds.isValid()) {
        map.fitBounds(bounds, { padding: [24, 24], maxZoom: 6 });
      }
      container.setAttribute("data-map-loaded", "true");
    }

    // A popup opened from the keyboard takes the focus to its link; Escape closes it and the
    // focus goes back to its marker (Leaflet only handles Escape while the map itself has focus).
    var returnFocusTo = null;
    map.on("popupopen", function (event) {
      var source = event.popup._source;
      var popupElement = event.popup.getElement();
      returnFocusTo = null;
      if (source && source.getElement && document.activeElement === source.getElement()) {
        var link = popupElement.querySelector(".intl-popup a");
        if (link) {
          returnFocusTo = source.getElement();
          link.focus();
        }
      }
      L.DomEvent.on(popupElement, "keydown", function (keyEvent) {
        if (keyEvent.key === "Escape") {
          L.DomEvent.stop(keyEvent);
          map.closePopup();
        }
      });
    });
    map.on("popupclose", function (event) {
      var popupElement = event.popup.getElement();
      var active = document.activeElement;
      var focusLost = !active || active === document.body || (popupElement && popupElement.contains(active));
      if (returnFocusTo && focusLost) {
        returnFocusTo.focus();
      }
      returnFocusTo = null;
    });

    if (form) {
      form.addEventListener("change", applyFilter);
    }

    if (config.features) {
      show(config.features);
    } else {
      fetch(config.geojsonUrl, { headers: { Accept: "application/geo+json" } })
        .then(function (response) {
          if (!response.ok) {
            throw new Error(response.statusText);
          }
          return response.json();
        })
        .then(show)
        .catch(function () {
          announce(config.labels.loadError);
        });
    }
  }

  function start() {
    document.querySelectorAll("[data-map-config]").forEach(initMap);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
