import { useState } from "react";
import { ClientOnly } from "~/components/map/client-only";

/**
 * "Use my location": fills hidden lat/lng fields from the browser and submits
 * the search. Only drawn once JavaScript runs and the browser can locate;
 * without it people type a town or postcode.
 */
export function UseMyLocation({ formId, nearInputId }: { formId: string; nearInputId: string }) {
  return <ClientOnly fallback={null}>{() => <LocationButton formId={formId} nearInputId={nearInputId} />}</ClientOnly>;
}

function LocationButton({ formId, nearInputId }: { formId: string; nearInputId: string }) {
  const [state, setState] = useState<"idle" | "locating" | "failed">("idle");
  if (typeof navigator === "undefined" || !("geolocation" in navigator)) return null;
  const locate = () => {
    setState("locating");
    navigator.geolocation.getCurrentPosition(
      (position) => {
        const form = document.getElementById(formId) as HTMLFormElement | null;
        if (!form) return;
        const set = (name: string, value: string) => {
          let input = form.querySelector<HTMLInputElement>(`input[type="hidden"][name="${name}"]`);
          if (!input) {
            input = document.createElement("input");
            input.type = "hidden";
            input.name = name;
            form.appendChild(input);
          }
          input.value = value;
        };
        // Four decimal places (about 10 m) is plenty to find things nearby.
        set("lat", position.coords.latitude.toFixed(4));
        set("lng", position.coords.longitude.toFixed(4));
        const near = document.getElementById(nearInputId) as HTMLInputElement | null;
        if (near) near.value = "";
        setState("idle");
        form.requestSubmit();
      },
      () => setState("failed"),
      { enableHighAccuracy: false, timeout: 10_000, maximumAge: 300_000 },
    );
  };
  return (
    <div className="field use-location">
      <button type="button" className="secondary" onClick={locate} disabled={state === "locating"}>
        {state === "locating" ? "Finding your location…" : "Use my location"}
      </button>
      <p role="status" className={state === "failed" ? "field-error" : "visually-hidden"}>
        {state === "failed" ? "We could not get your location. Type a town or postcode instead." : ""}
      </p>
    </div>
  );
}
