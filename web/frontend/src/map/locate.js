// "Show my location": MapLibre's GeolocateControl. The browser asks for permission only when the
// reader presses the button; the position stays in the browser. A refusal gets a polite word.
/* global gettext, maplibregl */
import { say } from "./notice.js";

const PERMISSION_DENIED = 1;

// `help` is the element describing the button (its id goes to aria-describedby).
export function startLocate(map, help) {
  const control = new maplibregl.GeolocateControl({
    positionOptions: { enableHighAccuracy: true, timeout: 15000 },
    fitBoundsOptions: { maxZoom: 17 },
    trackUserLocation: false,
  });
  map.addControl(control, "top-right");
  const button = map.getContainer().querySelector(".maplibregl-ctrl-geolocate");
  if (button && help) button.setAttribute("aria-describedby", help.id);
  control.on("error", (error) => {
    say(
      error.code === PERMISSION_DENIED
        ? gettext("Your location was not shared, which is fine. To use it, allow location for this site in the browser's settings.")
        : gettext("Your location could not be found just now. Please try again in a moment."),
    );
  });
}
