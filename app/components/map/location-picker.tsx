import { getInputProps, type FieldMetadata } from "@conform-to/react";
import { lazy, Suspense, useCallback, useEffect, useState } from "react";
import { Field } from "~/components/forms/field";
import type { PlaceLookupResult } from "~/modules/places";
import { ClientOnly } from "./client-only";
import type { LatLng } from "./location-picker.client";
import { useMapConfig } from "./map-config";

const LocationPickerMap = lazy(() => import("./location-picker.client"));

const round = (n: number) => String(Math.round(n * 1e6) / 1e6);

/** Sets a form control as if typed, so Conform (and anything listening) sees the change. */
function setControlValue(id: string, value: string) {
  const input = document.getElementById(id) as HTMLInputElement | null;
  if (!input) return;
  Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, "value")?.set?.call(input, value);
  input.dispatchEvent(new Event("input", { bubbles: true }));
  input.dispatchEvent(new Event("change", { bubbles: true }));
}

/**
 * The meeting point: a map with a pin to drag, a "Find on map" button that
 * centres it on the typed postcode or town, and the latitude and longitude
 * as plain number boxes. Without JavaScript only the boxes show; left empty,
 * the server places the activity from the postcode or town.
 */
export function LocationPicker({
  lat,
  lng,
  lookupQuery,
}: {
  lat: FieldMetadata<number | undefined>;
  lng: FieldMetadata<number | undefined>;
  /** The postcode (or else the town) currently typed in the form. */
  lookupQuery: () => string;
}) {
  const config = useMapConfig();
  const [hydrated, setHydrated] = useState(false);
  const [focusKey, setFocusKey] = useState(0);
  const [status, setStatus] = useState<{ text: string; warn?: boolean } | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => setHydrated(true), []);

  const latValue = Number.parseFloat(String(lat.value ?? ""));
  const lngValue = Number.parseFloat(String(lng.value ?? ""));
  const point: LatLng | null = Number.isFinite(latValue) && Number.isFinite(lngValue) ? { lat: latValue, lng: lngValue } : null;

  const move = useCallback(
    (p: LatLng) => {
      setControlValue(lat.id, round(p.lat));
      setControlValue(lng.id, round(p.lng));
      setStatus({ text: "Pin moved. The meeting point is saved when you save the activity." });
    },
    [lat.id, lng.id],
  );

  async function findOnMap() {
    const q = lookupQuery().trim();
    if (!q) {
      setStatus({ text: "Type the postcode or town first, then press Find on map.", warn: true });
      return;
    }
    setBusy(true);
    try {
      const response = await fetch(`/api/places?q=${encodeURIComponent(q)}`, { headers: { Accept: "application/json" } });
      const body = (await response.json()) as PlaceLookupResult | { error: string };
      if (!response.ok || "error" in body) {
        setStatus({ text: "error" in body ? body.error : "We could not look that up. Try again.", warn: true });
        return;
      }
      if (!body.inArea) {
        setStatus({ text: `${body.place.label} is outside the area Linkway covers.`, warn: true });
        return;
      }
      setControlValue(lat.id, round(body.place.lat));
      setControlValue(lng.id, round(body.place.lng));
      setFocusKey((k) => k + 1);
      setStatus({
        text:
          body.place.kind === "postcode"
            ? `Found ${body.place.label}. Drag the pin to the exact meeting point if you need to.`
            : `Found ${body.place.label}. The pin is near the middle of the area: drag it to the exact meeting point.`,
      });
    } catch {
      setStatus({ text: "We could not look that up just now. Drag the pin yourself, or try again.", warn: true });
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="location-picker">
      {hydrated && (
        <div className="button-row">
          <button type="button" className="secondary" onClick={findOnMap} disabled={busy}>
            Find on map
          </button>
        </div>
      )}
      <p className={status?.warn ? "picker-status warn" : "picker-status"} role="status" aria-live="polite">
        {status?.text ?? ""}
      </p>
      <ClientOnly fallback={null}>
        {() => (
          <Suspense fallback={<div className="map map-fallback">Loading the map…</div>}>
            <div aria-label="Map: drag the pin or tap the map to set the meeting point" role="group">
              <LocationPickerMap
                point={point}
                focusKey={focusKey}
                onMove={move}
                config={config}
              />
            </div>
          </Suspense>
        )}
      </ClientOnly>
      <div className="coordinate-row">
        <Field
          label="Latitude"
          hint="Filled in by the map. Leave both empty and we will use the postcode."
          meta={lat}
        >
          {(props) => <input {...getInputProps(lat, { type: "number" })} {...props} step="any" inputMode="decimal" />}
        </Field>
        <Field label="Longitude" meta={lng}>
          {(props) => <input {...getInputProps(lng, { type: "number" })} {...props} step="any" inputMode="decimal" />}
        </Field>
      </div>
    </div>
  );
}
