import type { LinksFunction } from "@remix-run/node";
import chartStyles from "./charts.css?url";

/** The `links` of a route that shows charts: their stylesheet, loaded with the page. */
export const chartLinks: LinksFunction = () => [{ rel: "stylesheet", href: chartStyles }];
