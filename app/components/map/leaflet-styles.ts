import type { LinksFunction } from "@remix-run/node";
import leafletStyles from "leaflet/dist/leaflet.css?url";

/** The `links` of a route that shows a map: Leaflet's stylesheet, loaded with the page rather than by the map script. */
export const leafletLinks: LinksFunction = () => [{ rel: "stylesheet", href: leafletStyles }];
