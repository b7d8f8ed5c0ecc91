import type { LoaderFunctionArgs } from "@remix-run/node";
import { getImageStore } from "~/modules/media/index.server";
import { notFound } from "~/utils/http.server";

/** Uploaded pictures. Every upload gets a new key, so a key's bytes never change: cache for a year. */
export async function loader({ params }: LoaderFunctionArgs) {
  const image = await getImageStore().get(params.key ?? "");
  if (!image) throw notFound("We could not find that picture.");
  return new Response(new Uint8Array(image.data), {
    headers: {
      "Content-Type": image.contentType,
      "Content-Length": String(image.data.byteLength),
      "Cache-Control": "public, max-age=31536000, immutable",
    },
  });
}
