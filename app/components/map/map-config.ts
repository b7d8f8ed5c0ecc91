import { useRouteLoaderData } from "@remix-run/react";

export interface MapConfig {
  tileUrl: string;
  tileAttribution: string;
}

/** Tile settings come from the server's env through the root loader. */
export function useMapConfig(): MapConfig {
  const data = useRouteLoaderData("root") as { mapConfig?: MapConfig } | undefined;
  return (
    data?.mapConfig ?? {
      tileUrl: "https://tile.openstreetmap.org/{z}/{x}/{y}.png",
      tileAttribution: "&copy; OpenStreetMap contributors",
    }
  );
}
